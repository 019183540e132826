import type { ImageInfo } from '../../../domain/articles/index.ts';
import { mediaUrl } from '../../../domain/media/index.ts';

/** A thumbnail-sized JPEG for grids and pickers (every image has one: widths start at 320). */
export function thumbUrl(image: ImageInfo): string {
  const jpegs = image.variants.filter((v) => v.format === 'jpeg').sort((a, b) => a.width - b.width);
  const pick = jpegs.find((v) => v.width >= 640) ?? jpegs[jpegs.length - 1];
  return pick ? mediaUrl(image, pick.file) : '';
}

/** The masthead logo's file: WebP keeps a transparent background; 640 px wide covers a 2x screen. */
export function logoUrlOf(image: ImageInfo): string {
  const webps = image.variants.filter((v) => v.format === 'webp').sort((a, b) => a.width - b.width);
  const pick = webps.find((v) => v.width >= 640) ?? webps[webps.length - 1];
  return pick ? mediaUrl(image, pick.file) : thumbUrl(image);
}
