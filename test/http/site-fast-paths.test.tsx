import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { parseArticleInput, type Article, type ArticleSummary } from '../../src/domain/articles/index.ts';
import { formatDisplayTime, formatIsoInZone } from '../../src/domain/shared/time.ts';
import { renderToString } from 'preact-render-to-string';
import { CommentsSection } from '../../src/http/site/comments/comments-section.tsx';
import { loadCommentsSection } from '../../src/http/site/comments/load.ts';
import { PageCache } from '../../src/http/site/page-cache.ts';
import { shownTime } from '../../src/http/site/render/time.ts';
import { StoryCard } from '../../src/http/site/templates/parts.tsx';
import { newestWithTagRows } from '../../src/domain/articles/articles.repo.ts';
import { prepared } from '../../src/storage/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { easyRules } from '../domain/comments-helpers.ts';
import { postValid } from './comments-client.ts';

/**
 * The cold story render's shortcuts, held to what they replace: related
 * stories merged from per-tag lists against a brute-force answer, the
 * per-generation memo never stale, one formatToParts call for both time forms.
 */

const ZONES = ['Asia/Tehran', 'UTC', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu', 'Europe/Dublin'];

test('shownTime writes exactly what formatIsoInZone and formatDisplayTime write: any instant', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2150-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...ZONES), (d, tz) => {
      const t = shownTime(d, tz);
      assert.equal(t.iso, formatIsoInZone(d, tz));
      assert.equal(t.display, formatDisplayTime(d, tz));
    }),
    { numRuns: 2000 },
  );
});

test('shownTime: every third hour of 2021-2022 in every zone, through Tehran\'s last DST and Lord Howe\'s half-hour one', () => {
  for (const tz of ZONES) {
    for (let t = Date.parse('2021-01-01T00:00:00Z'); t < Date.parse('2023-01-01T00:00:00Z'); t += 3 * 3600_000) {
      const d = new Date(t + 17_000);
      const s = shownTime(d, tz);
      if (s.iso !== formatIsoInZone(d, tz) || s.display !== formatDisplayTime(d, tz)) {
        assert.fail(`${tz} ${d.toISOString()}: ${s.iso} / ${s.display} vs ${formatIsoInZone(d, tz)} / ${formatDisplayTime(d, tz)}`);
      }
    }
  }
});

test('PageCache.memo loads once per generation and forgets failed loads', async () => {
  const cache = new PageCache(0);
  let loads = 0;
  const load = async () => ++loads;
  assert.equal(await cache.memo('k', load), 1);
  assert.equal(await cache.memo('k', load), 1, 'kept while the content is unchanged');
  cache.clear();
  assert.equal(await cache.memo('k', load), 2, 'reloaded after a content change');
  await assert.rejects(cache.memo('bad', async () => Promise.reject(new Error('db down'))));
  assert.equal(await cache.memo('bad', async () => 'ok'), 'ok', 'a failure is not kept');
});

test('the page cache is bounded by bytes and entries, least recently used out first', async () => {
  const cache = new PageCache(3, 100);
  const page = (n: number) => async () => ({ body: 'x'.repeat(n), contentType: 'text/plain', lastModified: new Date(0) });
  await cache.get('a', page(40));
  await cache.get('b', page(40));
  assert.ok(cache.peek('a'), 'a is now the most recently used');
  await cache.get('c', page(40));
  assert.deepEqual(['a', 'b', 'c'].map((k) => Boolean(cache.peek(k))), [true, false, true], 'b, least recently used, made room');
  assert.equal(cache.sizeBytes, 80);
  await cache.get('big', page(101));
  assert.equal(cache.peek('big'), undefined, 'a page larger than the whole budget is served, not kept');
  await cache.get('d', page(10));
  await cache.get('e', page(10));
  assert.equal(cache.size, 3, 'the entry bound holds too');
  cache.clear();
  assert.deepEqual([cache.size, cache.sizeBytes], [0, 0]);
});

test('fragments are kept only for the generation they were bound to', () => {
  const cache = new PageCache(0);
  let renders = 0;
  const render = () => `<p>${++renders}</p>`;
  const before = cache.fragments();
  assert.equal(before('k', render), '<p>1</p>');
  assert.equal(before('k', render), '<p>1</p>', 'kept');
  cache.clear();
  assert.equal(before('k', render), '<p>2</p>', 'a render bound before the change neither reads nor keeps markup');
  assert.equal(cache.fragments()('k', render), '<p>3</p>', 'the new generation renders its own');
});

/** What "related" means, written the slow way: shared tag newest first, then the section's newest. */
function expectedRelated(a: Article, all: ArticleSummary[], tagsOf: Map<number, number[]>, limit: number): number[] {
  const newest = [...all].sort((x, y) => y.publishedAt!.getTime() - x.publishedAt!.getTime() || y.id - x.id);
  const mine = new Set(a.tags.map((t) => t.id));
  const out = newest.filter((s) => s.id !== a.id && (tagsOf.get(s.id) ?? []).some((t) => mine.has(t))).slice(0, limit).map((s) => s.id);
  if (out.length < limit && a.section) {
    // The section fallback looks at the section's newest limit + 1 only, as the site always has.
    for (const s of newest.filter((s) => s.section?.id === a.section!.id).slice(0, limit + 1)) {
      if (s.id !== a.id && !out.includes(s.id) && out.length < limit) out.push(s.id);
    }
  }
  return out;
}

const between = (html: string, start: string, end: string) => {
  const i = html.indexOf(start);
  assert.ok(i >= 0, `no ${start}`);
  return html.slice(i, html.indexOf(end, i) + end.length);
};

const relatedIds = (html: string) => {
  const block = html.split('<section class="related"')[1]?.split('</section>')[0] ?? '';
  return [...block.matchAll(/<a href="\/news\/(\d+)\//g)].map((m) => Number(m[1]));
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: cold story render shortcuts`, () => {
    let app: TestApp;
    const create = (fields: Record<string, unknown>): Promise<Article> => app.articles.create(parseArticleInput({ status: 'published', ...fields }, 'create'), 'test');
    const update = (id: number, fields: Record<string, unknown>) => app.articles.update(id, parseArticleInput(fields, 'update'), 'test');
    const page = async (a: { id: number; slug: string }) => (await app.server.inject(`/news/${a.id}/${a.slug}`)).body;

    before(async () => {
      // Page cache off: the memo alone must keep pages fresh.
      app = await createTestApp(dialect, undefined, { env: { PAGE_CACHE_ENTRIES: '0' } });
      await app.sections.create({ name: 'City', slug: 'city' });
      await app.sections.create({ name: 'Sport', slug: 'sport' });
    });
    after(async () => app.cleanup());

    test('related stories on the page are the brute-force answer, ties included', async () => {
      const tagNames = ['harbour', 'tram', 'budget', 'league', 'storm'];
      const tagsOfStory = new Map<string, string[]>();
      const stories: Article[] = [];
      let seed = 7;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let i = 0; i < 40; i++) {
        const tags = tagNames.filter(() => rand() < 0.25);
        // Every fourth story shares its minute with the one before: the id breaks the tie.
        const minute = i - (i % 4 === 3 ? 1 : 0);
        const a = await create({
          headline: `Story ${i}`,
          bodyMarkdown: 'Text.',
          section: rand() < 0.5 ? 'city' : 'sport',
          tags,
          publishedAt: new Date(Date.parse('2026-05-20T00:00:00Z') + minute * 60_000).toISOString(),
        });
        tagsOfStory.set(String(a.id), tags);
        stories.push(a);
      }
      const all = (await app.queries.listPublic({}, 100, 0)).items;
      const tagsOf = new Map(stories.map((s) => [s.id, s.tags.map((t) => t.id)]));
      for (const a of stories) {
        assert.deepEqual(relatedIds(await page(a)), expectedRelated(a, all, tagsOf, 4), `story ${a.id} (${tagsOfStory.get(String(a.id))?.join(',')})`);
      }
      // A rare tag's stories are read by id, a common one's by walking the index: both give the same, in the same order.
      const now = app.clock.now().toISOString();
      for (const tagId of new Set([...tagsOf.values()].flat())) {
        const byId = await newestWithTagRows(app.db.kysely, tagId, now, 5, 1000);
        const byWalk = await newestWithTagRows(app.db.kysely, tagId, now, 5, 0);
        assert.ok(byId.length > 0);
        assert.deepEqual(byId.map((r) => r.id), byWalk.map((r) => r.id), `tag ${tagId}`);
      }
    });

    test('related cards follow publish, edit, unpublish and byline renames at once', async () => {
      const person = await app.people.create({ name: 'Mina Farahani', slug: 'mina-farahani' });
      const old = await create({ headline: 'Ferry timetable changes', tags: ['ferries'], bodyMarkdown: 'Text.', publishedAt: '2026-05-21T08:00:00Z' });
      assert.deepEqual(relatedIds(await page(old)), [], 'nothing shares the tag yet');
      app.clock.advance(60_000);
      const fresh = await create({ headline: 'Night ferry returns', tags: ['ferries'], bylines: [person.slug], bodyMarkdown: 'Text.' });
      let html = await page(old);
      assert.deepEqual(relatedIds(html), [fresh.id], 'a new story with the tag appears');
      await update(fresh.id, { headline: 'Night ferry returns in June' });
      html = await page(old);
      assert.match(html, /Night ferry returns in June/);
      await app.people.update(person.id, { name: 'Mina Farahani-Rad' });
      assert.match(await page(old), /Mina Farahani-Rad/);
      await update(fresh.id, { status: 'unpublished' });
      assert.deepEqual(relatedIds(await page(old)), [], 'an unpublished story leaves the list');
    });

    test('a prepared query binds each call\'s values and answers what the builder answers', async () => {
      const k = app.db.kysely;
      const byStatus = prepared(2, (db, status: string, id: number) => db.selectFrom('articles').select(['id', 'status']).where('status', '=', status).where('id', '>', id).orderBy('id'));
      const built = (status: string, id: number) => k.selectFrom('articles').select(['id', 'status']).where('status', '=', status).where('id', '>', id).orderBy('id').execute();
      for (const [status, id] of [['published', 0], ['published', 5], ['draft', 0], ['nope', 0]] as const) {
        assert.deepEqual(await byStatus(k, status, id), await built(status, id));
      }
      const missing = prepared(1, (db, _id: number) => db.selectFrom('articles').select('id'));
      await assert.rejects(missing(k, 1), /every argument must appear exactly once/);
    });

    test('bylines, tags and corrections (one statement) keep their order', async () => {
      for (const name of ['Zoe Adams', 'Amir Kazemi', 'Lena Berg']) await app.people.create({ name });
      const a = await create({ headline: 'Order test', bylines: ['zoe-adams', 'amir-kazemi', 'lena-berg'], tags: ['Zeta', 'Alpha', 'Mu'], bodyMarkdown: 'Text.' });
      await app.articles.addCorrection(a.id, 'Second note, same minute.', 'test');
      await app.articles.addCorrection(a.id, 'Third note, same minute.', 'test');
      app.clock.advance(-60_000);
      await app.articles.addCorrection(a.id, 'First note, a minute earlier.', 'test');
      app.clock.advance(60_000);
      const found = await app.queries.findPublic(a.id);
      assert.equal(found.state, 'visible');
      if (found.state !== 'visible') return;
      const s = found.article;
      assert.deepEqual(s.bylines.map((p) => p.name), ['Zoe Adams', 'Amir Kazemi', 'Lena Berg']);
      assert.deepEqual(s.tags.map((t) => t.name), ['Zeta', 'Alpha', 'Mu']);
      assert.deepEqual(s.corrections.map((c) => c.body), ['First note, a minute earlier.', 'Second note, same minute.', 'Third note, same minute.']);
      assert.equal(s.corrections[0].createdAt.getTime() + 60_000, s.corrections[1].createdAt.getTime());
      const html = await page(a);
      assert.match(html, /By <a href="\/author\/zoe-adams" rel="author">Zoe Adams<\/a>, <a href="\/author\/amir-kazemi" rel="author">Amir Kazemi<\/a> and <a href="\/author\/lena-berg" rel="author">Lena Berg<\/a>/);
    });

    test('memoised cards and the comment form equal a direct render, in every comment mode', async () => {
      await easyRules(app);
      const modes = ['default', 'open', 'closed'] as const;
      const stories: Article[] = [];
      for (const mode of modes) stories.push(await create({ headline: `Comments ${mode}`, tags: ['moorings'], commentMode: mode, bodyMarkdown: 'Text.' }));
      for (const s of stories.slice(0, 2)) assert.ok([200, 201, 202].includes((await postValid(app, s.id, { body: `Hello on ${s.id}` })).statusCode));
      await app.commentModeration.moderate((await app.db.kysely.selectFrom('comments').select('id').execute()).map((r) => r.id), 'approve', 'test');
      for (const a of stories) {
        const html = await page(a); // the second visit reads every fragment from the memo
        const again = await page(a);
        assert.equal(again, html);
        if (a.commentMode !== 'closed') assert.ok(html.includes(`Hello on ${a.id}`), 'the approved comment is on the page');
        else assert.match(html, /Comments are closed on this story\./);
        const props = await loadCommentsSection(app, a);
        assert.equal(between(html, '<section id="comments"', '</section>'), renderToString(<CommentsSection {...props} />), `comments, ${a.commentMode}`);
        const related = await app.queries.related(a, 4);
        const cards = related.map((r) => renderToString(<StoryCard story={r} tz="UTC" pageLang={a.language} level={3} />)).join('');
        assert.equal(between(html, '<div class="card-grid">', '</section>'), `<div class="card-grid">${cards}</div></section>`);
      }
    });
  });
}
