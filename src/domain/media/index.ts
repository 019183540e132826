export { MediaService, imageEncoder, mediaUrl, srcset, bestJpeg, VARIANT_WIDTHS, MAX_INPUT_PIXELS, MAX_UPLOAD_BYTES, type ImageMeta } from './media.service.ts';
export { DiskBlobStore, type BlobStore } from './blob-store.ts';
export { parseImageMetaPatch, META_LIMITS } from './media.input.ts';
export type { ImageUse } from './media.repo.ts';
