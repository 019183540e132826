import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { FeedsService } from '../../src/domain/feeds/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const run = promisify(execFile);

/** Python's expat-backed ElementTree as the well-formedness oracle; namespaces are checked by URI. */
const READ_SITEMAP = `
import sys, json, xml.etree.ElementTree as ET
S = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
N = '{http://www.google.com/schemas/sitemap-news/0.9}'
root = ET.parse(sys.argv[1]).getroot()
out = {'root': root.tag, 'urls': []}
for el in root:
    item = {'loc': el.findtext(S + 'loc'), 'lastmod': el.findtext(S + 'lastmod')}
    news = el.find(N + 'news')
    if news is not None:
        item['news'] = {'name': news.findtext(N + 'publication/' + N + 'name'), 'language': news.findtext(N + 'publication/' + N + 'language'),
                        'date': news.findtext(N + 'publication_date'), 'title': news.findtext(N + 'title')}
    out['urls'].append(item)
print(json.dumps(out))
`;

interface Sitemap {
  root: string;
  urls: Array<{ loc: string; lastmod: string | null; news?: { name: string; language: string; date: string; title: string } }>;
}

async function readSitemap(body: Buffer | string): Promise<Sitemap> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitemap-'));
  const file = path.join(dir, 'sitemap.xml');
  fs.writeFileSync(file, body);
  try {
    return JSON.parse((await run('/usr/bin/python3', ['-c', READ_SITEMAP, file])).stdout) as Sitemap;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const SITE = 'http://news.test';
const NS = '{http://www.sitemaps.org/schemas/sitemap/0.9}';
const HOUR = 3600_000;

for (const dialect of DIALECTS) {
  describe(`${dialect}: sitemaps`, () => {
    let app: TestApp;
    let start: number;
    const id: Record<string, number> = {};
    const url: Record<string, string> = {};

    before(async () => {
      app = await createTestApp(dialect);
      start = app.clock.now().getTime();
      const at = (h: number) => new Date(start - h * HOUR);
      await app.settings.update({ name: 'The Daily & <Co>' });
      await app.sections.create({ name: 'World', slug: 'world' });
      await app.people.create({ name: 'Sara Ahmadi' });
      const make = async (key: string, input: Parameters<TestApp['articles']['create']>[0]) => {
        const a = await app.articles.create(input, 'test');
        id[key] = a.id;
        url[key] = `${SITE}/news/${a.id}/${encodeURIComponent(a.slug)}`;
      };
      await make('fresh', { headline: 'Fresh <b>&</b> ]]> \u0003news', section: 'world', tags: ['Budget'], bylines: ['sara-ahmadi'], status: 'published', publishedAt: at(1) });
      await make('persian', { headline: 'خبر تازه', language: 'fa', status: 'published', publishedAt: at(10) });
      await make('old', { headline: 'Three days old', status: 'published', publishedAt: at(72) });
      await make('draft', { headline: 'Draft' });
      await make('scheduled', { headline: 'Later', status: 'scheduled', publishedAt: new Date(start + 2 * HOUR) });
      await make('gone', { headline: 'Gone', status: 'published', publishedAt: at(5) });
      await app.articles.update(id.gone, { status: 'unpublished' }, 'test');
    });
    after(async () => app.cleanup());

    const get = (u: string, headers: Record<string, string> = {}) => app.server.inject({ method: 'GET', url: u, headers });

    test('/sitemap.xml is an index of the story, sections and news sitemaps', async () => {
      const res = await get('/sitemap.xml');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
      const s = await readSitemap(res.rawPayload);
      assert.equal(s.root, `${NS}sitemapindex`);
      assert.deepEqual(s.urls.map((u) => u.loc), [`${SITE}/sitemaps/stories-1.xml`, `${SITE}/sitemaps/sections.xml`, `${SITE}/sitemaps/news.xml`]);
      assert.ok(s.urls.every((u) => u.lastmod && !Number.isNaN(Date.parse(u.lastmod))));
    });

    test('story sitemap lists only visible stories; pages past the last are 404', async () => {
      const s = await readSitemap((await get('/sitemaps/stories-1.xml')).rawPayload);
      assert.equal(s.root, `${NS}urlset`);
      assert.deepEqual(new Set(s.urls.map((u) => u.loc)), new Set([url.fresh, url.persian, url.old]));
      for (const bad of ['stories-2.xml', 'stories-0.xml', 'stories-01.xml', 'stories-x.xml', 'other.xml', '..%2f..%2fetc%2fpasswd']) {
        const res = await get(`/sitemaps/${bad}`);
        assert.equal(res.statusCode, 404, bad);
      }
    });

    test('sections sitemap lists home, sections, tags and authors', async () => {
      const s = await readSitemap((await get('/sitemaps/sections.xml')).rawPayload);
      const locs = s.urls.map((u) => u.loc);
      for (const want of [`${SITE}/`, `${SITE}/section/world`, `${SITE}/tag/budget`, `${SITE}/author/sara-ahmadi`]) assert.ok(locs.includes(want), want);
    });

    test('news sitemap holds the last 48 hours only, in the news namespace, and ages out with the clock', async () => {
      const res = await get('/sitemaps/news.xml');
      assert.match(res.body, /xmlns:news="http:\/\/www\.google\.com\/schemas\/sitemap-news\/0\.9"/);
      const s = await readSitemap(res.rawPayload);
      assert.deepEqual(s.urls.map((u) => u.loc), [url.fresh, url.persian]);
      const [fresh, persian] = s.urls.map((u) => u.news!);
      assert.deepEqual(fresh, { name: 'The Daily & <Co>', language: 'en', date: new Date(start - HOUR).toISOString().replace('.000Z', 'Z'), title: 'Fresh <b>&</b> ]]> news' });
      assert.equal(persian.language, 'fa');
      assert.equal(persian.title, 'خبر تازه');
      assert.match(fresh.date, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      app.clock.set(new Date(start + 40 * HOUR));
      const later = await readSitemap((await get('/sitemaps/news.xml')).rawPayload);
      assert.deepEqual(later.urls.map((u) => u.loc), [url.fresh]);
      app.clock.set(new Date(start));
    });

    test('a scheduled story enters the sitemaps when it goes live; 304 before, 200 after', async () => {
      const first = await get('/sitemaps/stories-1.xml');
      const etag = first.headers.etag as string;
      assert.equal((await get('/sitemaps/stories-1.xml', { 'if-none-match': etag })).statusCode, 304);
      app.clock.set(new Date(start + 3 * HOUR));
      assert.deepEqual(await app.articles.publishDue(), [id.scheduled]);
      const after = await get('/sitemaps/stories-1.xml', { 'if-none-match': etag });
      assert.equal(after.statusCode, 200);
      const s = await readSitemap(after.rawPayload);
      assert.ok(s.urls.some((u) => u.loc === url.scheduled));
      const news = await readSitemap((await get('/sitemaps/news.xml')).rawPayload);
      assert.equal(news.urls[0].loc, url.scheduled);
      app.clock.set(new Date(start));
    });

    test('story pages split oldest first, so a publish only changes the last page', async () => {
      const feeds = new FeedsService({ ...app, siteUrl: SITE, storyPageSize: 2 });
      const now = app.clock.now();
      app.clock.set(new Date(start + 3 * HOUR));
      const visible = (await app.queries.listPublic({}, 100, 0)).total;
      const pages = Math.ceil(visible / 2);
      const index = await readSitemap((await feeds.sitemapIndex()).body);
      assert.equal(index.urls.filter((u) => /stories-\d+\.xml$/.test(u.loc)).length, pages);
      const seen: string[] = [];
      for (let n = 1; n <= pages; n++) seen.push(...(await readSitemap((await feeds.storySitemap(n)).body)).urls.map((u) => u.loc));
      assert.equal(seen.length, visible);
      assert.equal(new Set(seen).size, visible);
      assert.deepEqual((await readSitemap((await feeds.storySitemap(1)).body)).urls.map((u) => u.loc), [url.persian, url.old]);
      await assert.rejects(feeds.storySitemap(pages + 1), (e: { status?: number }) => e.status === 404);
      app.clock.set(now);
    });
  });
}
