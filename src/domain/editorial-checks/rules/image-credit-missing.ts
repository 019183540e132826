import type { CheckContext, RawFinding, Rule } from '../editorial-checks.types.ts';
import { blockRange } from '../story-blocks.ts';

/** Every body image needs a credit (rights and wire contracts); the media library's credit fills in. */
export const imageCreditMissing: Rule = {
  id: 'image-credit-missing',
  severity: 'error',
  check({ story, blocks }: Pick<CheckContext, 'story' | 'blocks'>): RawFinding[] {
    const out: RawFinding[] = [];
    for (const b of blocks) {
      if (!b.image) continue;
      const credit = (b.image.credit?.trim() || story.images?.get(b.image.imageId)?.credit?.trim()) ?? '';
      if (credit !== '') continue;
      out.push({
        message: `Image ${b.image.imageId} has no credit`,
        range: blockRange(b, 0, 0),
        suggestion: 'add the photographer and agency, e.g. “Jane Doe / Agency”',
        match: `image:${b.image.imageId}`,
      });
    }
    return out;
  },
};
