import type { CheckContext, RawFinding, Rule } from '../editorial-checks.types.ts';
import { blockRange } from '../story-blocks.ts';

/**
 * Every body image needs alt text (WCAG 1.1.1). The node's own alt wins; the
 * media library's alt fills in when the node has none. A camera file name
 * (IMG_0423.jpg) is not alt text.
 */
const FILE_NAME = /^(?:(?:img|dsc|dscn|pxl|image|photo)[_-]?\d+|[\w-]+\.(?:jpe?g|png|gif|webp|heic|tiff?))$/i;

export const imageAltMissing: Rule = {
  id: 'image-alt-missing',
  severity: 'error',
  check({ story, blocks }: Pick<CheckContext, 'story' | 'blocks'>): RawFinding[] {
    const out: RawFinding[] = [];
    for (const b of blocks) {
      if (!b.image) continue;
      const alt = (b.image.alt?.trim() || story.images?.get(b.image.imageId)?.alt?.trim()) ?? '';
      if (alt !== '' && !FILE_NAME.test(alt)) continue;
      out.push({
        message: alt === '' ? `Image ${b.image.imageId} has no alt text` : `Image ${b.image.imageId} alt text is a file name`,
        range: blockRange(b, 0, 0),
        suggestion: 'describe what the picture shows for readers who cannot see it',
        match: `image:${b.image.imageId}`,
      });
    }
    return out;
  },
};
