import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { ArticlesService, parseArticleInput } from '../../src/domain/articles/index.ts';
import { ChangeFeed, changesAfter, lastChangeSeq, recordChange, type Change } from '../../src/domain/changes/index.ts';
import { CommentsService, ModerationService } from '../../src/domain/comments/index.ts';
import { EmbedPreviews } from '../../src/domain/embeds/index.ts';
import { HouseSpellingsService } from '../../src/domain/house-spellings/index.ts';
import { MediaService } from '../../src/domain/media/index.ts';
import { PeopleService } from '../../src/domain/people/index.ts';
import { SectionsService } from '../../src/domain/sections/index.ts';
import { SettingsService } from '../../src/domain/settings/index.ts';
import { TagsService } from '../../src/domain/tags/index.ts';
import { FrontPageService } from '../../src/domain/front-page/index.ts';
import { PagesService, parsePageInput } from '../../src/domain/pages/index.ts';
import { RedirectRulesService } from '../../src/domain/redirects/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { easyRules, nextIp, validPost } from './comments-helpers.ts';

/**
 * Every method of every service that writes what a reader or an API client
 * can see is listed under WRITES with a call that exercises it and the change
 * it must append; every other method is listed under READS. A new method
 * that is in neither fails the first test, so no write path can skip the feed
 * unnoticed.
 */
const SERVICES = { ArticlesService, SectionsService, TagsService, PeopleService, SettingsService, MediaService, HouseSpellingsService, CommentsService, ModerationService, FrontPageService, EmbedPreviews, PagesService, RedirectRulesService };

const READS: Record<keyof typeof SERVICES, string[]> = {
  // takeCleanSlug runs inside create's and update's transactions and appends the draft's own change (test/domain/slug-claim.test.ts);
  // withEmbedPreviews fetches before create's and update's own transactions, which append the change.
  ArticlesService: ['db', 'withSlugRetry', 'uniqueSlug', 'recordStoryChange', 'auditTransition', 'get', 'takeCleanSlug', 'withEmbedPreviews'],
  SectionsService: ['list', 'get', 'withDescendants', 'checkParent', 'storyCounts', 'unique'],
  // reindex enqueues the search job inside update's and remove's own transactions, which append the change.
  TagsService: ['list', 'listForDesk', 'get', 'unique', 'reindex'],
  PeopleService: ['list', 'listForDesk', 'get', 'checkPhoto', 'unique'],
  SettingsService: ['get', 'invalidate'],
  MediaService: ['get', 'getMany', 'list', 'count', 'matching', 'usesOf'],
  HouseSpellingsService: ['preferredFor', 'refresh', 'list', 'get'],
  // maybePrune deletes expired challenges (nothing shown); articleChanged and close touch memory only;
  // judgeAndStore is submit's second half (its change is submit's scenario below).
  CommentsService: ['target', 'targetFor', 'targetOf', 'visibleArticle', 'powChallenge', 'mathQuestion', 'maybePrune', 'judgeAndStore', 'listForArticle', 'latestForFeed', 'articleChanged', 'close'],
  ModerationService: ['db', 'list', 'get', 'pendingCount', 'pendingByStory', 'rules', 'hydrate'],
  // check validates before update's transaction opens.
  FrontPageService: ['choices', 'current', 'check'],
  // Stores a thumbnail only through MediaService.importImage (its own change); the story's change is the save's.
  EmbedPreviews: ['complete', 'preview', 'fetchPreview'],
  // placeInMenu and recordWrite run inside create's and update's transactions, which append the change.
  PagesService: ['list', 'get', 'publicBySlug', 'menu', 'revisions', 'placeInMenu', 'recordWrite', 'checkImages', 'hydrate', 'unique'],
  // write is the transaction every rule write goes through (importRules too); assertNoLoop reads inside it.
  RedirectRulesService: ['list', 'get', 'exportCsv', 'parse', 'assertNoLoop', 'write', 'importRules'],
};

interface Fixture {
  storyId: number;
  draftId: number;
  sectionId: number;
  tagId: number;
  personId: number;
  imageId: number;
  commentId: number;
}

type Write = { kind: string; tags: string[]; run: (app: TestApp, f: Fixture) => Promise<unknown> };

const WRITES: Record<string, Write> = {
  'ArticlesService.create': { kind: 'article', tags: ['home', 'feeds'], run: (app) => app.articles.create(parseArticleInput({ headline: 'New one', status: 'published' }, 'create'), 'test') },
  'ArticlesService.update': { kind: 'article', tags: ['story:$story'], run: (app, f) => app.articles.update(f.storyId, parseArticleInput({ headline: 'Edited' }, 'update'), 'test') },
  'ArticlesService.addCorrection': { kind: 'article', tags: ['story:$story'], run: (app, f) => app.articles.addCorrection(f.storyId, 'A date was wrong.', 'test') },
  'ArticlesService.publishDue': {
    kind: 'article',
    tags: ['story:$draft', 'home'],
    run: async (app, f) => {
      await app.articles.update(f.draftId, parseArticleInput({ status: 'scheduled', publishedAt: new Date(app.clock.now().getTime() + 60_000).toISOString() }, 'update'), 'test');
      app.clock.advance(120_000);
      return app.articles.publishDue();
    },
  },
  'ArticlesService.remove': { kind: 'article', tags: ['story:$story', 'comments:$story'], run: (app, f) => app.articles.remove(f.storyId, 'test') },
  'SectionsService.create': { kind: 'section', tags: ['sections'], run: (app) => app.sections.create({ name: `Weather ${++seq}` }) },
  'SectionsService.update': { kind: 'section', tags: ['sections'], run: (app, f) => app.sections.update(f.sectionId, { name: `City news ${++seq}` }) },
  'SectionsService.move': {
    kind: 'section',
    tags: ['sections'],
    run: async (app, f) => (await app.sections.create({ name: `Sport ${++seq}` }), app.sections.move(f.sectionId, 'down')),
  },
  'SectionsService.remove': { kind: 'section', tags: ['sections'], run: async (app) => app.sections.remove((await app.sections.create({ name: `Empty ${++seq}` })).id) },
  'TagsService.create': { kind: 'tag', tags: ['missing'], run: (app) => app.tags.create({ name: `Harbour ${++seq}` }) },
  'TagsService.update': { kind: 'tag', tags: ['tag:$tag'], run: (app, f) => app.tags.update(f.tagId, { name: `Budgets ${++seq}` }) },
  'TagsService.remove': { kind: 'tag', tags: ['tag:$tag', 'list:tag:$tag'], run: (app, f) => app.tags.remove(f.tagId) },
  'PeopleService.create': { kind: 'person', tags: ['missing'], run: (app) => app.people.create({ name: `Ruth Okafor ${++seq}` }) },
  'PeopleService.update': { kind: 'person', tags: ['person:$person'], run: (app, f) => app.people.update(f.personId, { name: `Sam Lee ${++seq}` }) },
  'PeopleService.remove': { kind: 'person', tags: ['feeds'], run: async (app) => app.people.remove((await app.people.create({ name: `Nobody ${++seq}` })).id) },
  'SettingsService.update': { kind: 'settings', tags: ['settings'], run: (app) => app.settings.update({ name: `The Evening Post ${++seq}` }) },
  'MediaService.importImage': { kind: 'image', tags: [], run: async (app) => app.media.importImage(await png('#aa3300'), { alt: 'Red' }) },
  'MediaService.updateMeta': { kind: 'image', tags: ['image:$image', 'feeds'], run: (app, f) => app.media.updateMeta(f.imageId, { caption: 'A new caption' }) },
  'MediaService.removeUnused': { kind: 'image', tags: [], run: async (app) => app.media.removeUnused((await app.media.importImage(await png('#00aa33'), { alt: 'Green' })).id, 'test') },
  'HouseSpellingsService.put': { kind: 'house-spelling', tags: ['search'], run: (app) => app.houseSpellings.put(`Gaddafi${'i'.repeat(++seq)}`, 'test') },
  'HouseSpellingsService.remove': {
    kind: 'house-spelling',
    tags: ['search'],
    run: async (app) => (await app.houseSpellings.put('Qaani', 'test'), app.houseSpellings.remove({ spelling: 'Qaani' }, 'test')),
  },
  'CommentsService.submit': {
    kind: 'comment',
    tags: ['comments:$story'],
    run: async (app, f) => {
      // Approved on arrival (a story open to comments without moderation): shown at once, so it is a change.
      await app.articles.update(f.storyId, parseArticleInput({ commentMode: 'open' }, 'update'), 'test');
      const p = await validPost(app, f.storyId, nextIp(), { body: 'Shown at once' });
      return app.comments.submit(p, p.raw);
    },
  },
  'ModerationService.moderate': { kind: 'comment', tags: ['comments:$story'], run: (app, f) => app.commentModeration.moderate([f.commentId], 'approve', 'test') },
  'ModerationService.edit': {
    kind: 'comment',
    tags: ['comments:$story'],
    run: async (app, f) => (await app.commentModeration.moderate([f.commentId], 'approve', 'test'), app.commentModeration.edit(f.commentId, 'Edited text', 'test')),
  },
  'ModerationService.remove': {
    kind: 'comment',
    tags: ['comments:$story'],
    run: async (app, f) => (await app.commentModeration.moderate([f.commentId], 'approve', 'test'), app.commentModeration.remove(f.commentId, 'test')),
  },
  'ModerationService.ban': {
    kind: 'comment',
    tags: ['comments:$story'],
    run: async (app, f) => (await app.commentModeration.moderate([f.commentId], 'approve', 'test'), app.commentModeration.ban(f.commentId, 'email', 'test')),
  },
  'FrontPageService.update': {
    kind: 'front-page',
    tags: ['home', 'list:section:$section'],
    run: (app, f) => app.frontPage.update({ lead: { story: f.storyId, pinnedUntil: null }, sectionLeads: [{ section: f.sectionId, story: f.storyId }] }, 'test'),
  },
  'FrontPageService.setSectionLead': {
    kind: 'front-page',
    tags: ['list:section:$section'],
    run: (app, f) => app.frontPage.setSectionLead(f.sectionId, { story: f.storyId, pinnedUntil: null }, 'test'),
  },
  // An import's sticky posts, on a front page nobody has arranged (earlier scenarios' choices are cleared first).
  'FrontPageService.placeIfUnarranged': {
    kind: 'front-page',
    tags: ['home'],
    run: async (app, f) => {
      await app.db.kysely.deleteFrom('front_page_picks').execute();
      return app.frontPage.placeIfUnarranged([f.storyId], 'test');
    },
  },
  'FrontPageService.pinEnded': {
    kind: 'front-page',
    tags: ['home'],
    run: async (app, f) => {
      await app.frontPage.update({ top: [{ story: f.storyId, pinnedUntil: new Date(app.clock.now().getTime() + 60_000).toISOString() }] }, 'test');
      app.clock.advance(120_000);
      return app.runner.runDue();
    },
  },
  // Only "close after N days" changes a page (the form, or "comments are closed"); the scenario changes it.
  'ModerationService.updateRules': { kind: 'settings', tags: ['settings'], run: (app) => app.commentModeration.updateRules({ closeAfterDays: ++seq }, 'test') },
  'ModerationService.flag': {
    kind: 'comment',
    tags: ['comments:$story'],
    run: async (app, f) => {
      await app.comments.settings.updateRules({ flagThreshold: 1 });
      after(() => app.comments.settings.updateRules({ flagThreshold: 3 }));
      await app.commentModeration.moderate([f.commentId], 'approve', 'test');
      return app.commentModeration.flag(f.commentId, '203.0.113.9', 'abusive');
    },
  },
};

// Its own counter: the house-spelling scenario grows a name by the shared one, up to its 100-character limit.
let own = 0;
const newPage = (app: TestApp, title = `About ${++own}`) => app.pages.create(parsePageInput({ title, status: 'published', inMenu: true }, 'create'));
Object.assign(WRITES, {
  'PagesService.create': { kind: 'page', tags: ['pages', 'sitemaps'], run: (app: TestApp) => newPage(app) },
  'PagesService.update': { kind: 'page', tags: ['pages'], run: async (app: TestApp) => app.pages.update((await newPage(app)).id, { title: `Contact ${++own}` }) },
  'PagesService.restore': {
    kind: 'page',
    tags: ['pages'],
    run: async (app: TestApp) => {
      const p = await newPage(app);
      await app.pages.update(p.id, { title: `Terms ${++own}` });
      return app.pages.restore(p.id, 1);
    },
  },
  'PagesService.remove': { kind: 'page', tags: ['pages', 'sitemaps'], run: async (app: TestApp) => app.pages.remove((await newPage(app)).id) },
  'PagesService.move': { kind: 'page', tags: ['pages'], run: async (app: TestApp) => (await newPage(app), app.pages.move((await newPage(app)).id, 'up')) },
  'RedirectRulesService.create': { kind: 'redirect', tags: ['redirects'], run: (app: TestApp) => app.redirectRules.create({ source: `/old-${++own}`, target: '/new' }) },
  'RedirectRulesService.update': {
    kind: 'redirect',
    tags: ['redirects'],
    run: async (app: TestApp) => app.redirectRules.update((await app.redirectRules.create({ source: `/old-${++own}`, target: '/new' })).id, { status: 302 }),
  },
  'RedirectRulesService.remove': {
    kind: 'redirect',
    tags: ['redirects'],
    run: async (app: TestApp) => app.redirectRules.remove((await app.redirectRules.create({ source: `/old-${++own}`, target: '/new' })).id),
  },
  'RedirectRulesService.importGhost': { kind: 'redirect', tags: ['redirects'], run: (app: TestApp) => app.redirectRules.importGhost(`[{"from":"^/ghost-${++own}/$","to":"/new","permanent":true}]`) },
  'RedirectRulesService.importCsv': { kind: 'redirect', tags: ['redirects'], run: (app: TestApp) => app.redirectRules.importCsv(`source,target\n/csv-${++own},/new\n`) },
} satisfies Record<string, Write>);

const png = (background: string) => sharp({ create: { width: 400, height: 300, channels: 3, background } }).png().toBuffer();

let seq = 0;

/** A story with a section, tag, byline, picture, a draft and a held comment, all new (names made unique). */
async function fixture(app: TestApp): Promise<Fixture> {
  const n = ++seq;
  const section = await app.sections.create({ name: `City ${n}`, slug: `city-${n}` });
  const tag = await app.tags.create({ name: `Budget ${n}` });
  const person = await app.people.create({ name: `Ana Silva ${n}` });
  const image = await app.media.importImage(await png('#2f5d8a'), { alt: 'Blue', caption: 'Old caption' });
  const story = await app.articles.create(
    parseArticleInput({ headline: `Council votes ${n}`, bodyMarkdown: 'Text.', status: 'published', section: `city-${n}`, tags: [`Budget ${n}`], bylines: [person.id], featuredImageId: image.id }, 'create'),
    'test',
  );
  const draft = await app.articles.create(parseArticleInput({ headline: `Not yet ${n}`, status: 'draft', section: `city-${n}` }, 'create'), 'test');
  const p = await validPost(app, story.id, nextIp(), { body: 'Held first' });
  const comment = await app.comments.submit(p, p.raw);
  return { storyId: story.id, draftId: draft.id, sectionId: section.id, tagId: tag.id, personId: person.id, imageId: image.id, commentId: comment.id };
}

const expand = (tag: string, f: Fixture) =>
  tag.replace('$story', String(f.storyId)).replace('$draft', String(f.draftId)).replace('$tag', String(f.tagId)).replace('$person', String(f.personId)).replace('$image', String(f.imageId)).replace('$section', String(f.sectionId));

test('every service method is either a write with a change-feed scenario or a read', () => {
  for (const [name, cls] of Object.entries(SERVICES)) {
    const methods = Object.getOwnPropertyNames(cls.prototype).filter((m) => m !== 'constructor');
    for (const m of methods) {
      const known = READS[name as keyof typeof SERVICES].includes(m) || `${name}.${m}` in WRITES;
      assert.ok(known, `${name}.${m} is new: add it to WRITES (with the change it must append) or to READS`);
    }
  }
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: the change feed`, () => {
    let app: TestApp;
    let f: Fixture;
    before(async () => {
      app = await createTestApp(dialect);
      await easyRules(app);
      f = await fixture(app);
    });
    after(async () => app.cleanup());

    for (const [name, w] of Object.entries(WRITES)) {
      test(`${name} appends a ${w.kind} change in its transaction, with the tags of what it touched`, async () => {
        const own = await fixture(app);
        const from = await lastChangeSeq(app.db.kysely);
        await w.run(app, own);
        const rows = (await changesAfter(app.db.kysely, from, 1000)).filter((c) => c.kind === w.kind);
        assert.ok(rows.length >= 1, `${name} appended no ${w.kind} change`);
        const tags = new Set(rows.flatMap((c) => c.tags));
        for (const t of w.tags) assert.ok(tags.has(expand(t, own)), `${name}: expected tag ${expand(t, own)} in ${[...tags].join(' ')}`);
        // The instance applied it before the write answered.
        assert.equal(app.changes.position, await lastChangeSeq(app.db.kysely));
      });
    }

    test('a write that fails appends nothing, and an edit of a draft touches only its own address', async () => {
      const from = await lastChangeSeq(app.db.kysely);
      await assert.rejects(app.articles.update(f.storyId, parseArticleInput({ headline: 'Late', version: 999 }, 'update'), 'test'));
      await assert.rejects(app.sections.create({ name: '' }));
      assert.equal(await lastChangeSeq(app.db.kysely), from);
      await app.articles.update(f.draftId, parseArticleInput({ headline: 'Still a draft' }, 'update'), 'test');
      const [row] = await changesAfter(app.db.kysely, from, 10);
      assert.equal(row.kind, 'article');
      assert.deepEqual(row.tags, [`story:${f.draftId}`]);
    });

    test('a headline edit touches the story, not the lists; moving it to another section touches both sections', async () => {
      let from = await lastChangeSeq(app.db.kysely);
      await app.articles.update(f.storyId, parseArticleInput({ headline: 'Council votes again' }, 'update'), 'test');
      let [row] = await changesAfter(app.db.kysely, from, 10);
      assert.ok(row.tags.includes(`story:${f.storyId}`));
      assert.ok(!row.tags.includes('home'), row.tags.join(' '));
      const politics = await app.sections.create({ name: 'Politics' });
      from = await lastChangeSeq(app.db.kysely);
      await app.articles.update(f.storyId, parseArticleInput({ section: 'politics' }, 'update'), 'test');
      [row] = await changesAfter(app.db.kysely, from, 10);
      for (const t of ['home', `list:section:${f.sectionId}`, `list:section:${politics.id}`, `list:tag:${f.tagId}`, `list:person:${f.personId}`]) assert.ok(row.tags.includes(t), t);
    });

    test('a second reader of the feed that heard no wake-up catches up from where it stopped, each change once', async () => {
      const seen: Change[] = [];
      const other = new ChangeFeed({ db: app.db, clock: app.clock, pollMs: 3_600_000, resetAfterMs: 3_600_000, onError: (e) => assert.fail(String(e)) });
      other.on((batch) => void seen.push(...batch));
      await other.start();
      try {
        await app.tags.update(f.tagId, { description: 'Money' });
        await app.people.update(f.personId, { bio: 'Writes on budgets.' });
        assert.equal(seen.length, 0);
        await other.catchUp();
        assert.deepEqual(seen.map((c) => c.kind), ['tag', 'person']);
        await other.catchUp();
        assert.equal(seen.length, 2);
      } finally {
        await other.stop();
      }
    });

    if (dialect === 'postgres') {
      test('a change whose id was taken before a later one committed is still applied (ids commit out of order)', async () => {
        const seen: Change[] = [];
        const other = new ChangeFeed({ db: app.db, clock: app.clock, pollMs: 3_600_000, resetAfterMs: 3_600_000, onError: (e) => assert.fail(String(e)) });
        other.on((batch) => void seen.push(...batch));
        await other.start();
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        let inserted!: () => void;
        const insertedP = new Promise<void>((r) => (inserted = r));
        const slow = app.db.kysely.transaction().execute(async (trx) => {
          await recordChange(trx, new Date().toISOString(), { kind: 'tag', id: 1, action: 'slow', tags: ['tag:1'] });
          inserted();
          await gate;
        });
        await insertedP;
        await app.db.kysely.transaction().execute((trx) => recordChange(trx, new Date().toISOString(), { kind: 'tag', id: 2, action: 'fast', tags: ['tag:2'] }));
        await other.catchUp();
        assert.deepEqual(seen.map((c) => c.action), ['fast']);
        release();
        await slow;
        await other.catchUp();
        assert.deepEqual(seen.map((c) => c.action), ['fast', 'slow']);
        await other.stop();
      });
    }
  });
}
