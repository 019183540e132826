import { parseDocument } from 'htmlparser2';
import { isSafeHref, MAX_DOC_NODES, type BlockNode, type Doc, type ImageNode, type InlineNode, type ParagraphNode } from '../articles/index.ts';
import { BUILT_IN_EMBEDS } from '../embeds/index.ts';
import { DROP, kids, name, textContent, type HNode } from './html-nodes.ts';
import { figurePicture, imgRef, pictureOf, type ImageResolver, type Sink } from './html-pictures.ts';
import { inlines, paragraph, preText, trimInlines } from './html-inline.ts';
import { readTable, tableAsParagraphs } from './html-table.ts';
import { expandShortcodes, type ShortcodeSource } from './shortcodes.ts';

export type { ImgRef, ImageResolver } from './html-pictures.ts';

export interface ConvertOptions {
  image?: ImageResolver;
  /** The attachments WordPress shortcodes name (`[gallery]`, `[playlist]`); shortcodes.ts. */
  shortcodes?: ShortcodeSource;
}

export interface Converted {
  doc: Doc;
  /** What could not come across (images without media, embeds, dropped elements), for the import report. */
  notes: string[];
}

const BLOCK = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'table', 'hr', 'pre', 'figure', 'div', 'section', 'article', 'aside', 'header', 'footer', 'main', 'nav', 'center', 'address', 'dl', 'iframe', 'img', 'figcaption', 'details', 'summary', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption']);

const classOf = (n: HNode) => ` ${n.attribs?.class ?? ''} `;

/**
 * Post HTML (classic or Gutenberg) into our document. Only the document's
 * own nodes come out: what it has no node for becomes text, and what could
 * run (script, handlers, javascript: links, frames) never reaches it, since
 * no attribute is read but a checked href and an `<img>`'s address, class and
 * alt text (html-pictures.ts), which only find a picture in the media library
 * and become text fields of its node.
 */
export function htmlToDoc(html: string, opts: ConvertOptions = {}): Converted {
  const c = new Converter(opts.image);
  c.blocks(kids(parseDocument(expandShortcodes(html, opts.shortcodes), { decodeEntities: true }) as unknown as HNode));
  c.flush();
  return { doc: { type: 'doc', content: c.out.slice(0, MAX_DOC_NODES / 4) }, notes: [...new Set(c.notes)] };
}

/** Plain text from HTML (excerpts, comment bodies): tags dropped, breaks kept. */
export function htmlToText(html: string): string {
  const { doc } = htmlToDoc(html);
  return doc.content
    .flatMap((b) => (b.type === 'table' ? tableAsParagraphs(b) : [b]))
    .map((b) => ('content' in b && Array.isArray(b.content) ? b.content.map((i) => ('text' in i ? i.text : 'content' in i ? '' : '\n')).join('') : ''))
    .filter((s) => s.trim())
    .join('\n\n');
}

class Converter implements Sink {
  out: BlockNode[] = [];
  notes: string[] = [];
  hoisted: ImageNode[] = [];
  private loose: InlineNode[] = [];

  constructor(readonly image?: ImageResolver) {}

  flush(): void {
    const p = paragraph(this.loose);
    this.loose = [];
    this.push(p);
  }

  /** Pictures found inside a paragraph, heading or link stand after it. */
  private placeHoisted(): void {
    this.out.push(...this.hoisted.splice(0));
  }

  blocks(nodes: HNode[]): void {
    for (const n of nodes) {
      if (n.type === 'text') this.looseText(n.data ?? '');
      else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        if (BLOCK.has(n.name!) || DROP.has(n.name!)) {
          this.flush();
          this.block(n);
        } else if (n.name === 'br') this.loose.push({ type: 'hardBreak' });
        else this.loose.push(...inlines([n], [], this));
      }
    }
  }

  /** Classic WordPress posts have no <p>: a blank line is a paragraph, a newline a break (what wpautop does). */
  private looseText(text: string): void {
    const parts = text.split(/\n[ \t]*\n/);
    parts.forEach((part, i) => {
      if (i > 0) this.flush();
      part.split('\n').forEach((line, j) => {
        if (j > 0 && this.loose.length) this.loose.push({ type: 'hardBreak' });
        const t = line.replace(/\s+/g, ' ');
        if (t.trim() || (t && this.loose.length)) this.loose.push({ type: 'text', text: t });
      });
    });
  }

  private block(n: HNode): void {
    const name = n.name!;
    if (DROP.has(name)) return void this.notes.push(`dropped <${name}>`);
    if (/^h[1-6]$/.test(name)) {
      const content = trimInlines(inlines(kids(n), [], this));
      if (content.length) this.out.push({ type: 'heading', attrs: { level: Math.min(4, Math.max(2, Number(name[1]))) as 2 | 3 | 4 }, content });
      return this.placeHoisted();
    }
    switch (name) {
      case 'p':
      case 'dt':
      case 'dd':
      case 'summary':
      case 'figcaption':
      case 'caption':
        return this.push(paragraph(inlines(kids(n), [], this)));
      case 'hr':
        return void this.out.push({ type: 'horizontalRule' });
      case 'pre':
        return this.push(paragraph(preText(n)));
      case 'img': {
        const node = pictureOf(this, imgRef(n));
        return void (node && this.out.push(node));
      }
      case 'iframe':
        return this.frame(n);
      case 'ul':
      case 'ol':
        return this.list(n);
      case 'table':
        return this.table(n);
      case 'blockquote':
        if (/ (twitter-tweet|instagram-media|tiktok-embed) /.test(classOf(n)) && this.socialPost(n)) return;
        return this.quote(n, classOf(n).includes(' wp-block-pullquote '));
      case 'figure':
        if (kids(n).some((k) => k.name === 'table')) return this.tableFigure(n);
        if (classOf(n).includes(' wp-block-pullquote ')) {
          const q = kids(n).find((k) => k.name === 'blockquote');
          return q ? this.quote(q, true) : this.blocks(kids(n));
        }
        if (this.figure(n)) return;
        return this.blocks(kids(n));
      default:
        this.blocks(kids(n));
        this.flush();
    }
  }

  /** A figure holding one picture whose file the import has is that picture (html-pictures.ts); otherwise it is read as blocks. */
  private figure(n: HNode): boolean {
    const node = figurePicture(n, this.image);
    if (node) this.out.push(node);
    return node !== null;
  }

  /** A paragraph that is only an embed address is an embed: WordPress and Gutenberg embed a URL on its own line. */
  private push(p: ParagraphNode | null): void {
    if (!p) return this.placeHoisted();
    const only = p.content?.length === 1 && p.content[0].type === 'text' ? p.content[0] : null;
    const link = only?.marks?.find((m) => m.type === 'link');
    const embed = only && (!only.marks?.length || (only.marks.length === 1 && link?.type === 'link' && link.attrs.href === only.text.trim())) ? embedNode(only.text.trim()) : null;
    this.out.push(embed ?? p);
    this.placeHoisted();
  }

  /** A frame from a provider we know becomes an embed; any other stays as a link the reader can follow. */
  private frame(n: HNode): void {
    const src = n.attribs?.src ?? '';
    const embed = embedNode(src);
    if (embed) return void this.out.push(embed);
    this.notes.push('embed kept as a link');
    if (isSafeHref(src) && /^https?:/i.test(src)) this.out.push({ type: 'paragraph', content: [{ type: 'text', text: src, marks: [{ type: 'link', attrs: { href: src } }] }] });
  }

  /** The blockquote a tweet, Instagram or TikTok embed code leaves behind: its permalink is the embed (their script is dropped). */
  private socialPost(n: HNode): boolean {
    const links: string[] = [n.attribs?.cite ?? '', n.attribs?.['data-instgrm-permalink'] ?? ''];
    const walk = (x: HNode): void => kids(x).forEach((k) => (k.name === 'a' ? links.push(k.attribs?.href ?? '') : walk(k)));
    walk(n);
    const embed = links.reverse().map(embedNode).find(Boolean);
    if (embed) this.out.push(embed);
    return Boolean(embed);
  }

  private quote(n: HNode, pull: boolean): void {
    const cite = kids(n).find((k) => k.name === 'cite' || k.name === 'footer');
    const inner = new Converter(this.image);
    inner.blocks(kids(n).filter((k) => k !== cite || !pull));
    inner.flush();
    this.notes.push(...inner.notes);
    const paras = inner.out.flatMap(toParagraphs);
    if (paras.length) {
      if (pull) {
        const attribution = cite ? textContent(cite).replace(/\s+/g, ' ').trim().replace(/^[—–-]\s*/, '') : '';
        this.out.push({ type: 'pullQuote', attrs: attribution ? { attribution } : {}, content: paras });
      } else this.out.push({ type: 'blockquote', content: paras });
    }
    // A quote holds only paragraphs: its pictures stand after it.
    this.out.push(...picturesIn(inner.out));
  }

  private list(n: HNode): void {
    const pictures: ImageNode[] = [];
    const items = kids(n)
      .filter((k) => k.name === 'li')
      .map((li) => {
        const inner = new Converter(this.image);
        inner.blocks(kids(li));
        inner.flush();
        this.notes.push(...inner.notes);
        pictures.push(...picturesIn(inner.out));
        return inner.out.flatMap(toParagraphs);
      })
      .filter((ps) => ps.length)
      .map((content) => ({ type: 'listItem' as const, content }));
    if (items.length) this.out.push({ type: name(n) === 'ol' ? 'orderedList' : 'bulletList', content: items });
    // A list item holds only paragraphs: its pictures stand after the list.
    this.out.push(...pictures);
  }

  /** A table; its pictures stand after it (a cell holds paragraphs only), as do a list's. */
  private table(n: HNode, figcaption = ''): void {
    const pictures: ImageNode[] = [];
    const read = readTable(n, (nodes) => {
      const inner = new Converter(this.image);
      inner.blocks(nodes);
      inner.flush();
      this.notes.push(...inner.notes);
      pictures.push(...picturesIn(inner.out));
      return inner.out.flatMap(toParagraphs);
    }, figcaption);
    if (read?.tooBig) this.notes.push('table past the size limits kept as text');
    if (read) this.out.push(...(read.tooBig ? tableAsParagraphs(read.table) : [read.table]));
    this.out.push(...pictures);
  }

  /** Gutenberg's table block (`figure.wp-block-table`) and any figure around a table: its figcaption is the caption. */
  private tableFigure(n: HNode): void {
    const caption = kids(n).find((k) => k.name === 'figcaption');
    for (const k of kids(n)) if (k.name === 'table') this.table(k, caption ? textContent(caption) : '');
    this.blocks(kids(n).filter((k) => k !== caption && k.name !== 'table'));
    this.flush();
  }
}

const picturesIn = (blocks: BlockNode[]) => blocks.filter((b): b is ImageNode => b.type === 'image');

function embedNode(url: string): BlockNode | null {
  const target = BUILT_IN_EMBEDS.match(url);
  return target ? { type: 'embed', attrs: { url: target.url } } : null;
}

function toParagraphs(b: BlockNode): ParagraphNode[] {
  if (b.type === 'paragraph') return [b];
  if (b.type === 'heading') return [{ type: 'paragraph', content: b.content }];
  if (b.type === 'blockquote' || b.type === 'pullQuote') return b.content;
  if (b.type === 'bulletList' || b.type === 'orderedList') return b.content.flatMap((li) => li.content);
  // A table inside a table cell, quote or list item: its rows as lines of text.
  if (b.type === 'table') return tableAsParagraphs(b);
  return [];
}
