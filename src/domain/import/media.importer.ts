import path from 'node:path';
import type { Db, Q } from '../../storage/index.ts';
import type { ImageNode } from '../articles/index.ts';
import type { SafeFetch } from '../shared/safe-fetch.ts';
import type { ImageResolver, ImgRef } from './html-to-doc.ts';
import type { ShortcodeSource } from './shortcodes.ts';
import { importedImages, rememberImported } from './import.repo.ts';
import { eachLimited, readUnder, uploadsPath, type MediaSourceName } from './media.files.ts';

/** Where an import may take pictures from; neither: pictures an earlier run brought are reused, others are counted. */
export interface MediaOptions {
  /** A local copy of `wp-content/uploads` (or Ghost's `content/images`). */
  dir?: string;
  /** Fetch each picture from its URL through the SSRF-safe client. */
  fetch?: boolean;
}

/** What the importer needs of the media library: MediaService.importImage (sniffed, re-encoded, EXIF gone, sizes made). */
export interface MediaLibrary {
  importImage(data: Buffer, meta: { alt?: string; caption?: string; credit?: string; originalName?: string }, within?: (trx: Q, id: number) => Promise<void>): Promise<{ id: number }>;
}

/** A WordPress attachment: the picture a `_thumbnail_id` or a `wp-image-N` class names, with its words. */
export interface Attachment {
  url: string;
  alt: string;
  caption: string;
}

/** A picture a batch names, with the words the library row gets when this run brings it in. */
export type PictureRef = Pick<ImgRef, 'src' | 'className' | 'alt'> & { caption?: string };

export interface MediaReport {
  /** New images in the library, images an earlier run made that were used again, pictures that could not be had. */
  imported: number;
  reused: number;
  failed: number;
  /** Pictures not looked for: neither --media-dir nor --fetch-media was given. */
  notTried: number;
  /** The first failures, each with why. */
  failures: { url: string; reason: string }[];
}

/** Bytes the fetch and the folder accept: the upload limit (MediaService refuses more anyway). */
const MAX_BYTES = 20 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 15_000;
/** Fetches and re-encodes at once: enough to overlap the network with sharp, few enough for a 2-core machine. */
const CONCURRENCY = 4;
const LISTED_FAILURES = 100;
/** Source URLs are keys in import_sources; longer ones are not kept. */
const MAX_URL = 2000;
/** A server's word for the type is not trusted: the bytes are judged by MediaService, as for an upload. These only keep out pages and JSON. */
const ACCEPT = ['image/', 'application/octet-stream', 'binary/octet-stream'];

export interface MediaDeps {
  db: Db;
  library?: MediaLibrary;
  fetch?: SafeFetch;
}

/**
 * The pictures of one import run. Between batches, `prepare` gets every
 * picture the next batch names (outside the batch's transaction: fetching
 * and encoding take seconds, and SQLite has one writer), keyed by source URL
 * in import_sources (kind `media`) in the image's own transaction, so a
 * re-run finds it and makes no second copy. The batch's conversion then
 * looks pictures up with `resolver()` and `featured()`, which never wait.
 * A picture that cannot be had is counted and listed; its story goes in
 * without it.
 */
export class ImportMedia {
  /** WordPress attachments by post id and by URL, read in the first pass over the file (a post may come before its attachment). */
  private readonly attachments = new Map<string, Attachment>();
  private readonly attachmentsByUrl = new Map<string, Attachment>();
  /** Each post's attachments as [menu order, id], for a `[gallery]` or `[playlist]` that lists no ids. */
  private readonly children = new Map<string, [number, number][]>();
  private readonly have = new Map<string, number>();
  private readonly missing = new Map<string, string>();
  readonly report: MediaReport = { imported: 0, reused: 0, failed: 0, notTried: 0, failures: [] };

  constructor(
    private readonly deps: MediaDeps,
    private readonly source: MediaSourceName,
    private readonly opts: MediaOptions,
    private readonly nowIso: string,
    /** The old site's address, for pictures given by path (`/wp-content/uploads/…`). */
    private readonly base: () => string = () => '',
  ) {}

  addAttachment(id: string, att: Attachment, parent = '', order = 0): void {
    if (!att.url) return;
    this.attachments.set(id, att);
    this.attachmentsByUrl.set(att.url, att);
    if (parent && parent !== '0') {
      const list = this.children.get(parent);
      if (list) list.push([order, Number(id)]);
      else this.children.set(parent, [[order, Number(id)]]);
    }
  }

  /** What a post's shortcodes may name: its own attachments in WordPress's gallery order (menu order, then id), and any attachment's file. */
  shortcodesFor(postId: string): ShortcodeSource {
    return {
      childrenOf: () => [...(this.children.get(postId) ?? [])].sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, id]) => String(id)),
      urlOf: (id) => this.attachments.get(id)?.url,
    };
  }

  /** A featured image given by attachment id (WordPress's `_thumbnail_id`), as a ref `prepare` and `imageFor` take. */
  attachmentRef(id: string): PictureRef | undefined {
    const att = this.attachments.get(id);
    return att && { src: att.url, className: '', alt: att.alt };
  }

  /** The key of a picture: its attachment's URL when the tag names one (the full size, not a resized copy), else its own, absolute when it can be. */
  urlOf(ref: Pick<ImgRef, 'src' | 'className'>): string {
    const raw = this.attachmentOf(ref.className)?.url || ref.src;
    if (!raw || /^https?:\/\//i.test(raw) || raw.startsWith('__GHOST_URL__')) return raw;
    try {
      return new URL(raw, this.base() || undefined).href;
    } catch {
      return raw;
    }
  }

  /** Gets every picture these refs name that this run has not seen yet. */
  async prepare(refs: PictureRef[]): Promise<void> {
    const wanted = new Map<string, PictureRef>();
    for (const r of refs) {
      const url = this.urlOf(r);
      if (url && !this.have.has(url) && !this.missing.has(url) && !wanted.has(url)) wanted.set(url, r);
    }
    if (!wanted.size) return;
    const keyable = [...wanted.keys()].filter((u) => u.length <= MAX_URL);
    for (const [url, id] of await importedImages(this.deps.db.kysely, this.source, keyable)) {
      this.have.set(url, id);
      wanted.delete(url);
      this.report.reused++;
    }
    // Neither option (or a harness without the media library): counted, not looked for.
    const library = this.deps.library;
    if ((!this.opts.dir && !this.opts.fetch) || !library) {
      for (const url of wanted.keys()) this.missing.set(url, 'not looked for');
      this.report.notTried += wanted.size;
      return;
    }
    await eachLimited([...wanted], CONCURRENCY, async ([url, ref]) => {
      try {
        this.have.set(url, await this.bring(library, url, ref));
        this.report.imported++;
      } catch (e) {
        this.fail(url, (e as Error).message || String(e));
      }
    });
  }

  /** The image an earlier `prepare` got for this URL. */
  imageFor(ref: Pick<ImgRef, 'src' | 'className'>): number | undefined {
    return this.have.get(this.urlOf(ref));
  }

  /** htmlToDoc's lookup: the node carries the tag's (or figure's) words, else the attachment's. */
  resolver(): ImageResolver {
    return (ref) => {
      const imageId = this.imageFor(ref);
      if (imageId === undefined) return null;
      const att = this.attachmentOf(ref.className);
      const attrs: ImageNode['attrs'] = { imageId };
      const alt = (ref.alt ?? att?.alt ?? '').trim();
      const caption = (ref.caption || att?.caption || '').trim();
      if (alt) attrs.alt = alt.slice(0, 1000);
      if (caption) attrs.caption = caption.slice(0, 1000);
      if (ref.credit) attrs.credit = ref.credit.slice(0, 1000);
      return { type: 'image', attrs };
    };
  }

  private attachmentOf(className: string): Attachment | undefined {
    const id = /(?:^|\s)wp-image-(\d+)(?:\s|$)/.exec(className)?.[1];
    return id ? this.attachments.get(id) : undefined;
  }

  private fail(url: string, reason: string): void {
    this.missing.set(url, reason);
    this.report.failed++;
    if (this.report.failures.length < LISTED_FAILURES) this.report.failures.push({ url: url.slice(0, 300), reason: reason.slice(0, 200) });
  }

  /** Bytes from the folder (first, when both are allowed) or the network, into the library, keyed by URL in the image's transaction. */
  private async bring(library: MediaLibrary, url: string, ref: PictureRef): Promise<number> {
    if (url.length > MAX_URL) throw new Error('address too long to keep');
    const data = await this.bytesOf(url);
    const att = this.attachmentsByUrl.get(url);
    let name = '';
    try {
      name = path.posix.basename(new URL(url, 'http://relative.invalid/').pathname);
    } catch {
      // A name is only a label in the library.
    }
    const image = await library.importImage(data, { alt: (ref.alt ?? att?.alt ?? '').slice(0, 500), caption: (ref.caption || att?.caption || '').slice(0, 1000), originalName: name.slice(0, 255) }, (trx, id) =>
      rememberImported(trx, this.source, 'media', url, id, this.nowIso),
    );
    return image.id;
  }

  private async bytesOf(url: string): Promise<Buffer> {
    let folderError: Error | undefined;
    if (this.opts.dir) {
      const segments = uploadsPath(url, this.source);
      if (segments) {
        try {
          return await readUnder(this.opts.dir, segments, MAX_BYTES);
        } catch (e) {
          folderError = e as Error;
        }
      } else folderError = new Error(`not under ${this.source === 'ghost' ? '/content/images/' : '/wp-content/uploads/'}, so not in the media folder`);
    }
    if (!this.opts.fetch || !this.deps.fetch) throw folderError ?? new Error('not fetched');
    if (url.startsWith('__GHOST_URL__')) throw new Error('the export names no site address for it (__GHOST_URL__); use --media-dir');
    const got = await this.deps.fetch(url, { accept: ACCEPT, maxBytes: MAX_BYTES, timeoutMs: FETCH_TIMEOUT_MS });
    return got.body;
  }
}
