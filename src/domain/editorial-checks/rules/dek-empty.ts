import type { CheckContext, RawFinding, Rule } from '../editorial-checks.types.ts';

/** The dek (standfirst) feeds the summary on cards, feeds and search results; empty falls back to body text. */
export const dekEmpty: Rule = {
  id: 'dek-empty',
  severity: 'warning',
  check({ story }: Pick<CheckContext, 'story'>): RawFinding[] {
    if (story.dek.trim() !== '') return [];
    return [{ message: 'The dek is empty', range: { field: 'dek', start: 0, end: 0 }, suggestion: 'write a one-sentence summary', match: 'dek' }];
  },
};
