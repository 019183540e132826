// Checks that the labels of the second holdout set are usable, without
// running any rule: a label that points at text the story does not contain,
// or a story that breaks a convention nobody labelled, would make the
// measurement wrong however good the rules are.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { HOLDOUT_STORIES_2 } from './holdout-stories-2.ts';
import type { LabelledFaultStory } from './labelled-faults.types.ts';

const OTHER_RULES = ['dateline-form', 'dangling-attribution', 'unbalanced-quotes', 'headline-too-long'];
const OPENING_MARKS = ['"', '“', '‘', "'"];
// House form: `CITY, Mon D` or `CITY —`, the city in capitals.
const DATELINE = /^[\p{Lu}][\p{Lu} .'-]*(, (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}| —)$/u;

function texts(s: LabelledFaultStory): string[] {
  return [s.headline, s.dek, s.dateline, ...s.paragraphs];
}
function contains(s: LabelledFaultStory, needle: string): boolean {
  return needle.length > 0 && texts(s).some((t) => t.includes(needle));
}
function words(s: LabelledFaultStory): number {
  return s.paragraphs.join(' ').split(/\s+/).filter(Boolean).length;
}
function faultsOf(s: LabelledFaultStory, rule: string) {
  return s.faults.filter((f) => f.rule === rule);
}
function count(rule: string): number {
  return HOLDOUT_STORIES_2.reduce((n, s) => n + faultsOf(s, rule).length, 0);
}
function balanced(text: string): boolean {
  const straight = [...text].filter((c) => c === '"').length;
  const open = [...text].filter((c) => c === '“').length;
  const close = [...text].filter((c) => c === '”').length;
  return straight % 2 === 0 && open === close;
}

it('has at least 40 stories with unique ids, each 4-12 paragraphs and 250-600 words', () => {
  assert.ok(HOLDOUT_STORIES_2.length >= 40, `${HOLDOUT_STORIES_2.length} stories`);
  assert.equal(new Set(HOLDOUT_STORIES_2.map((s) => s.id)).size, HOLDOUT_STORIES_2.length);
  for (const s of HOLDOUT_STORIES_2) {
    assert.ok(s.paragraphs.length >= 4 && s.paragraphs.length <= 12, `${s.id}: ${s.paragraphs.length} paragraphs`);
    const n = words(s);
    assert.ok(n >= 250 && n <= 600, `${s.id}: ${n} words`);
  }
});

it('has enough faults of each kind and enough clean stories', () => {
  assert.ok(count('name-spelled-two-ways') >= 20, `${count('name-spelled-two-ways')} name faults`);
  assert.ok(count('quote-without-speaker') >= 14, `${count('quote-without-speaker')} quote faults`);
  const others = OTHER_RULES.map(count);
  assert.ok(others.every((n) => n >= 1), `other rules: ${others.join(', ')}`);
  const clean = HOLDOUT_STORIES_2.filter((s) => s.faults.length === 0).length;
  assert.ok(clean >= 8, `${clean} clean stories`);
});

it('every at, suggestion, house spelling and neverSuggest occurs verbatim in its story', () => {
  for (const s of HOLDOUT_STORIES_2) {
    for (const f of s.faults) {
      assert.ok(f.at.length > 0, `${s.id}: ${f.rule} has no at`);
      for (const a of f.at) assert.ok(contains(s, a), `${s.id}: at ${JSON.stringify(a)}`);
      if (f.expectSuggestion !== undefined) assert.ok(contains(s, f.expectSuggestion), `${s.id}: suggestion ${f.expectSuggestion}`);
    }
    for (const h of s.houseSpellings ?? []) assert.ok(contains(s, h), `${s.id}: house spelling ${h}`);
    for (const n of s.neverSuggest ?? []) assert.ok(contains(s, n), `${s.id}: neverSuggest ${n}`);
  }
});

it('name faults list two or more spellings, and the suggestion follows the house list and stays off neverSuggest', () => {
  for (const s of HOLDOUT_STORIES_2) {
    for (const f of faultsOf(s, 'name-spelled-two-ways')) {
      assert.ok(new Set(f.at).size >= 2, `${s.id}: ${f.at.join(' / ')}`);
      const house = f.at.find((a) => (s.houseSpellings ?? []).includes(a));
      if (house !== undefined) assert.equal(f.expectSuggestion, house, `${s.id}: house spelling wins`);
      if (f.expectSuggestion !== undefined) {
        assert.ok(f.at.includes(f.expectSuggestion), `${s.id}: suggestion is one of the spellings`);
        assert.ok(!(s.neverSuggest ?? []).includes(f.expectSuggestion), `${s.id}: suggestion is on neverSuggest`);
      }
    }
  }
});

it('every quote fault points at words that open a quotation', () => {
  for (const s of HOLDOUT_STORIES_2) {
    for (const f of faultsOf(s, 'quote-without-speaker')) {
      for (const a of f.at) {
        const opened = texts(s).some((t) => OPENING_MARKS.some((m) => t.includes(m + a)));
        assert.ok(opened, `${s.id}: ${a}`);
        assert.ok(a.split(/\s+/).length >= 3, `${s.id}: ${a} is under three words`);
      }
    }
  }
});

it('headlines, deks and datelines break the house form only where a fault is labelled', () => {
  for (const s of HOLDOUT_STORIES_2) {
    const long = faultsOf(s, 'headline-too-long').length > 0;
    assert.equal(s.headline.length > 90, long, `${s.id}: headline of ${s.headline.length} characters`);
    assert.notEqual(s.dek.trim(), '', `${s.id}: empty dek`);
    const badDateline = faultsOf(s, 'dateline-form').length > 0;
    assert.equal(!DATELINE.test(s.dateline), badDateline, `${s.id}: dateline ${s.dateline}`);
  }
});

it('quotation marks balance in every paragraph except a labelled unbalanced one', () => {
  for (const s of HOLDOUT_STORIES_2) {
    const labelled = faultsOf(s, 'unbalanced-quotes').flatMap((f) => f.at);
    for (const p of s.paragraphs) {
      const expectUnbalanced = labelled.some((a) => p.includes(a));
      assert.equal(!balanced(p), expectUnbalanced, `${s.id}: ${p.slice(0, 60)}`);
    }
  }
});

it('dangling-attribution faults point at an "according to" with nobody after it', () => {
  for (const s of HOLDOUT_STORIES_2) {
    for (const f of faultsOf(s, 'dangling-attribution')) {
      for (const a of f.at) assert.match(a, /according to\.$/, `${s.id}: ${a}`);
    }
  }
});

// The set is frozen (see the header of holdout-stories-2.ts). Changing a story
// or a label changes this hash on purpose: write a new dated set instead.
it('is unchanged since it was frozen', () => {
  const hash = createHash('sha256').update(JSON.stringify(HOLDOUT_STORIES_2)).digest('hex');
  assert.equal(hash, '9dc4afb97c1f8636d164870c0e76c9f89cc95317cd77fef270b23d22e23a8f8f');
});
