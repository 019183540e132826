import { pathToFileURL } from 'node:url';
import type { Doc } from '../articles/index.ts';
import type { RuleId } from './editorial-checks.types.ts';
import { editorialRules, runChecks } from './engine.ts';
import { LABELLED_HOLDOUT, LABELLED_HOLDOUT_2, LABELLED_STORIES, type LabelledStory } from './labelled-sentences.ts';

/**
 * Per-rule precision and recall over the labelled stories, counted per story:
 * a rule that fires on a story labelled with it is a TP, fires on a story not
 * labelled with it is a FP, stays silent on a labelled story is a FN. The
 * headline and dek are fixed, valid values so only body and dateline rules
 * are measured here; the field rules have unit tests.
 */
export interface RuleScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}
export interface ChecksEvaluation {
  perRule: Map<RuleId, RuleScore>;
  overall: RuleScore;
  mistakes: Array<{ story: number; rule: RuleId; kind: 'fp' | 'fn' }>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const score = (tp: number, fp: number, fn: number): RuleScore => ({ tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) });

function docOf(paragraphs: string[]): Doc {
  return { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
}

export function firedRules(story: LabelledStory): Set<RuleId> {
  const findings = runChecks({
    headline: 'Council approves a budget for the new year',
    dek: 'The vote ends a month of debate.',
    dateline: story.dateline ?? 'Springfield',
    body: docOf(story.paragraphs),
  });
  return new Set(findings.map((f) => f.ruleId));
}

export function evaluateChecks(stories: readonly LabelledStory[] = LABELLED_STORIES): ChecksEvaluation {
  const counts = new Map<RuleId, { tp: number; fp: number; fn: number }>();
  const mistakes: ChecksEvaluation['mistakes'] = [];
  for (const r of editorialRules) counts.set(r.id, { tp: 0, fp: 0, fn: 0 });
  stories.forEach((story, i) => {
    const fired = firedRules(story);
    for (const [rule, c] of counts) {
      const want = story.expect.includes(rule);
      const got = fired.has(rule);
      if (want && got) c.tp++;
      else if (got) (c.fp++, mistakes.push({ story: i, rule, kind: 'fp' }));
      else if (want) (c.fn++, mistakes.push({ story: i, rule, kind: 'fn' }));
    }
  });
  const perRule = new Map<RuleId, RuleScore>();
  let tp = 0, fp = 0, fn = 0;
  for (const [rule, c] of counts) {
    if (c.tp + c.fp + c.fn === 0) continue;
    perRule.set(rule, score(c.tp, c.fp, c.fn));
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return { perRule, overall: score(tp, fp, fn), mistakes };
}

export function printChecksEvaluation(out: (line: string) => void = console.log): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
  const line = (name: string, r: RuleScore) =>
    out(`  ${name.padEnd(24)} precision ${pct(r.precision)}  recall ${pct(r.recall)}  (tp ${r.tp}, fp ${r.fp}, fn ${r.fn})`);
  for (const [label, stories] of [['tune', LABELLED_STORIES], ['holdout', LABELLED_HOLDOUT], ['holdout 2 (2026-12-01)', LABELLED_HOLDOUT_2]] as const) {
    const e = evaluateChecks(stories);
    out(`${label}: ${stories.length} labelled stories`);
    for (const [rule, r] of e.perRule) line(rule, r);
    line('overall', e.overall);
    for (const m of e.mistakes) out(`    ${m.kind} ${m.rule}: ${stories[m.story].paragraphs.join(' ¶ ')}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printChecksEvaluation();
