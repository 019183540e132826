import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import sharp from 'sharp';
import { parsePageInput } from '../../src/domain/pages/index.ts';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { createApp, type App } from '../../src/main.ts';
import { createPostgresDb, createSqliteDb } from '../../src/storage/index.ts';
import { easyRules, nextIp, validPost } from '../domain/comments-helpers.ts';
import { createTestDb, DIALECTS, PG_URL, testConfig, type TestApp, type TestDb } from '../helpers/dialects.ts';

/**
 * Tagged purges held to a slow, obviously right oracle: after any random
 * sequence of writes through instance A, every page A serves (from its page
 * cache, tagged and purged precisely) equals the same page rendered afresh
 * by instance B, which shares A's database and empties its caches before
 * every comparison.
 */

type Op =
  | { op: 'headline'; story: number }
  | { op: 'unpublish'; story: number }
  | { op: 'republish'; story: number }
  | { op: 'retag'; story: number; tags: number[] }
  | { op: 'move'; story: number; section: number }
  | { op: 'bylines'; story: number; people: number[] }
  | { op: 'correct'; story: number }
  | { op: 'renameTag'; tag: number }
  | { op: 'renamePerson'; person: number }
  | { op: 'renameSection'; section: number }
  | { op: 'caption'; image: number }
  | { op: 'comment'; story: number }
  | { op: 'removeComment' }
  | { op: 'siteName' }
  | { op: 'newStory'; section: number; tags: number[] }
  | { op: 'deleteStory'; story: number }
  | { op: 'frontPage'; lead: number; top: number[]; sectionLead: number; pinned: boolean }
  | { op: 'pinEnds' }
  | { op: 'pageTitle'; page: number }
  | { op: 'pageBody'; page: number }
  | { op: 'pagePublish'; page: number }
  | { op: 'pageMenu'; page: number }
  | { op: 'pageMove' }
  | { op: 'pageSlug'; page: number }
  | { op: 'rule'; status: 301 | 302 | 410 }
  | { op: 'removeRules' };

const idx = (n: number) => fc.integer({ min: 0, max: n - 1 });
const OPS: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('headline' as const), story: idx(5) }),
  fc.record({ op: fc.constant('unpublish' as const), story: idx(5) }),
  fc.record({ op: fc.constant('republish' as const), story: idx(5) }),
  fc.record({ op: fc.constant('retag' as const), story: idx(5), tags: fc.uniqueArray(idx(3), { maxLength: 2 }) }),
  fc.record({ op: fc.constant('move' as const), story: idx(5), section: idx(3) }),
  fc.record({ op: fc.constant('bylines' as const), story: idx(5), people: fc.uniqueArray(idx(2), { maxLength: 2 }) }),
  fc.record({ op: fc.constant('correct' as const), story: idx(5) }),
  fc.record({ op: fc.constant('renameTag' as const), tag: idx(3) }),
  fc.record({ op: fc.constant('renamePerson' as const), person: idx(2) }),
  fc.record({ op: fc.constant('renameSection' as const), section: idx(3) }),
  fc.record({ op: fc.constant('caption' as const), image: idx(2) }),
  fc.record({ op: fc.constant('comment' as const), story: idx(5) }),
  fc.record({ op: fc.constant('removeComment' as const) }),
  fc.record({ op: fc.constant('siteName' as const) }),
  fc.record({ op: fc.constant('newStory' as const), section: idx(3), tags: fc.uniqueArray(idx(3), { maxLength: 2 }) }),
  fc.record({ op: fc.constant('deleteStory' as const), story: idx(5) }),
  fc.record({ op: fc.constant('frontPage' as const), lead: idx(5), top: fc.uniqueArray(idx(5), { maxLength: 3 }), sectionLead: idx(5), pinned: fc.boolean() }),
  fc.record({ op: fc.constant('pinEnds' as const) }),
  fc.record({ op: fc.constant('pageTitle' as const), page: idx(2) }),
  fc.record({ op: fc.constant('pageBody' as const), page: idx(2) }),
  fc.record({ op: fc.constant('pagePublish' as const), page: idx(2) }),
  fc.record({ op: fc.constant('pageMenu' as const), page: idx(2) }),
  fc.record({ op: fc.constant('pageMove' as const) }),
  fc.record({ op: fc.constant('pageSlug' as const), page: idx(2) }),
  fc.record({ op: fc.constant('rule' as const), status: fc.constantFrom(301 as const, 302 as const, 410 as const) }),
  fc.record({ op: fc.constant('removeRules' as const) }),
);

interface World {
  stories: number[];
  sections: Array<{ id: number; slug: string }>;
  tags: Array<{ id: number; name: string }>;
  people: number[];
  images: number[];
  comments: number[];
  pages: number[];
  n: number;
}

async function seed(app: App): Promise<World> {
  const news = await app.sections.create({ name: 'News', slug: 'news-desk' });
  const city = await app.sections.create({ name: 'City', slug: 'city', parentId: news.id });
  const sport = await app.sections.create({ name: 'Sport', slug: 'sport' });
  const tags = [];
  for (const name of ['Budget', 'Harbour', 'Trams']) tags.push(await app.tags.create({ name }));
  const people = [(await app.people.create({ name: 'Ana Silva' })).id, (await app.people.create({ name: 'Omar Haddad' })).id];
  const images = [];
  for (const background of ['#2f5d8a', '#8a2f3d']) {
    const png = await sharp({ create: { width: 640, height: 400, channels: 3, background } }).png().toBuffer();
    images.push((await app.media.importImage(png, { alt: 'A picture', caption: 'First caption', credit: 'Staff' })).id);
  }
  const sections = [news, city, sport].map((s) => ({ id: s.id, slug: s.slug }));
  const pages = [];
  for (const title of ['About us', 'Contact']) pages.push((await app.pages.create(parsePageInput({ title, bodyMarkdown: `Text of ${title}.`, status: 'published', inMenu: true }, 'create'))).id);
  const w: World = { stories: [], sections, tags: tags.map((t) => ({ id: t.id, name: t.name })), people, images, comments: [], pages, n: 0 };
  for (let i = 0; i < 5; i++) {
    const a = await app.articles.create(
      parseArticleInput(
        {
          headline: `Story number ${i}`,
          dek: `The dek of story ${i}`,
          bodyMarkdown: `First paragraph of ${i}.\n\n![Inline](image:${images[i % 2]})`,
          status: 'published',
          publishedAt: new Date(Date.parse('2026-05-20T08:00:00Z') + i * 3600_000).toISOString(),
          section: sections[i % 3].slug,
          tags: [w.tags[i % 3].name],
          bylines: [people[i % 2]],
          featuredImageId: images[(i + 1) % 2],
          commentMode: 'open',
        },
        'create',
      ),
      'test',
    );
    w.stories.push(a.id);
  }
  return w;
}

async function apply(app: App & { clock: ReturnType<typeof fixedClock> }, w: World, o: Op): Promise<void> {
  const n = ++w.n;
  const story = 'story' in o ? w.stories[o.story % w.stories.length] : 0;
  const upd = (fields: Record<string, unknown>) => app.articles.update(story, parseArticleInput(fields, 'update'), 'test');
  switch (o.op) {
    case 'headline': return void (await upd({ headline: `Edited headline ${n}` }));
    case 'unpublish': return void (await upd({ status: 'unpublished' }));
    case 'republish': return void (await upd({ status: 'published' }));
    case 'retag': return void (await upd({ tags: o.tags.map((t) => w.tags[t].name) }));
    case 'move': return void (await upd({ section: w.sections[o.section].slug }));
    case 'bylines': return void (await upd({ bylines: o.people.map((p) => w.people[p]) }));
    case 'correct': return void (await app.articles.addCorrection(story, `Correction ${n}.`, 'test'));
    case 'renameTag': {
      const t = w.tags[o.tag];
      t.name = `Topic ${n}`;
      return void (await app.tags.update(t.id, { name: t.name }));
    }
    case 'renamePerson': return void (await app.people.update(w.people[o.person], { name: `Writer ${n}` }));
    case 'renameSection': return void (await app.sections.update(w.sections[o.section].id, { name: `Desk ${n}` }));
    case 'caption': return void (await app.media.updateMeta(w.images[o.image], { caption: `Caption ${n}`, alt: `Alt text ${n}` }));
    case 'siteName': return void (await app.settings.update({ name: `The Daily ${n}` }));
    case 'comment': {
      const a = await app.articles.get(story);
      if (a.status !== 'published') return;
      app.clock.advance(20_000);
      const p = await validPost(app as unknown as TestApp, story, nextIp(), { body: `Reader comment ${n}` });
      const r = await app.comments.submit(p, p.raw);
      w.comments.push(r.id);
      return;
    }
    case 'removeComment': {
      const id = w.comments.shift();
      // Its story may have been deleted since, and its comments with it.
      if (id !== undefined) await app.commentModeration.remove(id, 'test').catch((e) => assert.match(String(e), /not found/));
      return;
    }
    case 'newStory': {
      const a = await app.articles.create(parseArticleInput({ headline: `Fresh story ${n}`, bodyMarkdown: 'New.', status: 'published', section: w.sections[o.section].slug, tags: o.tags.map((t) => w.tags[t].name), bylines: [w.people[n % 2]], commentMode: 'open' }, 'create'), 'test');
      w.stories.push(a.id);
      return;
    }
    case 'frontPage': {
      // Choices of stories that are not public now are refused (422), as an editor's would be: the rest of the run goes on.
      const pick = (i: number) => w.stories[i % w.stories.length];
      const pinnedUntil = o.pinned ? new Date(app.clock.now().getTime() + 3600_000).toISOString() : null;
      const lead = pick(o.lead);
      const top = [...new Set(o.top.map(pick))].filter((id) => id !== lead).map((story) => ({ story, pinnedUntil }));
      const own = await app.articles.get(pick(o.sectionLead));
      const sectionLeads = own.section ? [{ section: own.section.id, story: own.id, pinnedUntil }] : [];
      await app.frontPage.update({ lead: { story: lead, pinnedUntil }, top, sectionLeads }, 'test').catch((e) => assert.equal(e.code, 'VALIDATION_FAILED', String(e)));
      return;
    }
    case 'pinEnds': {
      app.clock.advance(3601_000);
      return void (await app.runner.runDue());
    }
    case 'pageTitle': return void (await app.pages.update(w.pages[o.page], { title: `Page title ${n}` }));
    case 'pageBody': return void (await app.pages.update(w.pages[o.page], parsePageInput({ bodyMarkdown: `Page text ${n}.` }, 'update')));
    case 'pagePublish': {
      const p = await app.pages.get(w.pages[o.page]);
      return void (await app.pages.update(p.id, { status: p.status === 'published' ? 'draft' : 'published' }));
    }
    case 'pageMenu': {
      const p = await app.pages.get(w.pages[o.page]);
      return void (await app.pages.update(p.id, { inMenu: p.menuPosition === null }));
    }
    case 'pageMove': return void (await app.pages.move(w.pages[1], 'up').catch(() => undefined));
    case 'pageSlug': return void (await app.pages.update(w.pages[o.page], { slug: `page-${o.page}-${n}` }));
    case 'rule': {
      // Exact and prefix rules towards a page, then changed: their cached answers must follow.
      const target = o.status === 410 ? '' : `/${(await app.pages.get(w.pages[n % 2])).slug}`;
      for (const match of ['exact', 'prefix'] as const) {
        const found = (await app.redirectRules.list()).find((r) => r.match === match);
        const source = match === 'exact' ? '/old-address' : '/old-folder';
        if (found) await app.redirectRules.update(found.id, { target, status: o.status });
        else await app.redirectRules.create({ match, source, target, status: o.status });
      }
      return;
    }
    case 'removeRules': {
      for (const r of await app.redirectRules.list()) await app.redirectRules.remove(r.id);
      return;
    }
    case 'deleteStory': {
      if (w.stories.length <= 2) return;
      w.stories.splice(o.story % w.stories.length, 1);
      return void (await app.articles.remove(story, 'test'));
    }
  }
}

/** Every public address the world has, plus every address asked for before (a renamed slug's old page must not linger). */
async function addresses(app: App, w: World, seen: Set<string>): Promise<string[]> {
  const urls = ['/', '/?page=2', '/feed.xml', '/atom.xml', '/feed.json', '/sitemap.xml', '/sitemaps/stories-1.xml', '/sitemaps/sections.xml', '/robots.txt'];
  for (const s of w.sections) urls.push(`/section/${s.slug}`, `/section/${s.slug}/feed.xml`);
  for (const t of await app.tags.list()) urls.push(`/tag/${t.slug}`);
  for (const p of await app.people.list()) urls.push(`/author/${p.slug}`);
  for (const id of w.stories) {
    const a = await app.articles.get(id);
    urls.push(`/news/${id}/${a.slug}`, `/news/${id}/${a.slug}?comments=newest`, `/news/${id}/comments.xml`);
  }
  urls.push(`/news/${Math.max(...w.stories) + 1}/not-yet`);
  for (const id of w.pages) urls.push(`/${(await app.pages.get(id)).slug}`);
  urls.push('/old-address', '/old-folder/deep/path', '/about-us/');
  for (const u of urls) seen.add(u);
  return [...seen];
}

async function compare(a: App, b: App, w: World, seen: Set<string>, label: string): Promise<void> {
  await b.changes.catchUp();
  for (const url of await addresses(a, w, seen)) {
    b.pageCache.clear();
    const [ra, rb] = await Promise.all([a.server.inject({ url }), b.server.inject({ url })]);
    assert.equal(ra.statusCode, rb.statusCode, `${label}: ${url} status`);
    assert.equal(ra.headers.location, rb.headers.location, `${label}: ${url} location`);
    if (ra.body !== rb.body) assert.fail(`${label}: ${url} served stale (cached ${ra.body.length} bytes vs fresh ${rb.body.length})`);
  }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: tagged page cache`, () => {
    let t: TestDb;
    let a: App & { clock: ReturnType<typeof fixedClock> };
    let b: App;
    let w: World;
    const seen = new Set<string>();
    before(async () => {
      t = await createTestDb(dialect);
      const clock = fixedClock(new Date('2026-05-21T10:00:00Z'));
      a = Object.assign(await createApp(testConfig(t.dataDir), { db: t.db, clock, jobs: false }), { clock });
      const other = dialect === 'sqlite' ? createSqliteDb(path.join(t.dataDir, 'test.db')) : createPostgresDb(PG_URL, { schema: t.db.schema, max: 4 });
      b = await createApp(testConfig(t.dataDir, { PAGE_CACHE_ENTRIES: '0' }), { db: other, clock, jobs: false });
      await easyRules(a as unknown as TestApp);
      w = await seed(a);
    });
    after(async () => {
      for (const x of [a, b]) {
        await x.changes.stop();
        await x.comments.close();
        await x.server.close();
      }
      await b.db.close();
      await t.cleanup();
    });

    test('after any sequence of writes, every page served from the cache equals a fresh render', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(OPS, { minLength: 1, maxLength: 6 }), async (ops) => {
          await compare(a, b, w, seen, 'warm');
          for (const [i, o] of ops.entries()) {
            await apply(a, w, o);
            await compare(a, b, w, seen, `after ${ops.slice(0, i + 1).map((x) => x.op).join(', ')}`);
          }
        }),
        { numRuns: 6 },
      );
    });

    test('an approved comment purges its story page, its comment feed and the pages showing its card, and nothing else', async () => {
      const story = w.stories.find((id) => id !== undefined)!;
      await a.articles.update(story, parseArticleInput({ status: 'published' }, 'update'), 'test');
      await a.comments.settings.updateRules({});
      const urls = await addresses(a, w, new Set());
      const slug = (await a.articles.get(story)).slug;
      const own = [`/news/${story}/${slug}`, `/news/${story}/${slug}?comments=newest`, `/news/${story}/comments.xml`];
      // Cards carry the comment count: lists and related blocks that show this story change too.
      const card = `<h3 class="card-title"><a href="/news/${story}/${slug}">`;
      const cardHead = `<h2 class="card-title"><a href="/news/${story}/${slug}">`;
      const showing: string[] = [];
      for (const url of urls) {
        const body = (await a.server.inject({ url })).body;
        if (!own.includes(url) && (body.includes(card) || body.includes(cardHead))) showing.push(url);
      }
      assert.ok(showing.includes('/'), 'the front page shows the story');
      const cached = a.pageCache.size;
      const before = { ...a.pageCache.stats };
      a.clock.advance(20_000);
      const p = await validPost(a as unknown as TestApp, story, nextIp(), { body: 'Only this story changes' });
      const r = await a.comments.submit(p, p.raw);
      assert.equal(r.status, 'approved');
      const dropped = [...own, ...showing];
      assert.equal(a.pageCache.stats.purged - before.purged, dropped.length, `exactly the story page (both orders), its comment feed and ${showing.join(', ')} were dropped`);
      assert.equal(a.pageCache.size, cached - dropped.length);
      const hits = a.pageCache.stats.hits;
      for (const url of urls.filter((u) => !dropped.includes(u))) await a.server.inject({ url });
      assert.equal(a.pageCache.stats.misses, before.misses, 'every other page was still cached');
      assert.ok(a.pageCache.stats.hits > hits);
      const page = await a.server.inject({ url: own[0] });
      assert.match(page.body, /Only this story changes/);
    });

    test('public pages: browsers revalidate, shared caches keep them with their tags', async () => {
      const id = w.stories[0];
      const res = await a.server.inject({ url: `/news/${id}` });
      const page = await a.server.inject({ url: res.headers.location as string });
      assert.equal(page.headers['cache-control'], 'public, max-age=0, s-maxage=86400, stale-if-error=86400');
      const keys = String(page.headers['surrogate-key']).split(' ');
      for (const k of [`story:${id}`, `comments:${id}`, 'settings', 'sections']) assert.ok(keys.includes(k), k);
      const again = await a.server.inject({ url: res.headers.location as string, headers: { 'if-none-match': String(page.headers.etag) } });
      assert.equal(again.statusCode, 304);
      await a.articles.update(id, parseArticleInput({ headline: 'A browser must not keep the old one' }, 'update'), 'test');
      const after = await a.server.inject({ url: res.headers.location as string, headers: { 'if-none-match': String(page.headers.etag) } });
      assert.equal(after.statusCode, 200, 'the ETag a browser holds no longer matches after the edit');
    });
  });
}
