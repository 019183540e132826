import type { CheckContext, RawFinding, Rule } from '../editorial-checks.types.ts';
import { opensWithQuote, scanQuotes } from '../quotes.ts';
import { blockRange, proseBlocks } from '../story-blocks.ts';

/**
 * Unbalanced double quotes in a paragraph, headline or dek.
 *
 * News style runs a quote over several paragraphs by opening each one and
 * closing only the last, so a paragraph that ends inside a quote is fine when
 * the next paragraph opens with a quote mark.
 */
function problems(text: string, nextOpens: boolean): Array<{ start: number; end: number; message: string }> {
  const { spans, strayCloses } = scanQuotes(text);
  const out = strayCloses.map((i) => ({ start: i, end: i + 1, message: 'Closing quotation mark with no opening mark' }));
  const open = spans.find((s) => !s.closed);
  if (open && !nextOpens) {
    out.push({ start: open.start, end: open.end, message: 'Quotation mark is never closed' });
  }
  return out;
}

export const unbalancedQuotes: Rule = {
  id: 'unbalanced-quotes',
  severity: 'error',
  check({ blocks, story }: Pick<CheckContext, 'blocks' | 'story'>): RawFinding[] {
    const out: RawFinding[] = [];
    const prose = proseBlocks(blocks);
    prose.forEach((b, i) => {
      const next = prose[i + 1];
      const continues = next !== undefined && next.kind === b.kind && opensWithQuote(next.text);
      for (const p of problems(b.text, continues)) {
        out.push({ message: p.message, range: blockRange(b, p.start, p.end), match: b.text.slice(p.start, p.start + 60) });
      }
    });
    for (const field of ['headline', 'dek'] as const) {
      for (const p of problems(story[field], false)) {
        out.push({ message: `${p.message} in the ${field}`, range: { field, start: p.start, end: p.end }, match: `${field}:${story[field]}` });
      }
    }
    return out;
  },
};
