import { curlQuotes } from '../../../domain/shared/typography.ts';
import type { ImageInfo } from '../../../domain/articles/index.ts';
import { bestJpeg, mediaUrl, srcset } from '../../../domain/media/index.ts';
import { esc } from './escape.ts';

export interface PictureOptions {
  alt: string;
  /** The `sizes` attribute: how wide the image is laid out at each viewport. */
  sizes: string;
  /** Above the fold (the lead image): load at once, at high priority, for a fast LCP. */
  eager?: boolean;
}

/**
 * `<picture>` with a WebP source and a JPEG fallback, both as srcset so the
 * browser picks the width. `width`/`height` reserve the box before the bytes
 * arrive, so text does not jump while the image loads.
 */
export function pictureHtml(image: ImageInfo, o: PictureOptions): string {
  const fallback = bestJpeg(image);
  if (!fallback) return '';
  const webp = srcset(image, 'webp');
  const jpeg = srcset(image, 'jpeg');
  const load = o.eager ? 'loading="eager" fetchpriority="high"' : 'loading="lazy"';
  return (
    '<picture>' +
    (webp ? `<source type="image/webp" srcset="${esc(webp)}" sizes="${esc(o.sizes)}">` : '') +
    `<img src="${esc(mediaUrl(image, fallback.file))}" srcset="${esc(jpeg)}" sizes="${esc(o.sizes)}" ` +
    `width="${fallback.width}" height="${fallback.height}" alt="${esc(o.alt)}" ${load} decoding="async">` +
    '</picture>'
  );
}

export interface FigureOptions extends PictureOptions {
  caption: string;
  credit: string;
  className: string;
  /** The story's language: the caption and credit are copy, curled like the body. */
  lang: string;
}

export function figureHtml(image: ImageInfo, o: FigureOptions): string {
  const picture = pictureHtml(image, o);
  if (!picture) return '';
  const credit = o.credit ? `<span class="credit">${esc(curlQuotes(o.credit, o.lang))}</span>` : '';
  const caption = o.caption || o.credit ? `<figcaption>${esc(curlQuotes(o.caption, o.lang))}${o.caption && credit ? ' ' : ''}${credit}</figcaption>` : '';
  return `<figure class="${esc(o.className)}">${picture}${caption}</figure>`;
}
