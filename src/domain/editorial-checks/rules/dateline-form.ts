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

interface Problem {
  message: string;
  suggestion?: string;
}

function fieldProblems(d: string): Problem[] {
  if (d === '') return [{ message: 'No dateline: add the place the story was reported from' }];
  const out: Problem[] = [];
  if (TRAILING.test(d)) out.push({ message: 'Dateline ends with punctuation; the page adds the dash', suggestion: d.replace(TRAILING, '') });
  const dated = /\d/.test(d) || MONTH_OR_DAY.test(d);
  if (dated) out.push({ message: 'Dateline holds a date; the page adds the publication date' });
  if (d.length > MAX_LENGTH) out.push({ message: `Dateline is longer than ${MAX_LENGTH} characters` });
  else if (dated) return out; // the digits are why it is not plain: saying so twice adds nothing
  else if (!PLAIN.test(d.replace(TRAILING, ''))) out.push({ message: 'Dateline should be a plain place name, e.g. “Tehran, Iran”' });
  return out;
}

/**
 * One dateline, one finding: `Murmansk, Dec. 2 —` is one fault an editor fixes
 * in one go, so its problems are listed in one message (a single problem keeps
 * the message and fingerprint it always had, so old dismissals still hold).
 * A suggestion is given only when it fixes every problem.
 */
function fieldFinding(dateline: string): RawFinding | null {
  const d = dateline.trim();
  const problems = fieldProblems(d);
  if (problems.length === 0) return null;
  const message = problems.map((p) => p.message).join('; ');
  const suggestion = problems.length === 1 ? problems[0].suggestion : undefined;
  return {
    message,
    range: { field: 'dateline', start: 0, end: dateline.length },
    match: `${message}:${d}`,
    ...(suggestion !== undefined ? { suggestion } : {}),
  };
}

function bodyDateline({ story, blocks }: Pick<CheckContext, 'story' | 'blocks'>): RawFinding | null {
  const first = blocks.find((b) => b.kind === 'paragraph');
  const m = first ? IN_BODY.exec(first.text) : null;
  if (!first || !m) return null;
  const place = m[1].trim();
  const field = story.dateline.replace(TRAILING, '').trim().toLowerCase();
  const allCaps = place === place.toUpperCase() && /\p{Lu}{2}/u.test(place);
  const sameAsField = field !== '' && (place.toLowerCase() === field || place.toLowerCase().startsWith(`${field},`));
  if (!allCaps && !sameAsField && !m[2]) return null;
  return {
    message: 'The first paragraph starts with a dateline; the dateline has its own field',
    range: blockRange(first, 0, m[0].length),
    suggestion: field === '' ? `move “${place}” to the dateline field` : 'delete it from the paragraph',
    match: m[0].trim(),
  };
}

export const datelineForm: Rule = {
  id: 'dateline-form',
  severity: 'warning',
  check(ctx: Pick<CheckContext, 'story' | 'blocks'>): RawFinding[] {
    const field = fieldFinding(ctx.story.dateline);
    const body = bodyDateline(ctx);
    // An empty field and `TEHRAN –` in the body are one fault (the dateline typed in the wrong place):
    // one finding marking both places, with the body's advice, which says what to do about both.
    if (body && ctx.story.dateline.trim() === '') return [{ ...body, range: { field: 'dateline', start: 0, end: 0 }, ranges: [{ field: 'dateline', start: 0, end: 0 }, body.range] }];
    return [field, body].filter((f): f is RawFinding => f !== null);
  },
};
