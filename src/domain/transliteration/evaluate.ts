import { pathToFileURL } from 'node:url';
import { DISTINCT_PAIRS, LABELLED_GROUPS, type DistinctPair, type NameGroup, type Split } from './labelled-names.ts';
import { transliterationKey } from './transliteration.ts';

/**
 * Pairwise precision/recall of the key over the labelled names.
 * TP: two spellings of one group share a key. FN: they do not.
 * FP: a labelled distinct pair, or two spellings from *different* groups,
 * share a key (cross-group pairs are the cheap source of near-neighbours).
 */
export interface KeyEvaluation {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  misses: Array<[string, string]>;
  collisions: Array<[string, string]>;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

export function evaluateKey(
  groups: readonly NameGroup[],
  pairs: readonly DistinctPair[],
  key: (name: string) => string = transliterationKey,
): KeyEvaluation {
  let tp = 0;
  const misses: Array<[string, string]> = [];
  const collisions: Array<[string, string]> = [];
  for (const g of groups) {
    for (let i = 0; i < g.spellings.length; i++) {
      for (let j = i + 1; j < g.spellings.length; j++) {
        const a = g.spellings[i];
        const b = g.spellings[j];
        if (key(a) === key(b)) tp++;
        else misses.push([a, b]);
      }
    }
  }
  for (const p of pairs) if (key(p.names[0]) === key(p.names[1])) collisions.push(p.names);
  // Cross-group: compare each group's spellings with every later group's.
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      for (const a of groups[i].spellings) {
        const hit = groups[j].spellings.find((b) => key(a) === key(b));
        if (hit) collisions.push([a, hit]);
      }
    }
  }
  const fp = collisions.length;
  const fn = misses.length;
  return { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), misses, collisions };
}

export function evaluateSplit(split?: Split): KeyEvaluation {
  const groups = LABELLED_GROUPS.filter((g) => !split || g.split === split);
  const pairs = DISTINCT_PAIRS.filter((p) => !split || p.split === split);
  return evaluateKey(groups, pairs);
}

function report(label: string, e: KeyEvaluation, out: (line: string) => void): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  out(`${label.padEnd(8)} precision ${pct(e.precision)} (tp ${e.tp}, fp ${e.fp})  recall ${pct(e.recall)} (fn ${e.fn})`);
}

export function printEvaluation(out: (line: string) => void = console.log): void {
  out(`labelled: ${LABELLED_GROUPS.length} groups, ${DISTINCT_PAIRS.length} distinct pairs`);
  report('tune', evaluateSplit('tune'), out);
  report('holdout', evaluateSplit('holdout'), out);
  const all = evaluateSplit();
  report('all', all, out);
  const show = (pairs: Array<[string, string]>) =>
    pairs.map(([a, b]) => `${a}=${transliterationKey(a)}/${b}=${transliterationKey(b)}`).join(', ');
  out(`misses: ${show(all.misses)}`);
  out(`collisions: ${show(all.collisions)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printEvaluation();
