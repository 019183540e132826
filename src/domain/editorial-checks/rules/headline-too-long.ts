import type { CheckContext, RawFinding, Rule } from '../editorial-checks.types.ts';

/**
 * Headlines over 110 characters overflow the front-page and social cards
 * and get cut mid-word in search results; an error, not a style preference.
 * Counted in code points so an emoji or a non-BMP letter counts once.
 *
 * The range is the whole headline: the fault is its length, and the cut an
 * editor makes is rarely at the 110th character (a clause in the middle goes),
 * so marking only the overflow pointed at the wrong words.
 */
export const MAX_HEADLINE = 110;

export const headlineTooLong: Rule = {
  id: 'headline-too-long',
  severity: 'error',
  check({ story }: Pick<CheckContext, 'story'>): RawFinding[] {
    const chars = [...story.headline.trim()];
    if (chars.length <= MAX_HEADLINE) return [];
    const start = story.headline.length - story.headline.trimStart().length;
    return [
      {
        message: `Headline is ${chars.length} characters; the limit is ${MAX_HEADLINE}`,
        range: { field: 'headline', start, end: story.headline.trimEnd().length },
        suggestion: `cut ${chars.length - MAX_HEADLINE} characters`,
        match: 'headline',
      },
    ];
  },
};
