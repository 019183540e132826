import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ArticleSummary } from '../../src/domain/articles/index.ts';
import type { FrontPageChoices } from '../../src/domain/front-page/index.ts';
import { arrangeHome } from '../../src/http/site/front-page.ts';

/**
 * arrangeHome held to a plain statement of the rules, over random newest
 * lists, random choices and random subsets of them being public: each story
 * once, the chosen lead if public else the newest not placed above it, the
 * public top stories in the chosen order, everything else in section blocks
 * (newest first inside a block), blocks in the chosen order then newest first.
 */

const SECTIONS = [1, 2, 3, 4];
const story = (id: number, section: number | null): ArticleSummary => ({
  id, slug: `s-${id}`, headline: `Story ${id}`, dek: '', status: 'published', language: 'en', direction: 'ltr',
  section: section === null ? null : { id: section, slug: `sec-${section}`, name: `Section ${section}`, parentId: null },
  bylines: [], credit: '', featuredImage: null, publishedAt: new Date(1_700_000_000_000 - id * 60_000), updatedAt: new Date(0), commentCount: 0,
});

const world = fc.record({
  sections: fc.array(fc.option(fc.constantFrom(...SECTIONS), { nil: null }), { minLength: 0, maxLength: 20 }),
  lead: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  top: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 4 }),
  order: fc.uniqueArray(fc.constantFrom(...SECTIONS), { maxLength: 4 }),
  publicIds: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 30 }),
});

test('the front page arrangement follows the rules for any newest list and any choices', () => {
  fc.assert(
    fc.property(world, (w) => {
      // Ids 1..n, newest first; chosen stories may be older than the newest list (ids past n).
      const newest = w.sections.map((s, i) => story(i + 1, s));
      const isPublic = (id: number) => id <= newest.length || w.publicIds.includes(id);
      const byId = (id: number) => newest[id - 1] ?? story(id, SECTIONS[id % SECTIONS.length]);
      const choices: FrontPageChoices = {
        lead: w.lead === null ? null : { storyId: w.lead, pinnedUntil: null },
        top: w.top.map((id) => ({ storyId: id, pinnedUntil: null })),
        sectionOrder: w.order, sectionOrderUntil: null, sectionLeads: [],
      };
      const chosenIds = [...new Set([...(w.lead === null ? [] : [w.lead]), ...w.top])];
      const chosen = chosenIds.filter(isPublic).map(byId);
      const got = arrangeHome(newest, chosen, choices);

      const top = w.top.filter((id) => isPublic(id) && id !== w.lead);
      assert.deepEqual(got.top.map((s) => s.id), top);
      const lead = w.lead !== null && isPublic(w.lead) ? w.lead : (newest.find((s) => !top.includes(s.id))?.id ?? null);
      assert.equal(got.lead?.id ?? null, lead);
      const rest = newest.filter((s) => s.id !== lead && !top.includes(s.id));
      const shown = [...(got.lead ? [got.lead] : []), ...got.top, ...got.groups.flatMap((g) => g.stories)].map((s) => s.id);
      assert.equal(new Set(shown).size, shown.length, 'each story once');
      assert.deepEqual(got.groups.flatMap((g) => g.stories).map((s) => s.id).sort((a, b) => a - b), rest.map((s) => s.id), 'the rest, all of it, in blocks');
      for (const g of got.groups) {
        assert.ok(g.stories.every((s) => (s.section?.id ?? null) === (g.section?.id ?? null)), 'a block holds its own section');
        assert.deepEqual(g.stories.map((s) => s.id), [...g.stories.map((s) => s.id)].sort((a, b) => a - b), 'newest first in a block');
      }
      const keys = got.groups.map((g) => g.section?.id ?? null);
      const placed = w.order.filter((id) => keys.includes(id));
      assert.deepEqual(keys.slice(0, placed.length), placed, 'chosen blocks first, in order');
      const after = keys.slice(placed.length);
      const firstOf = (k: number | null) => Math.min(...rest.filter((s) => (s.section?.id ?? null) === k).map((s) => s.id));
      assert.deepEqual(after, [...after].sort((a, b) => firstOf(a) - firstOf(b)), 'the other blocks by their newest story');
    }),
    { numRuns: 500 },
  );
});
