// Checks the frozen holdout's labels are usable, without running any rule:
// a label whose `at` is not in the story can never be matched, and would
// silently count as a miss against whichever rules are measured on it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOLDOUT_STORIES } from './holdout-stories.ts';
import type { LabelledFaultStory } from './labelled-faults.types.ts';

function storyText(story: LabelledFaultStory): string[] {
  return [story.headline, story.dek, story.dateline, ...story.paragraphs];
}

function occurs(story: LabelledFaultStory, needle: string): boolean {
  return storyText(story).some((part) => part.includes(needle));
}

describe('holdout stories', () => {
  it('has at least 34 stories with unique ids', () => {
    assert.ok(HOLDOUT_STORIES.length >= 34, `${HOLDOUT_STORIES.length} stories`);
    const ids = new Set(HOLDOUT_STORIES.map((s) => s.id));
    assert.equal(ids.size, HOLDOUT_STORIES.length);
  });

  it('gives every story 4 to 12 paragraphs', () => {
    for (const story of HOLDOUT_STORIES) {
      assert.ok(story.paragraphs.length >= 4 && story.paragraphs.length <= 12, `${story.id}: ${story.paragraphs.length}`);
    }
  });

  it('finds every labelled `at` verbatim in its story', () => {
    for (const story of HOLDOUT_STORIES) {
      for (const fault of story.faults) {
        assert.ok(fault.at.length > 0, `${story.id}: ${fault.rule} has no at`);
        for (const at of fault.at) assert.ok(at.length > 0 && occurs(story, at), `${story.id}: "${at}" not in story`);
      }
    }
  });

  it('labels every spelling of a name fault, and suggests one the story or house list uses', () => {
    for (const story of HOLDOUT_STORIES) {
      for (const fault of story.faults.filter((f) => f.rule === 'name-spelled-two-ways')) {
        assert.ok(fault.at.length >= 2, `${story.id}: one spelling is not two`);
        const suggestion = fault.expectSuggestion;
        assert.ok(suggestion, `${story.id}: name fault without a suggestion`);
        assert.ok(fault.at.includes(suggestion), `${story.id}: ${suggestion} is not one of the spellings`);
        if (story.houseSpellings?.some((h) => fault.at.includes(h))) {
          assert.ok(story.houseSpellings.includes(suggestion), `${story.id}: the house spelling must win`);
        }
        assert.ok(!story.neverSuggest?.includes(suggestion), `${story.id}: suggests another entity`);
      }
    }
  });

  it('names only entities that are in the story as never to suggest', () => {
    for (const story of HOLDOUT_STORIES) {
      for (const name of story.neverSuggest ?? []) assert.ok(occurs(story, name), `${story.id}: ${name} not in story`);
    }
  });

  it('mixes clean stories with faulty ones, and holds enough name and quote faults to measure', () => {
    const faults = HOLDOUT_STORIES.flatMap((s) => s.faults);
    const count = (rule: string): number => faults.filter((f) => f.rule === rule).length;
    assert.ok(HOLDOUT_STORIES.filter((s) => s.faults.length === 0).length >= 8);
    assert.ok(faults.length >= 40 && faults.length <= 70, `${faults.length} faults`);
    assert.ok(count('name-spelled-two-ways') >= 12);
    assert.ok(count('quote-without-speaker') + count('unbalanced-quotes') >= 10);
  });
});
