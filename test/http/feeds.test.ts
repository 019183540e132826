import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { Doc } from '../../src/domain/articles/index.ts';
import { buildAtom, buildRss, docToFeedHtml, type FeedChannel, type FeedEntry } from '../../src/domain/feeds/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const run = promisify(execFile);

/** Debian's feedparser, a parser nobody here wrote: the oracle for RSS and Atom. */
const FEEDPARSER = `
import sys, json, html, calendar, feedparser
d = feedparser.parse(sys.argv[1])
def text(v, detail):
    return html.unescape(v) if v is not None and 'html' in ((detail or {}).get('type') or '') else v
def when(t):
    return calendar.timegm(t) if t else None
print(json.dumps({
  'bozo': int(bool(d.bozo)), 'error': str(d.get('bozo_exception', '')), 'version': d.version,
  'title': text(d.feed.get('title'), d.feed.get('title_detail')),
  'links': [l.get('href') for l in d.feed.get('links', [])],
  'entries': [{
    'title': text(e.get('title'), e.get('title_detail')), 'link': e.get('link'), 'id': e.get('id'),
    'authors': [a.get('name') for a in e.get('authors', [])],
    'published': when(e.get('published_parsed')), 'updated': when(e.get('updated_parsed')),
    'tags': [t.get('label') or t.get('term') for t in e.get('tags', [])],
    'content': (e.get('content') or [{}])[0].get('value'),
    'enclosures': [x.get('href') for x in e.get('enclosures', [])],
  } for e in d.entries]}))
`;

interface Parsed {
  bozo: number;
  error: string;
  version: string;
  title: string;
  links: string[];
  entries: Array<{ title: string; link: string; id: string; authors: string[]; published: number; updated: number; tags: string[]; content: string; enclosures: string[] }>;
}

async function feedparse(body: Buffer | string): Promise<Parsed> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-')), 'feed.xml');
  fs.writeFileSync(file, body);
  try {
    const { stdout } = await run('/usr/bin/python3', ['-c', FEEDPARSER, file]);
    return JSON.parse(stdout) as Parsed;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

const HOSTILE = 'Iran <script>alert(1)</script> & "allies" ]]> talk ]]> \u0001\u0008\u001f mid 🎉 end';
// As a feed reader shows it: XML-illegal characters gone, and the quotes curled as on the page.
const HOSTILE_CLEAN = 'Iran <script>alert(1)</script> & “allies” ]]> talk ]]>  mid 🎉 end';
const PERSIAN = 'مذاکرات در تهران ادامه دارد';
const SITE = 'http://news.test';

function doc(...content: Doc['content']): Doc {
  return { type: 'doc', content };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: feeds`, () => {
    let app: TestApp;
    const ids: Record<string, number> = {};
    const slugs: Record<string, string> = {};
    const hour = 3600_000;

    before(async () => {
      app = await createTestApp(dialect);
      const now = app.clock.now().getTime();
      const at = (h: number) => new Date(now - h * hour);
      await app.settings.update({ name: 'The Daily & <Co>', tagline: 'News ]]> & views' });
      const world = await app.sections.create({ name: 'World', slug: 'world' });
      await app.sections.create({ name: 'Middle East', slug: 'middle-east', parentId: world.id });
      await app.sections.create({ name: 'City', slug: 'city' });
      await app.people.create({ name: 'Sara Ahmadi' });
      await app.people.create({ name: 'Ali O\'Neil & <Sons>', slug: 'ali-oneil' });
      const jpeg = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#a33' } }).jpeg().toBuffer();
      const img = await app.media.importImage(jpeg, { alt: 'Talks "in" <progress>', caption: 'Delegates & aides', credit: 'AP' });
      const create = async (key: string, input: Parameters<TestApp['articles']['create']>[0]) => {
        const a = await app.articles.create(input, 'test');
        ids[key] = a.id;
        slugs[key] = a.slug;
      };
      await create('hostile', {
        headline: HOSTILE, dek: 'Dek with <b>tags</b> & ]]> \u0002', dateline: 'Tehran', section: 'middle-east', bylines: ['sara-ahmadi', 'ali-oneil'],
        tags: ['Diplomacy', 'C<D & "E"'], featuredImageId: img.id, status: 'published', publishedAt: at(1),
        body: doc(
          { type: 'paragraph', content: [{ type: 'text', text: 'Talks <resumed> & ' }, { type: 'text', text: 'more', marks: [{ type: 'link', attrs: { href: '/news/1/x' } }] }] },
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Sub ]]> head' }] },
          { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: '"We agreed," he said.' }] }] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
          { type: 'image', attrs: { imageId: img.id, caption: 'Inline <caption>' } },
        ),
      });
      await create('persian', { headline: PERSIAN, language: 'fa', section: 'world', credit: 'Reuters', status: 'published', publishedAt: at(2) });
      await create('old', { headline: 'Old city story', section: 'city', status: 'published', publishedAt: at(72) });
      await create('draft', { headline: 'Secret draft' });
      await create('scheduled', { headline: 'Embargoed story', status: 'scheduled', publishedAt: new Date(now + 5 * hour) });
      await create('withdrawn', { headline: 'Withdrawn story', status: 'published', publishedAt: at(3) });
      await app.articles.update(ids.withdrawn, { status: 'unpublished' }, 'test');
    });
    after(async () => app.cleanup());

    const get = (url: string, headers: Record<string, string> = {}) => app.server.inject({ method: 'GET', url, headers });
    const urlOf = (key: string) => `${SITE}/news/${ids[key]}/${encodeURIComponent(slugs[key])}`;

    for (const [url, type, version] of [['/feed.xml', 'application/rss+xml; charset=utf-8', 'rss20'], ['/atom.xml', 'application/atom+xml; charset=utf-8', 'atom10']]) {
      test(`${url} parses cleanly and lists only visible stories`, async () => {
        const res = await get(url);
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], type);
        assert.ok(!res.body.includes('<script'), 'markup from a headline never reaches the XML as markup');
        const f = await feedparse(res.rawPayload);
        assert.equal(f.bozo, 0, f.error);
        assert.equal(f.version, version);
        assert.equal(f.title, 'The Daily & <Co>');
        assert.deepEqual(f.entries.map((e) => e.title), [HOSTILE_CLEAN, PERSIAN, 'Old city story']);
        const [h, p] = f.entries;
        assert.equal(h.link, urlOf('hostile'));
        assert.equal(p.link, urlOf('persian'));
        assert.equal(h.id, `${SITE}/news/${ids.hostile}`);
        assert.deepEqual(h.authors, ['Sara Ahmadi', 'Ali O\'Neil & <Sons>']);
        assert.deepEqual(p.authors, ['Reuters']);
        assert.equal(h.published, app.clock.now().getTime() / 1000 - 3600);
        assert.ok(h.updated >= h.published);
        assert.ok(h.tags.includes('Middle East') && h.tags.includes('Diplomacy'), JSON.stringify(h.tags));
        assert.match(h.enclosures[0], /^http:\/\/news\.test\/media\/[\w-]+\/\d+\.jpg$/);
        assert.match(h.content, /<img [^>]*src="http:\/\/news\.test\/media\/[\w-]+\/\d+\.jpg"/);
        assert.match(h.content, /<img [^>]*alt="Talks &quot;in&quot; &lt;progress&gt;"/);
        assert.match(h.content, /TEHRAN –/);
        assert.match(h.content, /Talks &lt;resumed&gt; &amp; <a href="http:\/\/news\.test\/news\/1\/x">more<\/a>/);
        assert.ok(f.links.some((l) => l === `${SITE}${url}`), `self link in ${JSON.stringify(f.links)}`);
      });
    }

    test('/feed.json is JSON Feed 1.1 with the required fields', async () => {
      const res = await get('/feed.json');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/feed+json; charset=utf-8');
      const f = JSON.parse(res.body);
      assert.equal(f.version, 'https://jsonfeed.org/version/1.1');
      assert.equal(f.title, 'The Daily & <Co>');
      assert.equal(f.feed_url, `${SITE}/feed.json`);
      assert.deepEqual(f.items.map((i: { title: string }) => i.title), [HOSTILE_CLEAN, PERSIAN, 'Old city story']);
      for (const item of f.items) {
        assert.equal(typeof item.id, 'string');
        assert.match(item.url, /^http:\/\/news\.test\/news\/\d+\//);
        assert.ok(item.content_html || item.content_text);
        assert.ok(!Number.isNaN(Date.parse(item.date_published)));
      }
      assert.equal(f.items[0].summary, 'Dek with <b>tags</b> & ]]> ');
      assert.deepEqual(f.items[0].authors, [{ name: 'Sara Ahmadi' }, { name: 'Ali O\'Neil & <Sons>' }]);
      assert.equal(f.items[1].language, 'fa');
      assert.match(f.items[1].content_html, /dir="rtl"/);
      assert.equal(f.items[1].url, urlOf('persian'));
    });

    test('section feeds include subsections; an unknown section is a 404', async () => {
      for (const file of ['feed.xml', 'atom.xml']) {
        const res = await get(`/section/world/${file}`);
        assert.equal(res.statusCode, 200);
        const f = await feedparse(res.rawPayload);
        assert.equal(f.bozo, 0, f.error);
        assert.equal(f.title, 'World – The Daily & <Co>');
        assert.deepEqual(f.entries.map((e) => e.title), [HOSTILE_CLEAN, PERSIAN]);
      }
      const json = JSON.parse((await get('/section/city/feed.json')).body);
      assert.deepEqual(json.items.map((i: { title: string }) => i.title), ['Old city story']);
      for (const file of ['feed.xml', 'atom.xml', 'feed.json']) {
        const res = await get(`/section/no-such-section/${file}`);
        assert.equal(res.statusCode, 404);
        assert.equal(JSON.parse(res.body).error.code, 'NOT_FOUND');
      }
    });

    test('ETag gives 304; a publish changes the feed at once', async () => {
      const first = await get('/feed.xml');
      const etag = first.headers.etag as string;
      assert.ok(etag && first.headers['last-modified'] && first.headers['cache-control']);
      const again = await get('/feed.xml', { 'if-none-match': etag });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      assert.equal(again.headers.etag, etag);
      await app.articles.create({ headline: 'Just in', status: 'published' }, 'test');
      const fresh = await get('/feed.xml', { 'if-none-match': etag });
      assert.equal(fresh.statusCode, 200);
      assert.notEqual(fresh.headers.etag, etag);
      const f = await feedparse(fresh.rawPayload);
      assert.equal(f.entries[0].title, 'Just in');
      const json = JSON.parse((await get('/feed.json')).body);
      assert.equal(json.items[0].title, 'Just in');
    });
  });
}

describe('feed builders (pure)', () => {
  test('unsafe links are dropped, relative ones made absolute, text escaped', () => {
    const html = docToFeedHtml(
      doc(
        { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }, { type: 'hardBreak' }, { type: 'text', text: 'y', marks: [{ type: 'link', attrs: { href: '#p2' } }] }] },
        { type: 'pullQuote', attrs: { attribution: '<Ghaani>' }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'q' }] }] },
      ),
      { siteUrl: SITE, baseUrl: `${SITE}/news/7/s`, images: new Map(), lang: 'en' },
    );
    assert.ok(!html.includes('javascript:'));
    assert.match(html, /<p>x<br><a href="http:\/\/news\.test\/news\/7\/s#p2">y<\/a><\/p>/);
    assert.match(html, /<footer>&lt;Ghaani&gt;<\/footer>/);
  });

  test('literal entities and markup in names survive the round trip exactly', async () => {
    const channel: FeedChannel = {
      id: `${SITE}/`, title: 'A &amp; B <i>', description: 'x ]]> y', language: 'en', homeUrl: `${SITE}/`,
      rssUrl: `${SITE}/feed.xml`, atomUrl: `${SITE}/atom.xml`, jsonUrl: `${SITE}/feed.json`, updated: new Date('2026-01-01T00:00:00Z'),
    };
    const entry: FeedEntry = {
      id: `${SITE}/news/1`, url: `${SITE}/news/1/a`, title: 'T &amp; ]]> ]]>', summary: '', contentHtml: '<p>c</p>', language: 'en',
      published: new Date('2026-01-01T00:00:00Z'), updated: new Date('2026-01-01T00:00:00Z'), authors: ['Jo &amp; <Al>'],
      categories: [{ term: 'x', label: '<&amp;">', scheme: `${SITE}/tag/`, url: `${SITE}/tag/x` }], image: null,
    };
    for (const xml of [buildRss(channel, [entry]), buildAtom(channel, [entry])]) {
      const f = await feedparse(xml);
      assert.equal(f.bozo, 0, f.error);
      // feedparser decodes entities in plain-text titles a second time, so the channel title is checked in the XML itself.
      assert.match(xml, /<title>A &amp;amp; B &lt;i&gt;<\/title>/);
      assert.equal(f.entries[0].title, 'T &amp; ]]> ]]>');
      assert.deepEqual(f.entries[0].authors, ['Jo &amp; <Al>']);
    }
  });
});
