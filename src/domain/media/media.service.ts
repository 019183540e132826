import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { Db } from '../../storage/index.ts';
import { imageFromRow, type ImageInfo, type ImageVariant } from '../articles/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import type { BlobStore } from './blob-store.ts';

/** Widths generated once at upload, for `srcset`. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920];
/** Ours, well below sharp's default: a decompression bomb is refused before it is decoded. */
export const MAX_INPUT_PIXELS = 40_000_000;
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

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
  constructor(private readonly deps: { db: Db; clock: Clock; store: BlobStore }) {}

  async importImage(data: Buffer, meta: ImageMeta = {}): Promise<ImageInfo> {
    if (data.length > MAX_UPLOAD_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `images are limited to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`, { field: 'file' });
    const alt = clean(meta.alt, 500, 'alt');
    const caption = clean(meta.caption, 1000, 'caption');
    const credit = clean(meta.credit, 200, 'credit');
    const originalName = clean(meta.originalName, 255, 'originalName');
    let info: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
    try {
      info = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).metadata();
    } catch {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the file is not an image we accept (JPEG, PNG, WebP, AVIF or GIF)', { field: 'file' });
    }
    const mime = info.format ? ACCEPTED[info.format] : undefined;
    if (!mime) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${info.format ?? 'this'} files are not accepted; upload JPEG, PNG, WebP, AVIF or GIF`, { field: 'file' });
    const width = info.autoOrient?.width ?? info.width ?? 0;
    const height = info.autoOrient?.height ?? info.height ?? 0;
    if (!width || !height) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'the image has no size', { field: 'file' });
    if (width * height > MAX_INPUT_PIXELS) throw new AppError('VALIDATION_FAILED', `the image is larger than ${MAX_INPUT_PIXELS / 1e6} megapixels`, { field: 'file' });

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
      const r = await this.deps.db.kysely
        .insertInto('images')
        .values({ key, mime, width, height, bytes: data.length, alt, caption, credit, original_name: originalName, variants: JSON.stringify(variants), created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return this.get(r.id);
    } catch (e) {
      // No orphan files: whatever was written for this key goes if the row does not.
      await this.deps.store.removeAll(key).catch(() => undefined);
      if (e instanceof AppError) throw e;
      if ((e as Error).message?.includes('pixel limit')) throw new AppError('VALIDATION_FAILED', 'the image is too large', { field: 'file' });
      throw e;
    }
  }

  async get(id: number): Promise<ImageInfo> {
    const r = await this.deps.db.kysely.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound(`image ${id}`);
    return imageFromRow(r);
  }

  async list(limit: number, offset: number): Promise<ImageInfo[]> {
    const rows = await this.deps.db.kysely.selectFrom('images').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
    return rows.map(imageFromRow);
  }
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
