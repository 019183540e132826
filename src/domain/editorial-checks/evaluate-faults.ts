import { pathToFileURL } from 'node:url';
import type { Doc } from '../articles/index.ts';
import { houseSpellingsFromList } from '../transliteration/index.ts';
import type { Finding, FindingRange, RuleId } from './editorial-checks.types.ts';
import { runChecks } from './engine.ts';
import type { LabelledFaultStory } from './labelled-faults.types.ts';
import { TUNE_STORIES } from './tune-stories.ts';
import { TUNE_STORIES_2 } from './tune-stories-2.ts';
import { TUNE_STORIES_3 } from './tune-stories-3.ts';

/**
 * Precision and recall per finding over stories labelled with their faults
 * (`LabelledFaultStory`). A finding is a true positive when one of its ranges
 * overlaps a fault of its rule that no earlier finding matched; a second
 * finding for an already matched fault is a false positive (the editor reads
 * it twice), and so is a finding that overlaps no fault. A fault no finding
 * matched is a false negative. Suggestions that name an entity the labeller
 * listed in `neverSuggest` are counted apart: the target is none.
 *
 * Runs the checks exactly as the newsroom does by default (default
 * confidence threshold, the story's house spellings), so the figures are
 * what an editor sees. Written to run against older versions of the engine
 * too (a finding without `ranges` has its `range`), so the same file can
 * measure the rules before and after a change.
 */
export interface FaultScore {
  tp: number;
  fp: number;
  fn: number;
  /** False positives that were a second finding for an already matched fault. */
  dup: number;
  precision: number;
  recall: number;
}

export interface FaultMistake {
  story: string;
  rule: RuleId;
  kind: 'fp' | 'dup' | 'fn' | 'wrong-entity';
  text: string;
}

export interface FaultEvaluation {
  stories: number;
  perRule: Map<RuleId, FaultScore>;
  overall: FaultScore;
  /** Suggestions naming a `neverSuggest` entity. */
  wrongEntity: number;
  /** True positives with an `expectSuggestion`, and how many of them suggested it. */
  suggestions: { labelled: number; agreed: number };
  mistakes: FaultMistake[];
}

type Part = 'headline' | 'dek' | 'dateline' | `p${number}`;
interface Span {
  part: Part;
  start: number;
  end: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const score = (tp: number, fp: number, fn: number, dup: number): FaultScore => ({ tp, fp, fn, dup, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) });

function docOf(paragraphs: readonly string[]): Doc {
  return { type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
}

function partsOf(story: LabelledFaultStory): Map<Part, string> {
  const parts = new Map<Part, string>([['headline', story.headline], ['dek', story.dek], ['dateline', story.dateline]]);
  story.paragraphs.forEach((p, i) => parts.set(`p${i}`, p));
  return parts;
}

/** Every place a labelled string stands; an empty string stands only in an empty field (an empty dek). */
function occurrences(parts: Map<Part, string>, at: readonly string[]): Span[] {
  const out: Span[] = [];
  for (const s of at) {
    for (const [part, text] of parts) {
      if (s === '') {
        if (text.trim() === '') out.push({ part, start: 0, end: 0 });
        continue;
      }
      for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) out.push({ part, start: i, end: i + s.length });
    }
  }
  return out;
}

function spanOf(r: FindingRange): Span {
  return { part: 'block' in r ? `p${r.block}` : r.field, start: r.start, end: r.end };
}

/** Half-open overlap; a zero-width range (an image, an empty field) overlaps what it stands in or touches. */
function overlaps(a: Span, b: Span): boolean {
  if (a.part !== b.part) return false;
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

function rangesOf(f: Finding): FindingRange[] {
  const many = (f as Finding & { ranges?: FindingRange[] }).ranges;
  return many && many.length ? many : [f.range];
}

/** Lower-case, one space, no leading Arabic or English article: `al-Jazeera` names what `Jazeera` names. */
function nameNorm(s: string): string {
  return ` ${s.normalize('NFC').toLowerCase().replace(/[‐-―]/g, '-').replace(/\s+/g, ' ').trim()} `
    .replace(/ (?:al|el|ad|as|an|ar|at|az|ash)-/g, ' ')
    .replace(/ the /g, ' ');
}

/** A suggestion names an entity when it is that name, or holds it as whole words (`Wagner Group` holds `Wagner Group`). */
export function namesEntity(suggestion: string, entity: string): boolean {
  return nameNorm(suggestion).includes(nameNorm(entity));
}

/**
 * The suggestion is the labelled one, or the word of it that differs between
 * the spellings: a rule that marks words suggests `Yevgeny` where the label
 * says `Yevgeny Prigozhin` (`Prigozhin`, common to all spellings, does not count).
 */
function agrees(suggestion: string, expected: string, at: readonly string[]): boolean {
  const s = nameNorm(suggestion);
  if (s === nameNorm(expected)) return true;
  const shared = (w: string) => at.every((a) => nameNorm(a).includes(` ${w} `));
  const words = s.trim().split(' ');
  return words.length === 1 && nameNorm(expected).includes(s) && !shared(words[0]);
}

export function evaluateFaults(stories: readonly LabelledFaultStory[]): FaultEvaluation {
  const counts = new Map<RuleId, { tp: number; fp: number; fn: number; dup: number }>();
  const tally = (rule: RuleId) => counts.get(rule) ?? (counts.set(rule, { tp: 0, fp: 0, fn: 0, dup: 0 }), counts.get(rule)!);
  const mistakes: FaultMistake[] = [];
  const suggestions = { labelled: 0, agreed: 0 };
  let wrongEntity = 0;
  for (const story of stories) {
    const parts = partsOf(story);
    const faults = story.faults.map((fault) => ({ fault, spans: occurrences(parts, fault.at), matched: false }));
    for (const { fault } of faults) tally(fault.rule);
    const findings = runChecks({
      headline: story.headline,
      dek: story.dek,
      dateline: story.dateline,
      body: docOf(story.paragraphs),
      houseSpellings: houseSpellingsFromList(story.houseSpellings ?? []),
    });
    for (const f of findings) {
      const c = tally(f.ruleId);
      const spans = rangesOf(f).map(spanOf);
      const hits = faults.filter((x) => x.fault.rule === f.ruleId && x.spans.some((o) => spans.some((s) => overlaps(o, s))));
      const fresh = hits.find((x) => !x.matched);
      const where = spans.map((s) => (parts.get(s.part) ?? '').slice(s.start, Math.max(s.end, s.start + 40))).join(' | ');
      if (fresh) {
        fresh.matched = true;
        c.tp++;
        if (fresh.fault.expectSuggestion !== undefined) {
          suggestions.labelled++;
          if (f.suggestion !== undefined && agrees(f.suggestion, fresh.fault.expectSuggestion, fresh.fault.at)) suggestions.agreed++;
        }
      } else if (hits.length) {
        c.fp++, c.dup++, mistakes.push({ story: story.id, rule: f.ruleId, kind: 'dup', text: where });
      } else {
        c.fp++, mistakes.push({ story: story.id, rule: f.ruleId, kind: 'fp', text: `${where} — ${f.message}` });
      }
      if (f.suggestion && (story.neverSuggest ?? []).some((e) => namesEntity(f.suggestion!, e))) {
        wrongEntity++;
        mistakes.push({ story: story.id, rule: f.ruleId, kind: 'wrong-entity', text: `suggested “${f.suggestion}” for ${where}` });
      }
    }
    for (const x of faults) {
      if (!x.matched) (tally(x.fault.rule).fn++, mistakes.push({ story: story.id, rule: x.fault.rule, kind: 'fn', text: x.fault.at.join(' / ') }));
    }
  }
  const perRule = new Map<RuleId, FaultScore>();
  let tp = 0, fp = 0, fn = 0, dup = 0;
  for (const [rule, c] of [...counts].sort(([a], [b]) => a.localeCompare(b))) {
    perRule.set(rule, score(c.tp, c.fp, c.fn, c.dup));
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
    dup += c.dup;
  }
  return { stories: stories.length, perRule, overall: score(tp, fp, fn, dup), wrongEntity, suggestions, mistakes };
}

export function printFaultEvaluation(label: string, e: FaultEvaluation, out: (line: string) => void, details = false): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
  const line = (name: string, r: FaultScore) =>
    out(`  ${name.padEnd(24)} precision ${pct(r.precision)}  recall ${pct(r.recall)}  (tp ${r.tp}, fp ${r.fp} of which ${r.dup} repeats, fn ${r.fn})`);
  out(`${label}: ${e.stories} stories`);
  for (const [rule, r] of e.perRule) line(rule, r);
  line('overall', e.overall);
  out(`  wrong-entity suggestions: ${e.wrongEntity}; suggestions as labelled: ${e.suggestions.agreed}/${e.suggestions.labelled}`);
  if (details) for (const m of e.mistakes) out(`    ${m.kind.padEnd(12)} ${m.rule} [${m.story}] ${m.text}`);
}

/**
 * The frozen holdouts, each measured when its file is in this tree. The
 * rule-writer's tree has neither, so nothing it runs can print them.
 * `holdout-2` was written later than `holdout`, after that one had been
 * measured several times, so that one set is measured as few times as possible.
 */
const HOLDOUTS = [
  { label: 'holdout', file: './holdout-stories.ts' },
  { label: 'holdout-2', file: './holdout-stories-2.ts' },
] as const;

/** A frozen holdout, when its file is in this tree: whatever array of labelled stories it exports. */
export async function loadHoldout(file: string = HOLDOUTS[0].file): Promise<readonly LabelledFaultStory[] | null> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(new URL(file, import.meta.url).href)) as Record<string, unknown>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw err;
  }
  const sets = Object.values(mod).filter((v): v is LabelledFaultStory[] => Array.isArray(v) && v.length > 0 && typeof v[0] === 'object' && v[0] !== null && 'faults' in v[0]);
  return sets[0] ?? null;
}

/**
 * `node --import tsx src/domain/editorial-checks/evaluate-faults.ts [--details] [--no-holdout]`.
 * Prints the tuning sets, each as its own table (`tune`, `tune-2`, `tune-3`), then the
 * holdouts. `--details` lists each tuning-set mistake; a holdout is only ever
 * printed as totals, so reading the output cannot tune the rules on it, and
 * `--no-holdout` leaves them out so that looking at the tuning sets does not
 * measure a holdout once more.
 */
export async function main(args: string[], out: (line: string) => void = console.log): Promise<void> {
  const details = args.includes('--details');
  printFaultEvaluation('tune', evaluateFaults(TUNE_STORIES), out, details);
  printFaultEvaluation('tune-2', evaluateFaults(TUNE_STORIES_2), out, details);
  printFaultEvaluation('tune-3', evaluateFaults(TUNE_STORIES_3), out, details);
  if (args.includes('--no-holdout')) return;
  for (const { label, file } of HOLDOUTS) {
    const holdout = await loadHoldout(file);
    if (holdout) printFaultEvaluation(label, evaluateFaults(holdout), out);
    else out(`${label}: src/domain/editorial-checks/${file.slice(2)} is not in this tree`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
