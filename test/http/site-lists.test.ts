import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput, type Article } from '../../src/domain/articles/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/** Home, section, tag and author pages, pagination, robots.txt and the site-wide 404. */

const headlinesIn = (html: string) => [...html.matchAll(/<h[23] class="card-title"><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

for (const dialect of DIALECTS) {
  describe(`${dialect}: public list pages`, () => {
    let app: TestApp;
    const get = (url: string, headers: Record<string, string> = {}) => app.server.inject({ method: 'GET', url, headers });
    let minute = 0;
    /** Stories one minute apart, so "newest first" has a single right answer. */
    const create = (fields: Record<string, unknown>): Promise<Article> => {
      const publishedAt = new Date(Date.parse('2026-05-01T08:00:00Z') + minute++ * 60_000).toISOString();
      return app.articles.create(parseArticleInput({ status: 'published', publishedAt, ...fields }, 'create'), 'test');
    };

    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    test('an empty site has a home page and a robots.txt', async () => {
      const r = await get('/');
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /No stories yet/);
      assert.equal(r.body.match(/<h1[\s>]/g)?.length, 1);
      const robots = await get('/robots.txt');
      assert.equal(robots.statusCode, 200);
      assert.match(robots.headers['content-type'] as string, /^text\/plain/);
      assert.equal(robots.body, 'User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api\n\nSitemap: http://news.test/sitemap.xml\n');
    });

    test('home: the newest story leads, the rest grouped by section, most recent first', async () => {
      const politics = await app.sections.create({ name: 'Politics', slug: 'politics' });
      await app.sections.create({ name: 'Elections', slug: 'elections', parentId: politics.id });
      await app.sections.create({ name: 'Sport', slug: 'sport' });
      await app.people.create({ name: 'Sara Ahmadi', slug: 'sara-ahmadi', bio: 'Covers parliament.\n\nBased in Tehran.', roleTitle: 'Political correspondent' });
      await app.tags.create({ name: 'Parliament', slug: 'parliament', aliases: ['majlis'] });
      await create({ headline: 'Old politics story', section: 'politics', tags: ['parliament'] });
      await create({ headline: 'Sport story', section: 'sport' });
      await create({ headline: 'Election story', section: 'elections', bylines: ['sara-ahmadi'], tags: ['parliament'] });
      await create({ headline: 'New politics story', section: 'politics', bylines: ['sara-ahmadi'], dek: 'Lead dek' });
      await create({ headline: 'Unfiled story' });
      await create({ headline: 'Lead story', section: 'sport', dek: 'The big one' });
      await create({ headline: 'Draft story', section: 'sport', status: 'draft' });
      const html = (await get('/')).body;
      assert.match(html, /<h1 class="brand">/);
      assert.equal(html.match(/<h1[\s>]/g)?.length, 1);
      assert.match(html, /<section class="lead" aria-label="Top story"><article class="story-card story-card--lead"[^>]*>.*?Lead story/);
      const groups = [...html.matchAll(/<h2 class="group-title" id="group-\d+">(?:<a href="[^"]+">)?([^<]+)/g)].map((m) => m[1]);
      assert.deepEqual(groups, ['More news', 'Politics', 'Elections', 'Sport']);
      assert.deepEqual(headlinesIn(html), ['Lead story', 'Unfiled story', 'New politics story', 'Old politics story', 'Election story', 'Sport story']);
      assert.doesNotMatch(html, /Draft story/);
      assert.match(html, /<nav class="sections-nav" aria-label="Sections"><ul><li><a href="\/" aria-current="page">Home<\/a><\/li><li><a href="\/section\/politics">Politics<\/a><\/li><li><a href="\/section\/sport">Sport<\/a><\/li><\/ul><\/nav>/, 'top-level sections only');
    });

    test('a section page includes its subsections’ stories and lists the subsections', async () => {
      const r = await get('/section/politics');
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<h1 class="list-title">Politics<\/h1>/);
      assert.deepEqual(headlinesIn(r.body), ['New politics story', 'Election story', 'Old politics story']);
      assert.match(r.body, /<nav class="subsections" aria-label="In Politics"><ul><li><a href="\/section\/elections">Elections<\/a>/);
      assert.match(r.body, /<a href="\/section\/politics" aria-current="page">Politics<\/a>/);
      for (const [type, file] of [['rss\\+xml', 'feed.xml'], ['atom\\+xml', 'atom.xml'], ['feed\\+json', 'feed.json']]) {
        assert.match(r.body, new RegExp(`<link rel="alternate" type="application/${type}" title="[^"]+" href="/section/politics/${file.replace('.', '\\.')}"/>`));
      }
      assert.match(r.body, /<link rel="canonical" href="http:\/\/news\.test\/section\/politics"\/>/);
      const child = await get('/section/elections');
      assert.deepEqual(headlinesIn(child.body), ['Election story']);
      assert.match(child.body, /<p class="kicker"><a href="\/section\/politics">Politics<\/a><\/p>/, 'the parent as kicker');
      assert.equal((await get('/section/nope')).statusCode, 404);
    });

    test('a tag page lists its stories; an alias 301s to the tag', async () => {
      const r = await get('/tag/parliament');
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<h1 class="list-title">Parliament<\/h1>/);
      assert.deepEqual(headlinesIn(r.body), ['Election story', 'Old politics story']);
      const alias = await get('/tag/majlis');
      assert.equal(alias.statusCode, 301);
      assert.equal(alias.headers.location, '/tag/parliament');
      assert.equal((await get('/tag/majlis?page=2')).headers.location, '/tag/parliament?page=2');
      const missing = await get('/tag/no-such-tag');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /Page not found/);
    });

    test('an author page shows the bio and the stories', async () => {
      const r = await get('/author/sara-ahmadi');
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /<p class="kicker">Political correspondent<\/p><h1 class="list-title">Sara Ahmadi<\/h1>/);
      assert.match(r.body, /<div class="author-bio"><p>Covers parliament\.<\/p><p>Based in Tehran\.<\/p><\/div>/);
      assert.deepEqual(headlinesIn(r.body), ['New politics story', 'Election story']);
      assert.equal(r.body.match(/<h1[\s>]/g)?.length, 1);
      assert.equal((await get('/author/nobody')).statusCode, 404);
    });

    test('pagination: 20 a page, rel=prev/next, and no page beyond the end', async () => {
      await app.sections.create({ name: 'Archive', slug: 'archive' });
      for (let i = 1; i <= 25; i++) await create({ headline: `Archive story ${i}`, section: 'archive' });
      const p1 = await get('/section/archive');
      assert.equal(headlinesIn(p1.body).length, 20);
      assert.equal(headlinesIn(p1.body)[0], 'Archive story 25');
      assert.match(p1.body, /<link rel="next" href="http:\/\/news\.test\/section\/archive\?page=2"\/>/);
      assert.doesNotMatch(p1.body, /<link rel="prev"/);
      assert.match(p1.body, /<a href="\/section\/archive\?page=2" rel="next">/);
      const p2 = await get('/section/archive?page=2');
      assert.equal(p2.statusCode, 200);
      assert.deepEqual(headlinesIn(p2.body), ['Archive story 5', 'Archive story 4', 'Archive story 3', 'Archive story 2', 'Archive story 1']);
      assert.match(p2.body, /<link rel="prev" href="http:\/\/news\.test\/section\/archive"\/>/);
      assert.doesNotMatch(p2.body, /<link rel="next"/);
      assert.match(p2.body, /<link rel="canonical" href="http:\/\/news\.test\/section\/archive\?page=2"\/>/);
      for (const q of ['page=3', 'page=999', 'page=-1', 'page=0', 'page=abc', 'page=1.5', 'page=2&page=3', 'page=99999999999999']) {
        const r = await get(`/section/archive?${q}`);
        assert.equal(r.statusCode, 404, q);
        assert.match(r.body, /<h1>Page not found<\/h1>/, q);
      }
      assert.equal((await get('/?page=2')).statusCode, 200, 'the home page has an archive too');
      assert.match((await get('/?page=2')).body, /<h2 class="list-title">Latest news, page 2<\/h2>/);
      assert.equal((await get('/?page=99')).statusCode, 404);
      assert.equal((await get('/tag/parliament?page=2')).statusCode, 404);
    });

    test('list pages are cached but never stale, and carry validators', async () => {
      const first = await get('/section/sport');
      assert.equal((await get('/section/sport', { 'if-none-match': first.headers.etag as string })).statusCode, 304);
      await create({ headline: 'Breaking sport news', section: 'sport' });
      const next = await get('/section/sport');
      assert.equal(headlinesIn(next.body)[0], 'Breaking sport news');
      assert.notEqual(next.headers.etag, first.headers.etag);
      assert.equal(headlinesIn((await get('/')).body)[0], 'Breaking sport news');
    });

    test('unknown paths get the 404 page with the site chrome and a short cache life', async () => {
      for (const url of ['/no/such/page', '/news', '/section/', '/%2e%2e/etc/passwd', '/news/1/x/extra']) {
        const r = await get(url);
        assert.equal(r.statusCode, 404, url);
        assert.match(r.headers['content-type'] as string, /^text\/html/);
        assert.match(r.body, /<main id="main"/);
        assert.match(r.body, /<meta name="robots" content="noindex"\/>/);
        assert.equal(r.headers['cache-control'], 'public, max-age=0, s-maxage=300');
        assert.ok(r.headers['content-security-policy']);
      }
      const api = await get('/api/nope');
      assert.equal(api.statusCode, 404);
      assert.match(api.headers['content-type'] as string, /json/, 'the API keeps JSON errors');
    });
  });
}
