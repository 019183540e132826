import type { CheckContext, RawFinding, Rule } from '../editorial-checks.types.ts';
import { blockRange } from '../story-blocks.ts';

/**
 * The dateline is its own field holding a place in plain form: `Tehran`,
 * `WASHINGTON`, `Tehran, Iran`. The rendering adds the dash and the date,
 * so a trailing dash or colon, a date, or a dateline typed into the first
 * paragraph ("TEHRAN –") all come out doubled on the page.
 */
const MAX_LENGTH = 40;
const MONTH_OR_DAY =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
const TRAILING = /\s*[-–—:,;.]+\s*$/;
const PLAIN = /^\p{Lu}[\p{L}\p{M}.'’ ,-]*$/u;
/** "TEHRAN –", "TEHRAN, Iran —", "Tehran (Reuters) -" at the start of the first paragraph. */
const IN_BODY = /^\s*([\p{L}][\p{L}\p{M}.'’ ]{0,38}?(?:,\s*[\p{L}][\p{L}\p{M}.'’ ]{0,30}?)?)\s*(\([^)]{1,30}\))?\s*[-–—]{1,2}\s+/u;

function fieldProblems(dateline: string): RawFinding[] {
  const d = dateline.trim();
  const at = (message: string, suggestion?: string): RawFinding => ({
    message,
    range: { field: 'dateline', start: 0, end: dateline.length },
    match: `${message}:${d}`,
    ...(suggestion !== undefined ? { suggestion } : {}),
  });
  if (d === '') return [at('No dateline: add the place the story was reported from')];
  const out: RawFinding[] = [];
  if (TRAILING.test(d)) out.push(at('Dateline ends with punctuation; the page adds the dash', d.replace(TRAILING, '')));
  const dated = /\d/.test(d) || MONTH_OR_DAY.test(d);
  if (dated) out.push(at('Dateline holds a date; the page adds the publication date'));
  if (d.length > MAX_LENGTH) out.push(at(`Dateline is longer than ${MAX_LENGTH} characters`));
  else if (dated) return out; // one finding is enough: the digits are why it is not plain
  else if (!PLAIN.test(d.replace(TRAILING, ''))) out.push(at('Dateline should be a plain place name, e.g. “Tehran, Iran”'));
  return out;
}

function bodyDateline({ story, blocks }: Pick<CheckContext, 'story' | 'blocks'>): RawFinding[] {
  const first = blocks.find((b) => b.kind === 'paragraph');
  const m = first ? IN_BODY.exec(first.text) : null;
  if (!first || !m) return [];
  const place = m[1].trim();
  const field = story.dateline.replace(TRAILING, '').trim().toLowerCase();
  const allCaps = place === place.toUpperCase() && /\p{Lu}{2}/u.test(place);
  const sameAsField = field !== '' && (place.toLowerCase() === field || place.toLowerCase().startsWith(`${field},`));
  if (!allCaps && !sameAsField && !m[2]) return [];
  return [
    {
      message: 'The first paragraph starts with a dateline; the dateline has its own field',
      range: blockRange(first, 0, m[0].length),
      suggestion: field === '' ? `move “${place}” to the dateline field` : 'delete it from the paragraph',
      match: m[0].trim(),
    },
  ];
}

export const datelineForm: Rule = {
  id: 'dateline-form',
  severity: 'warning',
  check(ctx: Pick<CheckContext, 'story' | 'blocks'>): RawFinding[] {
    return [...fieldProblems(ctx.story.dateline), ...bodyDateline(ctx)];
  },
};
