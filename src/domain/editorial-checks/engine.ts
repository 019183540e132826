import { noHouseSpellings, type HouseSpellings } from '../transliteration/index.ts';
import type { Dismissal, Finding, RawFinding, Rule, StoryInput } from './editorial-checks.types.ts';
import { danglingAttribution } from './rules/dangling-attribution.ts';
import { datelineForm } from './rules/dateline-form.ts';
import { dekEmpty } from './rules/dek-empty.ts';
import { headlineTooLong } from './rules/headline-too-long.ts';
import { imageAltMissing } from './rules/image-alt-missing.ts';
import { imageCreditMissing } from './rules/image-credit-missing.ts';
import { nameSpelledTwoWays } from './rules/name-spelled-two-ways.ts';
import { quoteWithoutSpeaker } from './rules/quote-without-speaker.ts';
import { unbalancedQuotes } from './rules/unbalanced-quotes.ts';
import { storyBlocks } from './story-blocks.ts';

/**
 * The editorial checks, run in this order; findings come out in the same
 * order (by rule, then by position), so the editor's list is stable.
 * Errors may block publishing (a site setting); warnings never do.
 */
export const editorialRules: readonly Rule[] = [
  // Fields first: they are what readers see on every card.
  headlineTooLong,
  dekEmpty,
  datelineForm,
  // Broken text: a quotation mark left open, a source cut in editing.
  unbalancedQuotes,
  danglingAttribution,
  quoteWithoutSpeaker,
  // Consistency across the story: one name, one spelling.
  nameSpelledTwoWays,
  // Images: accessibility and rights.
  imageAltMissing,
  imageCreditMissing,
];

export interface CheckInput extends StoryInput {
  houseSpellings?: HouseSpellings;
}

/**
 * Findings less certain than this are not shown by default: a site changes
 * it in its settings (`checksMinConfidence`). On the tuning set the findings
 * under it were as often wrong as right (docs/editorial-checks.md).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

export interface RunChecksOptions {
  dismissed?: readonly Dismissal[];
  /** Drop findings with a lower confidence; defaults to `DEFAULT_MIN_CONFIDENCE`, 0 shows all. */
  minConfidence?: number;
  /** Run a subset (tests, or a site that switches rules off); defaults to all rules. */
  rules?: readonly Rule[];
}

/** FNV-1a, 32-bit: short, stable, dependency-free; collisions only merge two dismissals of one rule. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function fingerprintOf(ruleId: string, match: string): string {
  const normalised = match.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${ruleId}:${hash(normalised)}`;
}

function byPosition(a: RawFinding, b: RawFinding): number {
  const ka = 'block' in a.range ? [1, a.range.block] : [0, ['headline', 'dek', 'dateline'].indexOf(a.range.field)];
  const kb = 'block' in b.range ? [1, b.range.block] : [0, ['headline', 'dek', 'dateline'].indexOf(b.range.field)];
  return ka[0] - kb[0] || ka[1] - kb[1] || a.range.start - b.range.start;
}

export function runChecks(input: CheckInput, opts: RunChecksOptions = {}): Finding[] {
  const ctx = { story: input, blocks: storyBlocks(input.body), houseSpellings: input.houseSpellings ?? noHouseSpellings };
  const dismissed = new Set((opts.dismissed ?? []).map((d) => `${d.ruleId}\u0000${d.fingerprint}`));
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const out: Finding[] = [];
  for (const rule of opts.rules ?? editorialRules) {
    for (const raw of rule.check(ctx).sort(byPosition)) {
      const fingerprint = fingerprintOf(rule.id, raw.match);
      const confidence = raw.confidence ?? 1;
      if (confidence < minConfidence || dismissed.has(`${rule.id}\u0000${fingerprint}`)) continue;
      const { match: _match, ranges, range, suggestion, message } = raw;
      out.push({
        ruleId: rule.id, severity: rule.severity, message, range, ranges: ranges ?? [range],
        ...(suggestion !== undefined ? { suggestion } : {}), confidence, fingerprint,
      });
    }
  }
  return out;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
