import { NO_SOURCE, NO_SPEAKER } from '../attribution.ts';
import type { CheckContext, RawFinding, Rule } from '../editorial-checks.types.ts';
import { blockRange, proseBlocks } from '../story-blocks.ts';

/**
 * "according to" with nothing after it (end of text, punctuation, a closing
 * quote, or only an article: "according to the."), and ", said." with no
 * speaker: leftovers of a source cut in editing. `according to Reuters`,
 * `according to the ministry` and a linked source are fine.
 */

export const danglingAttribution: Rule = {
  id: 'dangling-attribution',
  severity: 'error',
  check({ blocks }: Pick<CheckContext, 'blocks'>): RawFinding[] {
    const out: RawFinding[] = [];
    for (const b of proseBlocks(blocks)) {
      for (const m of b.text.matchAll(NO_SOURCE)) {
        const start = m.index ?? 0;
        out.push({
          message: '“according to” names no source',
          range: blockRange(b, start, start + m[0].length),
          suggestion: 'name the source, or cut the attribution',
          match: b.text.slice(Math.max(0, start - 30), start + m[0].length),
        });
      }
      for (const m of b.text.matchAll(NO_SPEAKER)) {
        const start = m.index ?? 0;
        out.push({
          message: 'Attribution verb with no speaker',
          range: blockRange(b, start, start + m[0].length),
          suggestion: 'say who said it',
          match: b.text.slice(Math.max(0, start - 30), start + m[0].length),
        });
      }
    }
    return out;
  },
};
