import type { Doc, EmbedNode, ImageInfo } from '../../../domain/articles/index.ts';
import type { EmbedProviders } from '../../../domain/embeds/index.ts';
import { esc } from './escape.ts';
import { pictureHtml } from './picture.ts';

/**
 * An embed as a privacy-first facade: a link to the post on the provider's
 * site, with our own copy of its thumbnail (or a neutral placeholder) and
 * its title. Nothing on it is loaded from the provider. Without JavaScript
 * it is just that link; /static/embeds.js swaps in the player frame only
 * when the reader clicks, reading the player address from `data-embed-player`,
 * which is rebuilt here from the provider table (never the stored text).
 */
export const EMBED_THUMB_SIZES = '(min-width: 46rem) 42rem, calc(100vw - 2rem)';

export function embedHtml(b: EmbedNode, embeds: EmbedProviders, images: Map<number, ImageInfo>): string {
  const target = embeds.match(b.attrs.url);
  if (!target) return '';
  const name = target.provider.name;
  const title = b.attrs.title?.trim() || `${name}`;
  const player = embeds.playerFor(target, b.attrs.player);
  const thumb = b.attrs.thumbnailId ? images.get(b.attrs.thumbnailId) : undefined;
  const picture = thumb ? pictureHtml(thumb, { alt: '', sizes: EMBED_THUMB_SIZES }) : '';
  const media = picture || '<span class="embed-placeholder" aria-hidden="true"></span>';
  const playAttrs = player ? ` data-embed-player="${esc(player)}" data-embed-title="${esc(title)}"` : '';
  const action = player ? `Play from ${name}` : `Open on ${name}`;
  const note = player ? `<span class="embed-note">Loads ${esc(name)}’s player, which may set cookies. Opens on ${esc(name)} without JavaScript.</span>` : '';
  const caption = b.attrs.caption ? `<figcaption>${esc(b.attrs.caption)}</figcaption>` : '';
  return (
    `<figure class="embed embed-${esc(target.provider.id)}">` +
    `<a class="embed-facade" href="${esc(target.url)}" rel="noopener nofollow"${playAttrs}>` +
    `<span class="embed-media">${media}<span class="embed-play" aria-hidden="true"></span></span>` +
    `<span class="embed-text"><span class="embed-title">${esc(title)}</span><span class="embed-action">${esc(action)}</span></span>` +
    `</a>${note}${caption}</figure>`
  );
}

/** The frame origins a page's body needs in its CSP: only those of the providers it actually shows with a player. */
export function embedFrameOrigins(doc: Doc, embeds: EmbedProviders): string[] {
  const origins = new Set<string>();
  for (const b of doc.content) {
    if (b.type !== 'embed') continue;
    const target = embeds.match(b.attrs.url);
    if (target && embeds.playerFor(target, b.attrs.player)) origins.add(target.provider.frameOrigin);
  }
  return [...origins].sort();
}
