import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import type { SafeFetch } from '../../src/domain/shared/safe-fetch.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * Embeds end to end on each database: the Admin API takes them (and refuses
 * hostile ones with nothing stored), the previews are fetched once and the
 * thumbnail stored as media, the story page shows the facade with a CSP
 * that frames only the providers on it, and the feed carries a plain link.
 * The network is a stand-in (no test reaches the internet); the SSRF guard
 * itself is test/domain/safe-fetch.test.ts.
 */
const BASE = '/api/admin/v1';
const YT = 'dQw4w9WgXcQ';
const YT_URL = `https://www.youtube.com/watch?v=${YT}`;

for (const dialect of DIALECTS) {
  describe(`${dialect}: embeds`, () => {
    let app: TestApp;
    let key = '';
    const fetched: string[] = [];
    let png: Buffer;
    const fakeFetch: SafeFetch = async (url) => {
      fetched.push(url);
      const u = new URL(url);
      if (u.hostname === 'www.youtube.com' && u.pathname === '/oembed') {
        assert.equal(u.searchParams.get('url'), YT_URL);
        const body = JSON.stringify({ title: 'Rick Astley – Never Gonna Give You Up', author_name: 'Rick Astley', thumbnail_url: `https://i.ytimg.com/vi/${YT}/hqdefault.jpg`, html: '<iframe src="https://evil.test/"></iframe>' });
        return { url, contentType: 'application/json', body: Buffer.from(body) };
      }
      if (u.hostname === 'i.ytimg.com') return { url, contentType: 'image/png', body: png };
      throw new Error(`offline: ${url}`);
    };
    const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      app.server.inject({ method, url: BASE + url, headers: { authorization: `Bearer ${key}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    const count = async () => (await call('GET', '/articles')).json().total as number;

    before(async () => {
      png = await sharp({ create: { width: 480, height: 360, channels: 3, background: '#c33' } }).png().toBuffer();
      app = await createTestApp(dialect, undefined, { embedFetch: fakeFetch });
      key = (await app.apiKeys.create('editor key', 'editor', 'test')).key;
    });
    after(async () => app.cleanup());

    let storyPath = '';
    test('the Admin API accepts an embed; title and thumbnail are fetched once and the thumbnail is ours', async () => {
      const res = await call('POST', '/articles', {
        headline: 'A song for the ages',
        status: 'published',
        publishedAt: '2026-05-21T09:00:00+00:00',
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Watch it.' }] }, { type: 'embed', attrs: { url: `https://youtu.be/${YT}` } }] },
      });
      assert.equal(res.statusCode, 201, res.body);
      const { article } = res.json();
      const node = article.body.content[1];
      assert.equal(node.type, 'embed');
      assert.equal(node.attrs.url, YT_URL);
      assert.equal(node.attrs.title, 'Rick Astley – Never Gonna Give You Up');
      assert.equal(node.attrs.player, undefined, 'a built-in provider’s player comes from the table, not from oEmbed html');
      assert.ok(Number.isInteger(node.attrs.thumbnailId));
      const image = await call('GET', `/images/${node.attrs.thumbnailId}`);
      assert.equal(image.statusCode, 200);
      assert.equal(image.json().image.credit, 'YouTube');
      assert.equal(fetched.length, 2);
      storyPath = new URL(article.url).pathname;

      // A second story with the same video: no second fetch.
      const again = await call('POST', '/articles', { headline: 'Same video', bodyMarkdown: `Again:\n\n${YT_URL}` });
      assert.equal(again.statusCode, 201, again.body);
      assert.equal(again.json().article.body.content[1].attrs.thumbnailId, node.attrs.thumbnailId);
      assert.equal(fetched.length, 2);
    });

    test('a provider that cannot be reached: saved all the same, with the placeholder', async () => {
      const res = await call('POST', '/articles', { headline: 'A track', bodyMarkdown: 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC' });
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json().article.body.content[0], { type: 'embed', attrs: { url: 'https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC' } });
    });

    test('hostile embeds: 422 naming the node, nothing stored', async () => {
      const before = await count();
      for (const url of ['javascript:alert(1)', `https://www.youtube.com.evil.test/watch?v=${YT}`, `https://evil.test@www.youtube.com:8080/watch?v=${YT}`, 'data:text/html,<script>alert(1)</script>', 'https://x.test/' + 'a'.repeat(3000)]) {
        const res = await call('POST', '/articles', { headline: 'Bad embed', body: { type: 'doc', content: [{ type: 'embed', attrs: { url } }] } });
        assert.equal(res.statusCode, 422, url);
        assert.equal(res.json().error.problems[0].field, 'body.content[0].attrs.url');
      }
      const thumb = await call('POST', '/articles', { headline: 'Bad thumbnail', body: { type: 'doc', content: [{ type: 'embed', attrs: { url: YT_URL, thumbnailId: 999999 } }] } });
      assert.equal(thumb.statusCode, 422);
      assert.equal(await count(), before);
    });

    test('the story page: a facade, our thumbnail, the click script, and a CSP that frames only YouTube’s player', async () => {
      for (const round of ['render', 'cached']) {
        const res = await app.server.inject({ method: 'GET', url: storyPath });
        assert.equal(res.statusCode, 200, round);
        const csp = String(res.headers['content-security-policy']);
        assert.match(csp, /(^|;)frame-src 'self' https:\/\/www\.youtube-nocookie\.com$/, round);
        assert.equal(csp.match(/frame-src/g)?.length, 1);
        assert.match(res.body, /<a class="embed-facade" href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ" rel="noopener nofollow" data-embed-player="https:\/\/www\.youtube-nocookie\.com\/embed\/dQw4w9WgXcQ\?autoplay=1"/);
        assert.match(res.body, /<script src="\/static\/embeds\.js\?v=[^"]+" defer><\/script>/);
        assert.match(res.body, /<img src="\/media\/[^"]+"/);
        // The provider's frame grab is no lead image: no og:image, no image in the JSON-LD.
        assert.doesNotMatch(res.body, /og:image|"image":/);
        // Nothing on the page loads from a third party: every src is ours.
        for (const m of res.body.matchAll(/\s(?:src|srcset)="([^"]+)"/g)) assert.ok(m[1].startsWith('/'), m[1]);
      }
    });

    test('a page without embeds keeps the site-wide CSP and loads no embed script', async () => {
      const res = await call('POST', '/articles', { headline: 'Plain story', status: 'published', publishedAt: '2026-05-21T09:00:00+00:00', bodyMarkdown: 'Just words.' });
      const page = await app.server.inject({ method: 'GET', url: new URL(res.json().article.url).pathname });
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(String(page.headers['content-security-policy']), /frame-src/);
      assert.doesNotMatch(page.body, /embeds\.js/);
    });

    test('feeds carry a plain link', async () => {
      const feed = await app.server.inject({ method: 'GET', url: '/feed.xml' });
      assert.equal(feed.statusCode, 200);
      assert.match(feed.body, /&lt;a href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ"&gt;Rick Astley – Never Gonna Give You Up&lt;\/a&gt;|<a href="https:\/\/www\.youtube\.com\/watch\?v=dQw4w9WgXcQ">Rick Astley – Never Gonna Give You Up<\/a>/);
      assert.doesNotMatch(feed.body, /iframe|youtube-nocookie/);
    });
  });
}
