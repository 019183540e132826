import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { pickEncoding } from '../../src/http/site/page-cache.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

test('pickEncoding: brotli first, then gzip; q=0 refuses; * stands for the codings not named', () => {
  assert.equal(pickEncoding('gzip, deflate, br'), 'br');
  assert.equal(pickEncoding('gzip'), 'gzip');
  assert.equal(pickEncoding('br;q=0, gzip;q=0.5'), 'gzip');
  assert.equal(pickEncoding('*'), 'br');
  assert.equal(pickEncoding('*, br;q=0'), 'gzip');
  assert.equal(pickEncoding('identity'), null);
  assert.equal(pickEncoding(undefined), null);
  assert.equal(pickEncoding('gzip;q=0'), null);
});

for (const dialect of DIALECTS.slice(0, 1)) {
  describe(`${dialect}: compressed pages`, () => {
    let app: TestApp;
    let url: string;
    before(async () => {
      app = await createTestApp(dialect);
      const a = await app.articles.create(parseArticleInput({ headline: 'A long story to compress', bodyMarkdown: 'Words of the story. '.repeat(200), status: 'published' }, 'create'), 'test');
      url = `/news/${a.id}/${a.slug}`;
    });
    after(async () => app.cleanup());

    test('a cached page goes brotli or gzip as the reader asks, compressed once and kept with the page', async () => {
      const plain = await app.server.inject({ url });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.headers.vary, 'accept-encoding');
      const bytesBefore = app.pageCache.sizeBytes;
      const br = await app.server.inject({ url, headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(zlib.brotliDecompressSync(br.rawPayload).toString(), plain.body);
      assert.ok(br.rawPayload.length < plain.rawPayload.length / 3, `${br.rawPayload.length} vs ${plain.rawPayload.length}`);
      assert.notEqual(br.headers.etag, plain.headers.etag, 'each representation has its own tag');
      assert.ok(app.pageCache.sizeBytes > bytesBefore, 'the compressed copy is counted in the cache bound');
      const bytesAfter = app.pageCache.sizeBytes;
      const again = await app.server.inject({ url, headers: { 'accept-encoding': 'br' } });
      assert.deepEqual(again.rawPayload, br.rawPayload);
      assert.equal(app.pageCache.sizeBytes, bytesAfter, 'the second brotli reader is served the kept copy');
      const gz = await app.server.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(zlib.gunzipSync(gz.rawPayload).toString(), plain.body);
      const revalidated = await app.server.inject({ url, headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) } });
      assert.equal(revalidated.statusCode, 304);
    });

    test('feeds and sitemaps are compressed from the cache too; a change drops the compressed copies with the page', async () => {
      const feed = await app.server.inject({ url: '/feed.xml', headers: { 'accept-encoding': 'br' } });
      assert.equal(feed.headers['content-encoding'], 'br');
      assert.match(zlib.brotliDecompressSync(feed.rawPayload).toString(), /A long story to compress/);
      await app.articles.update(Number(url.split('/')[2]), parseArticleInput({ headline: 'A renamed story' }, 'update'), 'test');
      const fresh = await app.server.inject({ url, headers: { 'accept-encoding': 'br' } });
      assert.match(zlib.brotliDecompressSync(fresh.rawPayload).toString(), /A renamed story/);
    });

    test('responses outside the page cache (search, JSON APIs) are compressed per response', async () => {
      const search = await app.server.inject({ url: '/search?q=story', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(search.statusCode, 200);
      assert.equal(search.headers['content-encoding'], 'gzip');
      assert.match(zlib.gunzipSync(search.rawPayload).toString(), /renamed/);
    });
  });
}
