import type { ImageNode } from '../articles/index.ts';
import { kids, textContent, type HNode } from './html-nodes.ts';

/**
 * Pictures in post HTML: what an `<img>` and its figure say about one, and
 * the node the importer's media step (media.importer.ts) makes of it.
 * htmlToDoc reads no attribute of an `<img>` but these, and only into text
 * fields of an image node.
 */
export interface ImgRef {
  src: string;
  /** WordPress marks the attachment: `wp-image-123`. */
  className: string;
  /** Absent when the tag has no alt attribute (the attachment's may stand in); empty when it says "decorative". */
  alt?: string;
  caption: string;
  credit: string;
}

/** An image node for a picture whose file the import has, or null (the picture is then dropped and noted). */
export type ImageResolver = (img: ImgRef) => ImageNode | null;

/** Where inline conversion leaves what it finds: notes, and pictures lifted out of a paragraph to stand after it. */
export interface Sink {
  notes: string[];
  image?: ImageResolver;
  hoisted: ImageNode[];
}

const DROPPED_IMAGE = 'image dropped: no media to take it from';
const MISSING_IMAGE = 'image dropped: its file was not imported';

export function imgRef(img: HNode, caption = '', credit = ''): ImgRef {
  const a = img.attribs ?? {};
  return { src: (a.src || a['data-src'] || '').trim(), className: a.class ?? '', alt: a.alt, caption, credit };
}

/** The picture's node, or a note saying why there is none. */
export function pictureOf(sink: Sink, ref: ImgRef): ImageNode | null {
  const node = sink.image?.(ref) ?? null;
  if (!node) sink.notes.push(sink.image ? MISSING_IMAGE : DROPPED_IMAGE);
  return node;
}

/**
 * A figure holding one picture (Gutenberg's image block, Ghost's image card,
 * a classic caption) is that picture with its caption; a `<cite>` in the
 * caption is the credit. Null when it is not one (a gallery holds several),
 * or its file is not there: the caller then reads the figure as blocks, and
 * the caption stays as text.
 */
export function figurePicture(n: HNode, image: ImageResolver | undefined): ImageNode | null {
  if (!image) return null;
  const imgs: HNode[] = [];
  const walk = (x: HNode): void => kids(x).forEach((k) => (k.name === 'img' ? imgs.push(k) : k.type === 'tag' && k.name !== 'figcaption' ? walk(k) : undefined));
  walk(n);
  if (imgs.length !== 1) return null;
  const figcaption = kids(n).find((k) => k.name === 'figcaption');
  const cite = figcaption && kids(figcaption).find((k) => k.name === 'cite');
  const credit = cite ? textContent(cite).replace(/\s+/g, ' ').trim() : '';
  const caption = figcaption ? kids(figcaption).filter((k) => k !== cite).map(textContent).join('').replace(/\s+/g, ' ').trim() : '';
  return image(imgRef(imgs[0], caption, credit));
}
