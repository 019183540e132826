import type { Doc, EmbedNode } from '../articles/index.ts';
import type { SafeFetch } from '../shared/safe-fetch.ts';
import type { EmbedProviders, EmbedTarget } from './providers.ts';

/**
 * The facade's title and thumbnail, fetched once on save: the provider's
 * oEmbed answer through the SSRF-safe client, then its thumbnail, stored in
 * the media library so readers load it from us and no third party sees a
 * reader before they click. An embed that already has a title or thumbnail
 * is left as it is (the editor sends them back on every save); one whose
 * fetch fails gets the neutral placeholder, and is tried again on a later
 * save. Answers are remembered per address for the process's life, so a
 * story saved every few seconds (autosave) asks the provider once.
 */
export interface EmbedPreviewsDeps {
  providers: EmbedProviders;
  fetch: SafeFetch;
  /** MediaService.importImage: the thumbnail is re-encoded like any upload. */
  importImage(data: Buffer, meta: { alt?: string; credit?: string; originalName?: string }): Promise<{ id: number }>;
  /** How long one save may wait for all its embeds together. */
  budgetMs?: number;
  onError?: (e: unknown) => void;
}

interface Preview {
  title?: string;
  thumbnailId?: number;
  player?: string;
}

const MAX_PER_SAVE = 20;
const MEMO_MAX = 2000;
const OEMBED_BYTES = 256 * 1024;
const THUMB_BYTES = 5 * 1024 * 1024;

export class EmbedPreviews {
  private readonly memo = new Map<string, Promise<Preview>>();

  constructor(private readonly deps: EmbedPreviewsDeps) {}

  /** The document with each new embed's title, thumbnail (and a configured provider's player) filled in. */
  async complete(doc: Doc): Promise<Doc> {
    const wanting = doc.content.filter((b): b is EmbedNode => b.type === 'embed' && !b.attrs.title && !b.attrs.thumbnailId).slice(0, MAX_PER_SAVE);
    if (!wanting.length) return doc;
    const budget = new Promise<null>((r) => setTimeout(r, this.deps.budgetMs ?? 6000, null).unref());
    const found = new Map<string, Preview>();
    await Promise.all(
      wanting.map(async (b) => {
        const p = await Promise.race([this.preview(b.attrs.url), budget]);
        if (p) found.set(b.attrs.url, p);
      }),
    );
    if (!found.size) return doc;
    return {
      ...doc,
      content: doc.content.map((b) => {
        const p = b.type === 'embed' && !b.attrs.title && !b.attrs.thumbnailId ? found.get(b.attrs.url) : undefined;
        return p && b.type === 'embed' ? { ...b, attrs: { ...b.attrs, ...p, ...(b.attrs.player ? { player: b.attrs.player } : {}) } } : b;
      }),
    };
  }

  private preview(url: string): Promise<Preview> {
    let p = this.memo.get(url);
    if (!p) {
      if (this.memo.size >= MEMO_MAX) this.memo.delete(this.memo.keys().next().value!);
      p = this.fetchPreview(url).catch((e) => {
        this.deps.onError?.(e);
        // A failure is forgotten, so the next save tries again.
        this.memo.delete(url);
        return {};
      });
      this.memo.set(url, p);
    }
    return p;
  }

  private async fetchPreview(url: string): Promise<Preview> {
    const target = this.deps.providers.match(url);
    if (!target?.provider.oembed) return {};
    const endpoint = new URL(target.provider.oembed);
    endpoint.searchParams.set('url', target.url);
    if (!endpoint.searchParams.has('format')) endpoint.searchParams.set('format', 'json');
    const got = await this.deps.fetch(endpoint.href, { accept: ['application/json', 'text/javascript', 'text/json'], maxBytes: OEMBED_BYTES });
    const o = JSON.parse(got.body.toString('utf8')) as Record<string, unknown>;
    const out: Preview = {};
    const title = [o.title, o.author_name].find((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (title) out.title = title.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ').trim().slice(0, 300);
    const player = playerFromHtml(o.html, target, this.deps.providers);
    if (player) out.player = player;
    if (typeof o.thumbnail_url === 'string') {
      const thumb = await this.deps.fetch(o.thumbnail_url, { accept: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'], maxBytes: THUMB_BYTES });
      const image = await this.deps.importImage(thumb.body, { alt: out.title ?? '', credit: target.provider.name, originalName: `${target.provider.id}-thumbnail` });
      out.thumbnailId = image.id;
    }
    return out;
  }
}

/** A configured provider's player is the src of the iframe in its oEmbed html, and only on its declared frame origin. */
function playerFromHtml(html: unknown, target: EmbedTarget, providers: EmbedProviders): string | null {
  if (target.player || typeof html !== 'string') return null;
  const src = /<iframe\b[^>]*?\ssrc\s*=\s*["']([^"']{1,2048})["']/i.exec(html)?.[1]?.replace(/&amp;/g, '&');
  return src ? providers.playerFor(target, src) : null;
}
