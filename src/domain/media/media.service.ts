import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { containsText, type Db, type Q } from '../../storage/index.ts';
import { imageFromRow, type ImageInfo, type ImageVariant } from '../articles/index.ts';
import type { Clock } from '../shared/clock.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { BlobStore } from './blob-store.ts';
import { inUseMessage } from './media.input.ts';
import { deleteImageRow, imageUses, lockImageRow, type ImageUse } from './media.repo.ts';

/** Widths generated once at upload, for `srcset`. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920];

/**
 * libvips, under sharp, keeps a cache of recent operations (up to 50 MB) and
 * runs a thread per core for each image. We encode each upload once and never
 * repeat an operation, so the cache only holds memory; and every extra thread
 * leaves glibc a malloc arena that keeps its pages after the work is done.
 * Measured on the demo paper's first start (docs/performance.md): resident
 * memory 281 MB with sharp's defaults, 184 MB with these and MALLOC_ARENA_MAX=2.
 * Called once, from main.ts.
 */
export function configureImageEncoder(): void {
  sharp.cache(false);
  sharp.concurrency(1);
}
/** Ours, well below sharp's default: a decompression bomb is refused before it is decoded. */
export const MAX_INPUT_PIXELS = 40_000_000;
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** The lowercase codes of docs/architecture.md (hostile input: uploads); the shared ErrorCode union does not list them, so they are set on the instance (as comments do). */
export type MediaErrorCode = 'image_too_large' | 'svg_not_allowed' | 'unsupported_image';
const MEDIA_STATUS: Record<MediaErrorCode, number> = { image_too_large: 422, svg_not_allowed: 415, unsupported_image: 415 };

export class MediaError extends AppError {
  constructor(code: MediaErrorCode, message: string) {
    super(code === 'image_too_large' ? 'VALIDATION_FAILED' : 'UNSUPPORTED_MEDIA_TYPE', message, { field: 'file' });
    Object.assign(this, { code, status: MEDIA_STATUS[code] });
  }
}

const ACCEPTED_LIST = 'JPEG, PNG, WebP, AVIF or GIF';

/**
 * Magic bytes first (ASVS 5.2.2): only the raster containers we accept
 * ever reach the decoder, so an SVG, a PDF or an HTML page named .jpg is
 * refused without being parsed by librsvg, poppler or anything else.
 */
export function sniffImage(data: Buffer): 'jpeg' | 'png' | 'gif' | 'webp' | 'isobmff' | 'svg' | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  const head = data.subarray(0, 12).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'webp';
  if (head.slice(4, 8) === 'ftyp') return 'isobmff';
  // SVG (and .svgz): named only to give a clearer refusal.
  if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) return 'svg';
  const text = data.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (text.startsWith('<') && /<svg[\s>]/.test(text)) return 'svg';
  return null;
}

const ACCEPTED: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif', heif: 'image/avif' };

export interface ImageMeta {
  alt?: string;
  caption?: string;
  credit?: string;
  originalName?: string;
}

function clean(s: string | undefined, max: number, field: string): string {
  if (s === undefined) return '';
  if (typeof s !== 'string' || s.length > max) throw validationError([{ field, message: `must be at most ${max} characters` }]);
  return s.normalize('NFC').replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
}

/**
 * Images: the type is read from the bytes (sharp metadata), never from a
 * name; every stored file is a re-encode, which drops EXIF/GPS and any
 * payload riding along in the original.
 */
export class MediaService {
  constructor(private readonly deps: { db: Db; clock: Clock; store: BlobStore; changes: ChangeNotifier }) {}

  /**
   * `within` runs in the transaction that inserts the image row, so what the
   * caller keys by the new id (the importer's source URL) commits with it or
   * not at all.
   */
  async importImage(data: Buffer, meta: ImageMeta = {}, within?: (trx: Q, id: number) => Promise<void>): Promise<ImageInfo> {
    if (data.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `images are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, { field: 'file' });
    const alt = clean(meta.alt, 500, 'alt');
    const caption = clean(meta.caption, 1000, 'caption');
    const credit = clean(meta.credit, 200, 'credit');
    const originalName = clean(meta.originalName, 255, 'originalName');
    const sniffed = sniffImage(data);
    if (sniffed === 'svg') throw new MediaError('svg_not_allowed', `SVG files are not accepted (they can carry scripts); upload ${ACCEPTED_LIST}`);
    if (!sniffed) throw new MediaError('unsupported_image', `the file is not an image we accept (${ACCEPTED_LIST})`);
    let info: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
    try {
      // Header only: no pixel is decoded here, so a bomb costs a few KB to refuse.
      info = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).metadata();
    } catch (e) {
      if (/pixel limit/i.test((e as Error).message ?? '')) throw tooLarge();
      throw new MediaError('unsupported_image', `the file is not an image we accept (${ACCEPTED_LIST})`);
    }
    const mime = info.format ? ACCEPTED[info.format] : undefined;
    if (!mime) throw new MediaError('unsupported_image', `${info.format ?? 'this'} files are not accepted; upload ${ACCEPTED_LIST}`);
    const width = info.autoOrient?.width ?? info.width ?? 0;
    const height = info.autoOrient?.height ?? info.height ?? 0;
    if (!width || !height) throw new MediaError('unsupported_image', 'the image has no size');
    if (width * height > MAX_INPUT_PIXELS) throw tooLarge();

    const key = randomBytes(12).toString('base64url');
    const variants: ImageVariant[] = [];
    try {
      for (const w of VARIANT_WIDTHS.filter((w, i) => w <= width || i === 0)) {
        const target = Math.min(w, width);
        const pipeline = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate().resize({ width: target, withoutEnlargement: true });
        const webp = await pipeline.clone().webp({ quality: 78 }).toBuffer({ resolveWithObject: true });
        await this.deps.store.put(key, `${target}.webp`, webp.data);
        variants.push({ width: webp.info.width, height: webp.info.height, format: 'webp', file: `${target}.webp` });
        const jpeg = await pipeline.clone().flatten({ background: '#ffffff' }).jpeg({ quality: 80, mozjpeg: true }).toBuffer({ resolveWithObject: true });
        await this.deps.store.put(key, `${target}.jpg`, jpeg.data);
        variants.push({ width: jpeg.info.width, height: jpeg.info.height, format: 'jpeg', file: `${target}.jpg` });
      }
      const now = this.deps.clock.now().toISOString();
      const id = await this.deps.db.kysely.transaction().execute(async (trx) => {
        const r = await trx
          .insertInto('images')
          .values({ key, mime, width, height, bytes: data.length, alt, caption, credit, original_name: originalName, variants: JSON.stringify(variants), created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        // A new image is on no page yet: the row is for the feed's other readers, and it purges nothing.
        await recordChange(trx, now, { kind: 'image', id: r.id, action: 'created', tags: [] });
        await within?.(trx, r.id);
        return r.id;
      });
      await this.deps.changes.committed();
      return this.get(id);
    } catch (e) {
      // No orphan files: whatever was written for this key goes if the row does not.
      await this.deps.store.removeAll(key).catch(() => undefined);
      if (e instanceof AppError) throw e;
      if (/pixel limit/i.test((e as Error).message ?? '')) throw tooLarge();
      // A header that promised an image whose pixels then fail to decode (truncated, corrupt).
      if (/(VipsJpeg|VipsPng|vipspng|gifload|webp|heif|premature|corrupt|truncated|Input buffer)/i.test((e as Error).message ?? '')) {
        throw new MediaError('unsupported_image', 'the image is damaged or truncated and cannot be read');
      }
      throw e;
    }
  }

  async get(id: number): Promise<ImageInfo> {
    const r = await this.deps.db.kysely.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound(`image ${id}`);
    return imageFromRow(r);
  }

  /** Several images in one query, by id; unknown ids are absent. */
  async getMany(ids: number[]): Promise<Map<number, ImageInfo>> {
    if (!ids.length) return new Map();
    const rows = await this.deps.db.kysely.selectFrom('images').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, imageFromRow(r)]));
  }

  /** Newest first; `search` keeps images whose alt text, caption, credit or file name contains it. */
  async list(limit: number, offset: number, search = ''): Promise<ImageInfo[]> {
    const rows = await this.matching(search).selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
    return rows.map(imageFromRow);
  }

  async count(search = ''): Promise<number> {
    const r = await this.matching(search).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  private matching(search: string) {
    const q = this.deps.db.kysely.selectFrom('images');
    const text = search.trim().slice(0, 200);
    if (!text) return q;
    const op = this.deps.db.caps.caseInsensitiveLike;
    return q.where((eb) => eb.or(['alt', 'caption', 'credit', 'original_name'].map((c) => containsText(op, c, text))));
  }

  /** The library's words for an image: what a story gets when its own node leaves them empty. */
  async updateMeta(id: number, meta: Pick<ImageMeta, 'alt' | 'caption' | 'credit'>): Promise<ImageInfo> {
    const patch: { alt?: string; caption?: string; credit?: string } = {};
    if (meta.alt !== undefined) patch.alt = clean(meta.alt, 500, 'alt');
    if (meta.caption !== undefined) patch.caption = clean(meta.caption, 1000, 'caption');
    if (meta.credit !== undefined) patch.credit = clean(meta.credit, 200, 'credit');
    await this.get(id);
    if (Object.keys(patch).length) {
      const at = this.deps.clock.now().toISOString();
      await this.deps.db.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('images').set(patch).where('id', '=', id).execute();
        // Every page that shows it (story pages, cards, author pages, the masthead logo) carries its tag; feeds carry captions.
        await recordChange(trx, at, { kind: 'image', id, action: 'updated', tags: [cacheTag.image(id), cacheTag.feeds] });
      });
      await this.deps.changes.committed();
    }
    return this.get(id);
  }

  /** Where the image shows: featured on stories, inline in story bodies, people's photos, the site logo. */
  async usesOf(id: number): Promise<ImageUse[]> {
    return imageUses(this.deps.db.kysely, await this.get(id));
  }

  /**
   * Deletes an image nothing shows, row and files; 409 naming every place
   * that still uses it otherwise. The check and the delete are one
   * transaction, and on PostgreSQL the image row is locked first: a story
   * save that has started using the image (it share-locks the images it
   * resolves) finishes before the uses are read, and one that comes after
   * finds the image gone (422). The files go after the commit: a crash in
   * between leaves unreferenced files, never a row whose files are missing.
   */
  async removeUnused(id: number, actor: string): Promise<void> {
    const image = await this.get(id);
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await lockImageRow(trx, id, this.deps.db.caps.rowLocks);
      const uses = await imageUses(trx, image);
      if (uses.length) throw new AppError('CONFLICT', inUseMessage(id, uses));
      if (!(await deleteImageRow(trx, id))) throw notFound(`image ${id}`);
      await recordAudit(trx, now, { actor, action: 'image.delete', targetType: 'image', targetId: id, detail: { key: image.key } });
      // Unused means on no page: nothing to purge, but the feed's other readers (API clients, importers) learn it went.
      await recordChange(trx, now, { kind: 'image', id, action: 'deleted', tags: [] });
    });
    await this.deps.changes.committed();
    // Best effort: the row is gone, so nothing links to these files any more.
    await this.deps.store.removeAll(image.key).catch(() => undefined);
  }
}

function tooLarge(): MediaError {
  return new MediaError('image_too_large', `the image is larger than ${MAX_INPUT_PIXELS / 1e6} megapixels; scale it down before uploading`);
}

/** Public URL of a variant file. */
export function mediaUrl(image: ImageInfo, file: string): string {
  return `/media/${image.key}/${file}`;
}

/** `srcset` for one format, widths ascending. */
export function srcset(image: ImageInfo, format: 'webp' | 'jpeg'): string {
  return image.variants
    .filter((v) => v.format === format)
    .sort((a, b) => a.width - b.width)
    .map((v) => `${mediaUrl(image, v.file)} ${v.width}w`)
    .join(', ');
}

/** The largest JPEG at or under `maxWidth`, for feeds, OpenGraph and JSON-LD. */
export function bestJpeg(image: ImageInfo, maxWidth = 1280): ImageInfo['variants'][number] | undefined {
  const jpegs = image.variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  return jpegs.filter((v) => v.width <= maxWidth).pop() ?? jpegs[0];
}
