import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { easyRules, nextIp, validPost } from '../domain/comments-helpers.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { freePort, skipWithoutVarnish, startVarnish, type Proc } from '../helpers/loopback.ts';

/**
 * A real Varnish with the repository's VCL in front of the app: pages are
 * hits in Varnish, every kind of change purges exactly the pages that show
 * it (the app sends PURGE with the change's tags), and untouched pages stay
 * hits.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: Varnish in front, purged by tag`, { skip: skipWithoutVarnish }, () => {
    let app: TestApp;
    let varnish: Proc & { url: string };
    let s1: { id: number; slug: string };
    let s2: { id: number; slug: string };
    let imageId: number;

    const get = async (path: string) => {
      const res = await fetch(varnish.url + path, { redirect: 'manual' });
      return { status: res.status, body: await res.text(), cache: res.headers.get('x-cache'), keys: res.headers.get('surrogate-key'), xkey: res.headers.get('xkey') };
    };
    /** The purge is sent after the write answers: wait until it has been delivered. */
    const purged = async () => {
      for (let i = 0; app.cdnPurger.inFlight > 0; i++) {
        if (i > 500) assert.fail('purges still in flight after 10 s');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const warm = async (path: string) => {
      await get(path);
      const again = await get(path);
      assert.equal(again.cache, 'HIT', `${path} is cached by Varnish`);
    };

    before(async () => {
      const vport = await freePort();
      app = await createTestApp(dialect, undefined, { env: { PURGE_URLS: `http://127.0.0.1:${vport}/` } });
      await app.server.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.server.address() as { port: number }).port;
      varnish = Object.assign(await startVarnish(vport, port), { url: `http://127.0.0.1:${vport}` });
      await easyRules(app);
      await app.sections.create({ name: 'City', slug: 'city' });
      await app.sections.create({ name: 'Sport', slug: 'sport' });
      const png = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#2f5d8a' } }).png().toBuffer();
      imageId = (await app.media.importImage(png, { alt: 'The harbour', caption: 'The old caption' })).id;
      const a = await app.articles.create(parseArticleInput({ headline: 'Harbour plan approved', bodyMarkdown: 'The plan passed.', status: 'published', section: 'city', featuredImageId: imageId }, 'create'), 'test');
      const b = await app.articles.create(parseArticleInput({ headline: 'Cup final tonight', bodyMarkdown: 'Kick-off at eight.', status: 'published', section: 'sport' }, 'create'), 'test');
      s1 = { id: a.id, slug: a.slug };
      s2 = { id: b.id, slug: b.slug };
    });
    after(async () => {
      await varnish?.stop();
      await app?.cleanup();
    });

    const page1 = () => `/news/${s1.id}/${s1.slug}`;
    const page2 = () => `/news/${s2.id}/${s2.slug}`;

    test('the no-JavaScript comment frame is never cached: two readers through Varnish get two questions', async () => {
      await warm(page1());
      assert.match((await get(page1())).body, new RegExp(`<noscript><iframe class="comment-frame" src="/news/${s1.id}/comment-frame"`));
      const question = (body: string) => /name="captcha_id" value="([^"]+)"/.exec(body)?.[1];
      const a = await get(`/news/${s1.id}/comment-frame`);
      const b = await get(`/news/${s1.id}/comment-frame`);
      assert.equal(a.status, 200);
      assert.equal(b.cache, 'MISS');
      assert.ok(question(a.body) && question(b.body));
      assert.notEqual(question(a.body), question(b.body));
    });

    test('pages are cached in Varnish, and tags never reach the reader', async () => {
      await warm(page1());
      await warm(page2());
      const r = await get(page1());
      assert.equal(r.keys, null);
      assert.equal(r.xkey, null);
    });

    const cases: Array<[string, () => Promise<unknown>, (body: string, status: number) => void, string]> = [
      ['an edit', () => app.articles.update(s1.id, parseArticleInput({ headline: 'Harbour plan approved after a long night' }, 'update'), 'test'), (b) => assert.match(b, /after a long night/), 'page1'],
      ['a correction', () => app.articles.addCorrection(s1.id, 'An earlier version gave the wrong vote count.', 'test'), (b) => assert.match(b, /wrong vote count/), 'page1'],
      ['a caption edit in the media library', () => app.media.updateMeta(imageId, { caption: 'The harbour at dawn' }), (b) => assert.match(b, /The harbour at dawn/), 'page1'],
      [
        'a comment approval',
        async () => {
          const p = await validPost(app, s1.id, nextIp(), { body: 'Good news for the east side' });
          const r = await app.comments.submit(p, p.raw);
          await app.commentModeration.moderate([r.id], 'approve', 'test');
        },
        (b) => assert.match(b, /Good news for the east side/),
        'page1',
      ],
      ['a publish', () => app.articles.create(parseArticleInput({ headline: 'New ferry route opens', bodyMarkdown: 'It sails hourly.', status: 'published', section: 'city' }, 'create'), 'test'), (b) => assert.match(b, /New ferry route opens/), 'home'],
      ['an unpublish', () => app.articles.update(s1.id, parseArticleInput({ status: 'unpublished' }, 'update'), 'test'), (_b, status) => assert.equal(status, 410), 'page1'],
    ];

    for (const [name, write, check, which] of cases) {
      test(`after ${name} the next request through Varnish is fresh, and an untouched page stays a hit`, async () => {
        const path = which === 'home' ? '/' : page1();
        await warm(path);
        await warm(page2());
        await write();
        await purged();
        const r = await get(path);
        assert.equal(r.cache, 'MISS', `${path} was purged`);
        check(r.body, r.status);
        assert.equal((await get(page2())).cache, 'HIT', 'the sports story shows nothing that changed');
      });
    }
  });
}
