// Checks the second tuning set's labels are usable and the set is what its
// header says (size, length, languages), without running any rule: a label
// whose `at` is not in the story can never be matched and would silently
// count as a miss.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TUNE_STORIES_2 } from './tune-stories-2.ts';

const textOf = (s: (typeof TUNE_STORIES_2)[number]) => [s.headline, s.dek, s.dateline, ...s.paragraphs];

it('has at least 25 stories with unique ids, each 250–600 words', () => {
  assert.ok(TUNE_STORIES_2.length >= 25, `${TUNE_STORIES_2.length}`);
  assert.equal(new Set(TUNE_STORIES_2.map((s) => s.id)).size, TUNE_STORIES_2.length);
  for (const s of TUNE_STORIES_2) {
    const words = textOf(s).join(' ').split(/\s+/).filter(Boolean).length;
    assert.ok(words >= 250 && words <= 600, `${s.id}: ${words} words`);
  }
});

it('finds every labelled `at`, suggestion and never-suggest name verbatim in its story', () => {
  for (const s of TUNE_STORIES_2) {
    const parts = textOf(s);
    for (const f of s.faults) {
      assert.ok(f.at.length > 0, `${s.id}: ${f.rule} has no at`);
      for (const a of f.at) assert.ok(parts.some((p) => p.includes(a)), `${s.id}: “${a}” not in the story`);
      if (f.expectSuggestion) assert.ok(parts.some((p) => p.includes(f.expectSuggestion!)), `${s.id}: suggestion “${f.expectSuggestion}”`);
    }
    for (const e of s.neverSuggest ?? []) assert.ok(parts.some((p) => p.includes(e)), `${s.id}: never-suggest “${e}”`);
  }
});

it('labels both kinds of fault many times, and keeps stories with traps only', () => {
  const count = (rule: string) => TUNE_STORIES_2.reduce((n, s) => n + s.faults.filter((f) => f.rule === rule).length, 0);
  assert.ok(count('name-spelled-two-ways') >= 20);
  assert.ok(count('quote-without-speaker') >= 12);
  assert.ok(TUNE_STORIES_2.some((s) => s.faults.length === 0));
});
