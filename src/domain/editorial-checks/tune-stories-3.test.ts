import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LabelledFaultStory } from './labelled-faults.types.ts';
import { TUNE_STORIES_3 } from './tune-stories-3.ts';

// These tests check that the labels can be used for measuring, without running
// any rule: a label that points at text the story does not contain, or a count
// below what the brief asked for, would make every figure measured on the set wrong.

const fields = (s: LabelledFaultStory): string[] => [s.headline, s.dek, s.dateline, ...s.paragraphs];
const occurs = (s: LabelledFaultStory, text: string): boolean => fields(s).some((f) => f.includes(text));
const words = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Every span between matching quotation marks, curly double, straight double or curly single. */
function quotedSpans(text: string): string[] {
  const spans: string[] = [];
  for (const m of text.matchAll(/“([^”]*)”|"([^"]*)"|‘([^’]*)’/g)) spans.push(m[1] ?? m[2] ?? m[3] ?? '');
  return spans;
}

test('at least 36 stories, each with a unique id', () => {
  assert.ok(TUNE_STORIES_3.length >= 36, `${TUNE_STORIES_3.length} stories`);
  const ids = TUNE_STORIES_3.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('every story is wire length: 250-600 words in 4-12 paragraphs, a dek, a short headline, a house dateline', () => {
  for (const s of TUNE_STORIES_3) {
    const n = words([s.headline, s.dek, ...s.paragraphs].join(' '));
    assert.ok(n >= 250 && n <= 600, `${s.id}: ${n} words`);
    assert.ok(s.paragraphs.length >= 4 && s.paragraphs.length <= 12, `${s.id}: ${s.paragraphs.length} paragraphs`);
    const rules = new Set(s.faults.map((f) => f.rule));
    if (!rules.has('dek-empty')) assert.ok(s.dek.trim().length > 0, s.id);
    if (!rules.has('headline-too-long')) assert.ok(s.headline.length <= 90, `${s.id}: headline ${s.headline.length} chars`);
    if (!rules.has('dateline-form')) {
      assert.match(s.dateline, /^[\p{Lu}' .-]+(, (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}| —)$/u, s.id);
    }
  }
});

test('every at, expectSuggestion and neverSuggest occurs verbatim in its story', () => {
  for (const s of TUNE_STORIES_3) {
    for (const f of s.faults) {
      assert.ok(f.at.length > 0, `${s.id}: ${f.rule} has no at`);
      for (const at of f.at) assert.ok(occurs(s, at), `${s.id}: at ${JSON.stringify(at)} not in the story`);
      if (f.expectSuggestion !== undefined) assert.ok(occurs(s, f.expectSuggestion), `${s.id}: suggestion ${f.expectSuggestion}`);
    }
    for (const name of s.neverSuggest ?? []) assert.ok(occurs(s, name), `${s.id}: neverSuggest ${JSON.stringify(name)}`);
  }
});

test('name faults: two or more spellings, the suggestion is one of them (the house one when listed), never a different entity', () => {
  for (const s of TUNE_STORIES_3) {
    const never = new Set(s.neverSuggest ?? []);
    for (const f of s.faults.filter((f) => f.rule === 'name-spelled-two-ways')) {
      assert.ok(new Set(f.at).size >= 2, `${s.id}: ${f.at.join(' / ')}`);
      for (const at of f.at) assert.ok(!never.has(at), `${s.id}: ${at} is both a fault spelling and another entity`);
      const house = f.at.find((at) => s.houseSpellings?.includes(at));
      if (house !== undefined) assert.equal(f.expectSuggestion, house, `${s.id}: the house spelling is the suggestion`);
      if (f.expectSuggestion !== undefined) {
        assert.ok(f.at.includes(f.expectSuggestion), `${s.id}: suggestion ${f.expectSuggestion} is not one of the spellings`);
        assert.ok(!never.has(f.expectSuggestion), `${s.id}: suggestion ${f.expectSuggestion} is another entity`);
      }
    }
    for (const house of s.houseSpellings ?? []) assert.ok(occurs(s, house), `${s.id}: house spelling ${house}`);
  }
});

test('quote faults point inside a quotation of three or more words', () => {
  for (const s of TUNE_STORIES_3) {
    for (const f of s.faults.filter((f) => f.rule === 'quote-without-speaker')) {
      for (const at of f.at) {
        const span = fields(s).flatMap(quotedSpans).find((q) => q.includes(at));
        assert.ok(span !== undefined, `${s.id}: ${JSON.stringify(at)} is not inside quotation marks`);
        assert.ok(words(span) >= 3, `${s.id}: ${JSON.stringify(span)} is under three words`);
      }
    }
  }
});

test('the set holds the counts the brief asked for', () => {
  const all = TUNE_STORIES_3.flatMap((s) => s.faults);
  const names = all.filter((f) => f.rule === 'name-spelled-two-ways').length;
  const quotes = all.filter((f) => f.rule === 'quote-without-speaker').length;
  const clean = TUNE_STORIES_3.filter((s) => s.faults.length === 0).length;
  const withTraps = TUNE_STORIES_3.filter((s) => (s.neverSuggest ?? []).length > 0).length;
  // Quotations of 3+ words that are not labelled faults: attributed quotes, plus a few titles and a placard.
  const unlabelledQuotes = TUNE_STORIES_3.flatMap((s) => {
    const faultAt = s.faults.filter((f) => f.rule === 'quote-without-speaker').flatMap((f) => f.at);
    return fields(s)
      .flatMap(quotedSpans)
      .filter((q) => words(q) >= 3 && !faultAt.some((at) => q.includes(at)));
  }).length;
  assert.ok(names >= 24, `${names} name faults`);
  assert.ok(quotes >= 18, `${quotes} quote faults`);
  assert.ok(clean >= 6, `${clean} clean stories`);
  assert.ok(withTraps >= 24, `${withTraps} stories with shared-root traps`);
  assert.ok(unlabelledQuotes >= 40, `${unlabelledQuotes} quotations not labelled as faults`);
  // Suggestions are tested in both directions: house spelling, majority, and ties with none.
  const nameFaults = all.filter((f) => f.rule === 'name-spelled-two-ways');
  assert.ok(nameFaults.filter((f) => f.expectSuggestion === undefined).length >= 3, 'ties without a suggestion');
  assert.ok(TUNE_STORIES_3.filter((s) => (s.houseSpellings ?? []).length > 0).length >= 5, 'stories with house spellings');
  console.log({ stories: TUNE_STORIES_3.length, names, quotes, clean, withTraps, unlabelledQuotes });
});
