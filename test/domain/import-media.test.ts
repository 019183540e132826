import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import type { Doc, ImageNode } from '../../src/domain/articles/index.ts';
import { importGhost, importWordPress, type ImportDeps } from '../../src/domain/import/index.ts';
import { uploadsPath } from '../../src/domain/import/media.files.ts';
import { createSafeFetch } from '../../src/domain/shared/safe-fetch.ts';
import { writeWxr } from '../helpers/wxr.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * Pictures in imports (docs/import.md, "Images"): from a local copy of the
 * uploads folder (`--media-dir`) and fetched through the SSRF-safe client
 * (`--fetch-media`). The files are made here with sharp; the fetching test
 * serves them from 127.0.0.2, which the client is told to treat as "the
 * internet" exactly as test/domain/safe-fetch.test.ts does (production keeps
 * refusing loopback).
 */
const SHARED = path.resolve(import.meta.dirname, '../../../shared/fixtures/import');
const fixtures = { skip: fs.existsSync(SHARED) ? false : 'no ../shared/fixtures/import (clone without the shared fixtures)' };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-media-import-'));

const jpeg = (background: string, w = 64, h = 48) =>
  sharp({ create: { width: w, height: h, channels: 3, background } }).jpeg().withExif({ IFD0: { Artist: 'exif-secret-artist' } }).toBuffer();
const png = (background: string, w = 64, h = 48) => sharp({ create: { width: w, height: h, channels: 3, background } }).png().toBuffer();
const HTML_AS_JPG = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');

function put(root: string, rel: string, data: Buffer): void {
  const file = path.join(root, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

const ANN = '<wp:author><wp:author_login>ann</wp:author_login><wp:author_email>ann@old.example</wp:author_email><wp:author_display_name>Ann</wp:author_display_name></wp:author>';
const wxr = (name: string, items: string): string => writeWxr(tmp, name, items, ANN);

function post(id: number, html: string, extra = ''): string {
  return `<item><title>Post ${id}</title><link>https://old.example/2020/05/post-${id}/</link><dc:creator>ann</dc:creator>
<content:encoded><![CDATA[${html}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2020-05-01 10:00:00</wp:post_date_gmt><wp:post_name>post-${id}</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>${extra}</item>`;
}

function attachment(id: number, url: string, alt: string, caption: string): string {
  return `<item><title>att ${id}</title><content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[${caption}]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type><wp:attachment_url>${url}</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[${alt}]]></wp:meta_value></wp:postmeta></item>`;
}

const thumbnail = (id: number) => `<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>${id}</wp:meta_value></wp:postmeta>`;
const UP = 'https://old.example/wp-content/uploads';
const pictures = (doc: Doc) => doc.content.filter((b): b is ImageNode => b.type === 'image');

test('a URL maps to a path inside the uploads folder, or to nothing when it would leave it', () => {
  const wp = (u: string) => uploadsPath(u, 'wordpress')?.join('/') ?? null;
  const ghost = (u: string) => uploadsPath(u, 'ghost')?.join('/') ?? null;
  assert.equal(wp('https://old.example/wp-content/uploads/2020/05/a%20b.jpg'), '2020/05/a b.jpg');
  assert.equal(wp('/blog/wp-content/uploads/2020/05/a.jpg?ver=2'), '2020/05/a.jpg');
  assert.equal(wp('https://site.files.wordpress.com/2008/06/canola2.jpg'), '2008/06/canola2.jpg');
  assert.equal(ghost('__GHOST_URL__/content/images/size/w600/2021/03/x.png'), '2021/03/x.png', 'the original, not the resized copy');
  assert.equal(ghost('https://blog.example/content/images/2021/03/x.png'), '2021/03/x.png');
  for (const u of [
    'https://old.example/wp-content/uploads/../../etc/passwd', 'https://old.example/wp-content/uploads/%2e%2e/%2e%2e/etc/passwd',
    'https://old.example/wp-content/uploads/..%2f..%2fetc%2fpasswd', 'https://old.example/wp-content/uploads/a%5c..%5c..%5cx.jpg',
    'https://old.example/wp-content/uploads/a%00.jpg', 'https://old.example/wp-content/uploads/2020//a.jpg', 'https://old.example/wp-content/uploads/%E0%A4%A.jpg',
    'https://old.example/images/a.jpg', 'https://evil.example/wp-content/other/a.jpg',
  ]) {
    assert.equal(wp(u), null, u);
  }
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: pictures in imports`, () => {
    let app: TestApp;
    let server: http.Server;
    let port = 0;
    // HOSTILE-INPUTS battery row 13: a loopback canary that must see no connection.
    let canary: net.Server;
    let canaryPort = 0;
    let canaryConnections = 0;
    const hits = new Map<string, number>();
    const served = new Map<string, { type: string; body: Buffer }>();
    before(async () => {
      app = await createTestApp(dialect);
      canary = net.createServer((sock) => {
        canaryConnections++;
        sock.destroy();
      });
      await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
      canaryPort = (canary.address() as net.AddressInfo).port;
      server = http.createServer((req, res) => {
        const url = req.url ?? '/';
        hits.set(url, (hits.get(url) ?? 0) + 1);
        if (url === '/to-loopback') return res.writeHead(302, { location: `http://127.0.0.1:${canaryPort}/wp-content/uploads/a.jpg` }).end();
        const f = served.get(url) ?? [...served].find(([k]) => k === '*')?.[1];
        if (!f) return res.writeHead(404).end();
        res.writeHead(200, { 'content-type': f.type }).end(f.body);
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.2', r));
      port = (server.address() as net.AddressInfo).port;
    });
    after(async () => {
      server.close();
      canary.close();
      await app.cleanup();
    });

    const storyOf = async (title: string) => {
      const [s] = (await app.queries.listAll({ search: title }, 10, 0, app.likeOp)).items.filter((x) => x.headline === title);
      assert.ok(s, title);
      return app.articles.get(s.id);
    };
    const imageCount = async () => Number((await app.db.kysely.selectFrom('images').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    /** The client of production, told that 127.0.0.2 (and only it) is the internet, as in safe-fetch.test.ts. */
    const withFetch = (): ImportDeps => ({ ...app.importDeps, fetch: createSafeFetch({ extraPorts: [port, canaryPort], isAllowedAddress: (ip) => ip === '127.0.0.2' }) });

    test('--media-dir: featured and inline pictures from the folder, with alt, caption and credit; EXIF gone; escapes and hostile files refused; a re-run reuses', async () => {
      const dir = path.join(tmp, `uploads-${dialect}`);
      const outside = path.join(tmp, `outside-${dialect}`);
      put(dir, '2020/05/bridge.jpg', await jpeg('#2f5d8a', 800, 600));
      put(dir, '2020/05/inline.png', await png('#aa3300'));
      put(dir, '2020/05/cap.jpg', await jpeg('#118811'));
      put(dir, '2020/05/page.jpg', HTML_AS_JPG);
      put(dir, '2020/05/vector.svg', SVG);
      put(outside, 'secret.jpg', await jpeg('#000000'));
      fs.symlinkSync(path.join(outside, 'secret.jpg'), path.join(dir, '2020/05/link.jpg'));
      const html = `<!-- wp:image --><figure class="wp-block-image"><img src="${UP}/2020/05/bridge-300x200.jpg" class="wp-image-10" alt="Bridge"/><figcaption>The bridge reopened. <cite>Photo: Ana</cite></figcaption></figure><!-- /wp:image -->
<p>Text before <img src="/wp-content/uploads/2020/05/inline.png" alt="Inline"> text after.</p>
[caption id="attachment_11" align="aligncenter" width="640"]<img src="${UP}/2020/05/cap.jpg" alt="" class="size-full"> Shortcode caption[/caption]
<p><img src="${UP}/2020/05/link.jpg" alt="symlink out"><img src="${UP}/..%2f..%2fsecret.jpg"><img src="${UP}/2020/05/page.jpg"><img src="${UP}/2020/05/vector.svg"><img src="https://elsewhere.example/x.jpg"></p>`;
      const file = wxr('dir.xml', [post(1, html, thumbnail(10)), attachment(10, `${UP}/2020/05/bridge.jpg`, 'The bridge at dawn', 'From the library')].join('\n'));
      const before = await imageCount();
      const r = await importWordPress(app.importDeps, file, { media: { dir } });
      assert.equal(r.counts.stories, 1, 'a picture that failed never fails the story');
      assert.equal(r.media.imported, 3, JSON.stringify(r.media));
      assert.equal(await imageCount(), before + 3);
      const failed = new Map(r.media.failures.map((f) => [f.url.replace(/^.*\/(?=[^/]*$)/, ''), f.reason]));
      assert.equal(r.media.failed, 5, JSON.stringify(r.media.failures));
      assert.match(failed.get('link.jpg') ?? '', /outside the media folder/);
      assert.match(failed.get('page.jpg') ?? '', /not an image we accept/);
      assert.match(failed.get('vector.svg') ?? '', /SVG files are not accepted/);
      assert.match(failed.get('x.jpg') ?? '', /not under \/wp-content\/uploads\//);
      assert.ok([...failed].some(([u, why]) => /secret/.test(u) && /not under|no file/.test(why)), 'the ../ address is not read');

      const story = await storyOf('Post 1');
      const pics = pictures(story.body);
      assert.equal(pics.length, 3);
      assert.equal(story.featuredImage?.id, pics[0].attrs.imageId, 'the featured attachment and the inline wp-image-10 are one image');
      assert.deepEqual({ ...pics[0].attrs, imageId: 0 }, { imageId: 0, alt: 'Bridge', caption: 'The bridge reopened.', credit: 'Photo: Ana' });
      assert.deepEqual({ ...pics[1].attrs, imageId: 0 }, { imageId: 0, alt: 'Inline' });
      assert.deepEqual({ ...pics[2].attrs, imageId: 0 }, { imageId: 0, caption: 'Shortcode caption' });
      const types = story.body.content.map((b) => b.type);
      assert.deepEqual(types.slice(0, 4), ['image', 'paragraph', 'image', 'image'], 'the inline picture stands after its paragraph');
      const lib = await app.media.get(pics[0].attrs.imageId);
      assert.equal(lib.alt, 'The bridge at dawn', 'the library keeps the attachment\'s words; the story\'s node keeps the tag\'s');
      assert.equal(lib.caption, 'From the library');
      assert.ok(lib.variants.some((v) => v.width === 640), 'sizes made as for an upload');

      const page = await app.server.inject(`/news/${story.id}/${story.slug}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(`/media/${lib.key}/`), 'the story page shows the imported picture');
      const variant = await app.server.inject(`/media/${lib.key}/${lib.variants.find((v) => v.format === 'jpeg')!.file}`);
      assert.equal(variant.statusCode, 200);
      const meta = await sharp(variant.rawPayload).metadata();
      assert.equal(meta.exif, undefined, 'EXIF stripped');
      assert.ok(!variant.rawPayload.includes('exif-secret-artist'));

      const again = await importWordPress(app.importDeps, file, { media: { dir } });
      assert.equal(again.media.imported, 0);
      assert.equal(again.media.reused, 3);
      assert.equal(await imageCount(), before + 3, 'no second copy');
      const after = await storyOf('Post 1');
      assert.deepEqual(pictures(after.body).map((p) => p.attrs.imageId), pics.map((p) => p.attrs.imageId));
      assert.equal(after.featuredImage?.id, story.featuredImage?.id);

      const bare = await importWordPress(app.importDeps, file);
      assert.equal(bare.media.reused, 3, 'without a flag, what an earlier run brought is still used');
      assert.equal(bare.media.notTried, 5, 'the rest is counted, not looked for');
      assert.equal((await storyOf('Post 1')).featuredImage?.id, story.featuredImage?.id);
    });

    test('--fetch-media: fetched through the SSRF-safe client; pages, HTML dressed as JPEG, SVG, loopback, metadata and a redirect to loopback refused (the canary sees no connection); a re-run fetches nothing', async () => {
      served.clear();
      hits.clear();
      served.set('/wp-content/uploads/a.jpg', { type: 'image/jpeg', body: await jpeg('#884400', 400, 300) });
      served.set('/wp-content/uploads/b.png', { type: 'application/octet-stream', body: await png('#004488') });
      served.set('/html.jpg', { type: 'image/jpeg', body: HTML_AS_JPG });
      served.set('/page', { type: 'text/html', body: HTML_AS_JPG });
      served.set('/vector.svg', { type: 'image/svg+xml', body: SVG });
      const o = `http://127.0.0.2:${port}`;
      const html = `<p>One.</p><figure><img src="${o}/wp-content/uploads/a.jpg" alt="A"><figcaption>Fetched</figcaption></figure><p><img src="${o}/wp-content/uploads/b.png"></p>
<p><img src="${o}/html.jpg"><img src="${o}/page"><img src="${o}/vector.svg"><img src="${o}/to-loopback"><img src="${o}/gone.jpg"></p>
<p><img src="http://127.0.0.1:${canaryPort}/a.jpg"><img src="http://[::ffff:7f00:1]:${canaryPort}/b.jpg"><img src="http://localhost:${canaryPort}/c.jpg"><img src="http://169.254.169.254/latest/meta-data/d.jpg"></p>`;
      const file = wxr('fetch.xml', [post(2, html, thumbnail(20)), attachment(20, `${o}/wp-content/uploads/a.jpg`, 'A alt', '')].join('\n'));
      const r = await importWordPress(withFetch(), file, { media: { fetch: true } });
      assert.equal(r.counts.stories, 1);
      assert.equal(r.media.imported, 2, JSON.stringify(r.media));
      assert.equal(r.media.failed, 9, JSON.stringify(r.media.failures));
      const why = (tail: string) => r.media.failures.find((f) => f.url.endsWith(tail))?.reason ?? '';
      assert.match(why('/html.jpg'), /not an image we accept/);
      assert.match(why('/page'), /content type/);
      assert.match(why('/vector.svg'), /content type|SVG/);
      assert.match(why('/to-loopback'), /not on the public internet/);
      assert.match(why('/gone.jpg'), /404/);
      for (const tail of ['/a.jpg', '/b.jpg', '/c.jpg', '/d.jpg']) {
        const f = r.media.failures.find((x) => x.url.endsWith(tail) && !x.url.includes('127.0.0.2'));
        assert.match(f?.reason ?? '', /not on the public internet/, tail);
      }
      assert.equal(canaryConnections, 0, 'no connection reached the loopback canary');
      assert.equal(hits.get('/wp-content/uploads/a.jpg'), 1, 'fetched once, though named twice');
      const story = await storyOf('Post 2');
      const pics = pictures(story.body);
      assert.equal(pics.length, 2);
      assert.equal(story.featuredImage?.id, pics[0].attrs.imageId);
      assert.equal(pics[0].attrs.caption, 'Fetched');

      hits.clear();
      const again = await importWordPress(withFetch(), file, { media: { fetch: true } });
      assert.equal(again.media.reused, 2);
      assert.equal(again.media.imported, 0);
      assert.equal(hits.get('/wp-content/uploads/a.jpg'), undefined, 'nothing fetched again');
      assert.equal(hits.get('/wp-content/uploads/b.png'), undefined);
    });

    test('the theme unit test data with a copy of its uploads: featured images and inline pictures come across', { skip: fixtures.skip }, async () => {
      const src = fs.readFileSync(path.join(SHARED, 'wordpress/theme-unit-test-data.xml'), 'utf8');
      const dir = path.join(tmp, `theme-uploads-${dialect}`);
      // Every picture the export names on its own host (WordPress.com serves wp-content/uploads at the root of files.wordpress.com).
      const rels = new Set([...src.matchAll(/https:\/\/wpthemetestdata\.files\.wordpress\.com\/([^\s"'<>?]+\.(?:jpe?g|png|gif))/gi)].map((m) => m[1]));
      assert.ok(rels.size > 20, `pictures named: ${rels.size}`);
      let n = 0;
      for (const rel of rels) put(dir, rel, await jpeg(`#${(0x202020 + ++n * 0x050301).toString(16).slice(-6)}`));
      const r = await importWordPress(app.importDeps, path.join(SHARED, 'wordpress/theme-unit-test-data.xml'), { media: { dir } });
      assert.ok(r.media.imported > 20, JSON.stringify({ ...r.media, failures: r.media.failures.slice(0, 5) }));
      const withFeatured = await app.db.kysely.selectFrom('articles').select('id').where('featured_image_id', 'is not', null).execute();
      assert.ok(withFeatured.length >= 3, `stories with a featured image: ${withFeatured.length}`);
      const images = await imageCount();
      const again = await importWordPress(app.importDeps, path.join(SHARED, 'wordpress/theme-unit-test-data.xml'), { media: { dir } });
      assert.equal(again.media.imported, 0);
      assert.equal(again.media.reused, r.media.imported);
      assert.equal(await imageCount(), images);
    });

    test('the Ghost 4 export with --fetch-media: featured images and card images fetched', { skip: fixtures.skip }, async () => {
      served.clear();
      served.set('*', { type: 'image/png', body: await png('#336699', 500, 300) });
      // The export's pictures live on static.ghost.org; here that host is the local server (the file is rewritten into tmp, not copied into the repository).
      const file = path.join(tmp, `ghost-${dialect}.json`);
      fs.writeFileSync(file, fs.readFileSync(path.join(SHARED, 'ghost/v4_export.json'), 'utf8').replaceAll('https://static.ghost.org/', `http://127.0.0.2:${port}/`));
      const r = await importGhost(withFetch(), file, { media: { fetch: true } });
      assert.ok(r.media.imported >= 5, JSON.stringify(r.media));
      const featured = await app.db.kysely.selectFrom('articles').select('id').where('featured_image_id', 'is not', null).execute();
      assert.ok(featured.length >= 5, `featured: ${featured.length}`);
      assert.equal(r.notes['featured image not imported'], undefined);
    });
  });
}
