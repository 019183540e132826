import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/** What readers and scanners type into search boxes (docs/architecture.md, hostile input: search queries, unicode); the domain suite runs the same kind. */
const HOSTILE_QUERIES = [
  '"unbalanced', '""', 'AND', 'OR NOT', 'NEAR(harbour tram, 2)', 'harb*', '^harbour', 'headline:harbour', '(harbour', '{headline}: x',
  "' OR 1=1--", "'; DROP TABLE articles;--", "' UNION SELECT * FROM api_keys--", 'harbour '.repeat(2000), '\u0000harbour\u0001\u0002',
  '\u202Eharbour', '%_%', '\\', ':', '*', '\uD800', 'Ｈａｒｂｏｕｒ', 'محمد', '🙂', '<script>alert(1)</script>', '&amp;', '"><img src=x onerror=alert(1)>',
];

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate as raw UTF-8 bytes: invalid, must still not break anything
  }
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: /search page`, () => {
    let app: TestApp;
    const get = (url: string) => app.server.inject({ method: 'GET', url });

    before(async () => {
      app = await createTestApp(dialect);
      await app.sections.create({ name: 'City', slug: 'city' });
      await app.people.create({ name: 'Sara Ahmadi' });
      const mk = (f: Record<string, unknown>) => app.articles.create(parseArticleInput({ status: 'published', ...f }, 'create'), 'test');
      await mk({ headline: 'Harbour strike ends', bodyMarkdown: 'Esmail Ghaani was not at the harbour.', section: 'city', bylines: ['sara-ahmadi'], publishedAt: '2026-02-01T08:00:00Z' });
      await mk({ headline: 'Lighthouse log', bodyMarkdown: 'The note `<script>alert(1)</script>` was found near the harbour.', publishedAt: '2026-03-01T08:00:00Z' });
      for (let i = 0; i < 22; i++) await mk({ headline: `Ferry notice ${i}`, bodyMarkdown: 'Ferries run late.', section: 'city', publishedAt: new Date(Date.UTC(2026, 3, 1, i)).toISOString() });
      await app.articles.create(parseArticleInput({ headline: 'Harbour secret draft' }, 'create'), 'test');
    });
    after(async () => app.cleanup());

    test('results with marks, a count, the form filled in, cacheable for a minute but not page-cached', async () => {
      const before = app.pageCache.size;
      const res = await get('/search?q=harbour');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'public, max-age=0, s-maxage=3600');
      assert.match(String(res.headers['content-type']), /text\/html/);
      assert.match(res.body, /2 stories match “harbour”/);
      assert.match(res.body, /<mark>Harbour<\/mark> strike ends/);
      assert.match(res.body, /<input[^>]*name="q"[^>]*value="harbour"/);
      assert.match(res.body, /<form[^>]*action="\/search"[^>]*method="get"|<form[^>]*method="get"[^>]*action="\/search"/);
      assert.doesNotMatch(res.body, /secret draft/);
      assert.match(res.body, /noindex/);
      assert.equal(app.pageCache.size, before);
    });

    test('transliteration: Qaani finds the Ghaani story and marks Ghaani', async () => {
      const res = await get(`/search?q=${enc("Qa'ani")}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /1 story matches/);
      assert.match(res.body, /<mark>Ghaani<\/mark>/);
    });

    test('story text and the echoed query are escaped', async () => {
      const res = await get(`/search?q=${enc('lighthouse <script>alert(1)</script>')}`);
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /<script>alert/);
      const hit = await get('/search?q=note');
      assert.match(hit.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
      assert.doesNotMatch(hit.body, /<script>alert/);
    });

    test('filters and pagination keep each other; newest sort', async () => {
      const p1 = await get('/search?q=ferry&section=city&sort=newest');
      assert.equal(p1.statusCode, 200);
      assert.match(p1.body, /22 stories match/);
      assert.match(p1.body, /<mark>Ferry<\/mark> notice 21</);
      assert.match(p1.body, /href="\/search\?q=ferry&amp;section=city&amp;sort=newest&amp;page=2"/);
      const p2 = await get('/search?q=ferry&section=city&sort=newest&page=2');
      assert.match(p2.body, /<mark>Ferry<\/mark> notice 1</);
      assert.doesNotMatch(p2.body, /notice 21</);
      const dated = await get('/search?q=harbour&from=2026-02-15&to=2026-03-15');
      assert.match(dated.body, /1 story matches/);
      const byAuthor = await get('/search?q=harbour&author=sara-ahmadi');
      assert.match(byAuthor.body, /1 story matches/);
    });

    test('empty and bad requests get a clear message, never a 500', async () => {
      const empty = await get('/search');
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /Type a word/);
      const blank = await get('/search?q=%20%20');
      assert.equal(blank.statusCode, 200);
      for (const [url, text] of [
        ['/search?q=x&from=2026-02-31', /Please check the “from” date/],
        ['/search?q=x&sort=created_at;DROP', /Please check the order/],
        ['/search?q=x&page=abc', /page number/],
        ['/search?q=x&page=99', /first 1,000/],
        ['/search?q=a&q=b', /Please check the search words/],
      ] as const) {
        const res = await get(url);
        assert.equal(res.statusCode, 400, url);
        assert.match(res.body, text, url);
        assert.equal(res.headers['cache-control'], 'public, max-age=0, s-maxage=3600');
      }
    });

    test('the hostile query battery: 200 or 400, never 500; tables intact', async () => {
      const stories = (await app.queries.listPublic({}, 100, 0)).total;
      for (const q of [...HOSTILE_QUERIES, 'x'.repeat(10_000)]) {
        const res = await get(`/search?q=${enc(q)}`);
        assert.ok([200, 400].includes(res.statusCode), `${res.statusCode} for ${q.slice(0, 30)}`);
        assert.doesNotMatch(res.body, /<script>alert/);
      }
      const long = await get(`/search?q=${'harbour%20'.repeat(50)}`);
      assert.match(long.body, /too long/);
      assert.equal((await app.queries.listPublic({}, 100, 0)).total, stories);
      assert.match((await get('/search?q=harbour')).body, /2 stories match/);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: searches per client are limited (SEARCH_RATE_LIMIT)`, () => {
    let app: TestApp;
    const get = (url: string, remoteAddress = '203.0.113.7') => app.server.inject({ method: 'GET', url, remoteAddress });

    before(async () => {
      app = await createTestApp(dialect, undefined, { env: { SEARCH_RATE_LIMIT: '3' } });
      await app.articles.create(parseArticleInput({ status: 'published', headline: 'Harbour strike ends', publishedAt: '2026-02-01T08:00:00Z' }, 'create'), 'test');
    });
    after(async () => app.cleanup());

    test('past the limit the page and the API answer 429 with Retry-After; other clients and the next minute are fine', async () => {
      assert.equal((await get('/search?q=harbour')).statusCode, 200);
      assert.equal((await get('/api/content/v1/search?q=harbour')).statusCode, 200);
      assert.equal((await get('/search?q=strike')).statusCode, 200);
      const page = await get('/search?q=harbour');
      assert.equal(page.statusCode, 429);
      assert.match(page.body, /Too many searches from your address/);
      assert.ok(Number(page.headers['retry-after']) >= 1 && Number(page.headers['retry-after']) <= 60);
      assert.equal(page.headers['cache-control'], 'no-store');
      const api = await get('/api/content/v1/search?q=harbour');
      assert.equal(api.statusCode, 429);
      assert.match(api.json().error.message, /too many searches/);
      assert.ok(Number(api.headers['retry-after']) >= 1);
      assert.equal((await get('/search?q=harbour', '198.51.100.9')).statusCode, 200, 'another address is not held back');
      app.clock.advance(60_000);
      assert.equal((await get('/search?q=harbour')).statusCode, 200, 'a new minute');
    });
  });
}

describe('search limits in Redis (scale-out)', () => {
  const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const env = { REDIS_URL, SEARCH_RATE_LIMIT: '3' };
  // Both apps run on the same fixed clock, so one window; a fresh address per run, as Redis keeps counts for a minute.
  const addr = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  const search = (app: TestApp, remoteAddress = addr) => app.server.inject({ method: 'GET', url: '/search?q=harbour', remoteAddress });

  test('two instances share one count per address', async () => {
    const a = await createTestApp('sqlite', undefined, { env });
    const b = await createTestApp('sqlite', undefined, { env });
    try {
      assert.equal((await search(a)).statusCode, 200);
      assert.equal((await search(b)).statusCode, 200);
      assert.equal((await search(a)).statusCode, 200);
      const limited = await search(b);
      assert.equal(limited.statusCode, 429, 'the fourth search, on the other instance');
      assert.ok(Number(limited.headers['retry-after']) >= 1);
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });

  test('Redis down: searches go ahead (a search writes nothing), never a 500', async () => {
    const app = await createTestApp('sqlite', undefined, { env: { REDIS_URL: 'redis://127.0.0.1:1', SEARCH_RATE_LIMIT: '1' } });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await search(app)).statusCode, 200);
    } finally {
      await app.cleanup();
    }
  });
});
