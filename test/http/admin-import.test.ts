import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type net from 'node:net';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { createSafeFetch } from '../../src/domain/shared/safe-fetch.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';

/** A small WXR: `posts` published posts with two comments each (the second a reply to the first); `html` is each post's body. */
function wxr(posts: number, html = (p: number) => `<p>Body of story ${p}.</p>`): Buffer {
  let items = '';
  for (let p = 1; p <= posts; p++) {
    const c = p * 10;
    items += `<item><title>Imported story ${p}</title><link>https://old.example/story-${p}/</link><dc:creator>writer</dc:creator><content:encoded><![CDATA[${html(p)}]]></content:encoded><wp:post_id>${p}</wp:post_id><wp:post_date_gmt>2020-01-0${(p % 9) + 1} 10:00:00</wp:post_date_gmt><wp:post_name>imported-story-${p}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>${c}</wp:comment_id><wp:comment_author>Reader</wp:comment_author><wp:comment_author_email>r@ex.example</wp:comment_author_email><wp:comment_date_gmt>2020-01-02 10:00:00</wp:comment_date_gmt><wp:comment_content>First</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>${c + 1}</wp:comment_id><wp:comment_author>Other</wp:comment_author><wp:comment_author_email>o@ex.example</wp:comment_author_email><wp:comment_date_gmt>2020-01-02 11:00:00</wp:comment_date_gmt><wp:comment_content>Reply</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${c}</wp:comment_parent></wp:comment></item>\n`;
  }
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title><link>https://old.example/</link><wp:base_site_url>https://old.example/</wp:base_site_url><wp:author><wp:author_login>writer</wp:author_login><wp:author_email>w@old.example</wp:author_email><wp:author_display_name>Writer One</wp:author_display_name></wp:author>\n${items}</channel></rss>\n`,
  );
}

function multipart(fields: Record<string, string>, file: Buffer, name = 'export.xml') {
  const boundary = '----dateline' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/xml\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: /admin/import`, () => {
    let app: TestApp;
    let admin: Browser;
    let editor: Browser;
    // A picture server the app's SSRF-safe client is told is the internet (127.0.0.2 only), as test/domain/import-media.test.ts does.
    let pictures: http.Server;
    let picturesPort = 0;
    const hits: string[] = [];
    const uploads = () => {
      const dir = path.join(app.config.dataDir, 'imports');
      return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    };
    const upload = (b: Browser, fields: Record<string, string>, file: Buffer) => {
      const m = multipart(fields, file);
      return app.server.inject({ method: 'POST', url: '/admin/import', payload: m.payload, headers: { cookie: b.jar.header(), 'content-type': m.contentType } });
    };
    const publicCount = async () => (await app.queries.listPublic({}, 1000, 0)).total;

    before(async () => {
      const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2f5d8a' } }).jpeg().toBuffer();
      pictures = http.createServer((req, res) => {
        hits.push(req.url ?? '');
        res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
      });
      await new Promise<void>((r) => pictures.listen(0, '127.0.0.2', r));
      picturesPort = (pictures.address() as net.AddressInfo).port;
      const fetch = createSafeFetch({ extraPorts: [picturesPort], isAllowedAddress: (ip) => ip === '127.0.0.2' });
      app = await createTestApp(dialect, undefined, { embedFetch: fetch });
      await makeStaff(app, 'admin', 'chief@news.test');
      await makeStaff(app, 'editor', 'ed@news.test');
      admin = await signedIn(app, 'chief@news.test');
      editor = await signedIn(app, 'ed@news.test');
    });
    after(async () => {
      pictures.close();
      await app.cleanup();
    });

    test('an admin uploads a WXR; it runs as a job; the progress JSON goes from waiting to done at 100 %; the page shows the summary', async () => {
      const token = csrfFrom((await admin.get('/admin/import')).body);
      const before = await publicCount();
      const res = await upload(admin, { _csrf: token, kind: 'wordpress' }, wxr(5));
      assert.equal(res.statusCode, 303, res.body);
      const url = res.headers.location as string;
      assert.match(url, /^\/admin\/import\/\d+$/);
      assert.equal(uploads().length, 1, 'the file waits in the data folder for its job');
      const waiting = (await admin.get(`${url}/progress`)).json();
      assert.deepEqual([waiting.state, waiting.percent, waiting.stories], ['waiting', 0, 0]);
      const page = await admin.get(url);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<progress id="import-bar" max="100" value="0"/);
      assert.match(page.body, /<script src="\/static\/admin\/import-progress\.js(\?v=[\w-]+)?" defer><\/script>/);
      assert.doesNotMatch(page.body, /<script>/, 'no inline script (strict CSP)');
      assert.equal(await publicCount(), before, 'nothing before the job runs');

      assert.equal(await app.runner.runDue(), 1);
      const done = (await admin.get(`${url}/progress`)).json();
      assert.deepEqual([done.state, done.percent, done.stories, done.comments], ['done', 100, 5, 10]);
      assert.equal(await publicCount(), before + 5);
      const end = await admin.get(url);
      assert.match(end.body, /<dd id="summary-stories">5<\/dd>/);
      assert.match(end.body, /<dd id="summary-comments">10<\/dd>/);
      assert.match(end.body, /value="100"/);
      assert.deepEqual(uploads(), [], 'the upload is removed when the run ends');
      assert.match((await admin.get('/admin/import')).body, /export\.xml<\/a>/);

      // The same file again updates: nothing is duplicated.
      const again = await upload(admin, { _csrf: token, kind: 'wordpress' }, wxr(5));
      await app.runner.runDue();
      const second = (await admin.get(`${again.headers.location}/progress`)).json();
      assert.deepEqual([second.state, second.stories], ['done', 5]);
      assert.equal(await publicCount(), before + 5);
    });

    test('pictures are fetched only when the box is ticked; the summary says what came in', async () => {
      const page = (await admin.get('/admin/import')).body;
      assert.match(page, /<input type="checkbox" id="import-fetch-media" name="fetch_media" value="on"/);
      assert.doesNotMatch(page, /name="fetch_media"[^>]*checked/, 'off by default');
      assert.match(page, /downloads every featured and inline picture/);
      assert.match(page, /a folder on the server can only be named on the server/);
      assert.doesNotMatch(page, /name="media_dir"/);
      const token = csrfFrom(page);
      const withPicture = wxr(1, (p) => `<p>Story ${p}.</p><figure><img src="http://127.0.0.2:${picturesPort}/wp-content/uploads/2020/01/p${p}.jpg" alt="Picture ${p}"></figure>`);
      const images = async () => Number((await app.db.kysely.selectFrom('images').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await images();

      const off = await upload(admin, { _csrf: token, kind: 'wordpress' }, withPicture);
      await app.runner.runDue();
      assert.deepEqual([hits.length, await images()], [0, before], 'unticked: nothing fetched');
      assert.match((await admin.get(off.headers.location as string)).body, /Pictures: 1 not imported \(fetching was not ticked\)/);

      const on = await upload(admin, { _csrf: token, kind: 'wordpress', fetch_media: 'on' }, withPicture);
      assert.equal(on.statusCode, 303);
      await app.runner.runDue();
      assert.deepEqual(hits, ['/wp-content/uploads/2020/01/p1.jpg']);
      assert.equal(await images(), before + 1);
      assert.match((await admin.get(on.headers.location as string)).body, /Pictures: 1 imported, 0 reused from an earlier import, 0 failed\./);
    });

    test('a Ghost export runs the same way: progress to 100 %, then the summary', async () => {
      const token = csrfFrom((await admin.get('/admin/import')).body);
      const posts = Array.from({ length: 3 }, (_, i) => ({ id: `g${i}`, title: `Ghost story ${i}`, slug: `ghost-story-${i}`, html: `<p>${i}</p>`, status: 'published', published_at: '2022-01-01T10:00:00.000Z', featured: false }));
      const json = Buffer.from(JSON.stringify({ db: [{ data: { posts, users: [], tags: [], posts_tags: [], posts_authors: [] } }] }));
      const res = await upload(admin, { _csrf: token, kind: 'ghost' }, json);
      assert.equal(res.statusCode, 303, res.body);
      await app.runner.runDue();
      const done = (await admin.get(`${res.headers.location}/progress`)).json();
      assert.deepEqual([done.state, done.percent, done.stories], ['done', 100, 3]);
      assert.match((await admin.get(res.headers.location as string)).body, /<dd id="summary-stories">3<\/dd>/);
    });

    test('a malformed file ends the run as failed, with the line, and nothing visible; the job is not retried', async () => {
      const token = csrfFrom((await admin.get('/admin/import')).body);
      const before = await publicCount();
      const bad = Buffer.from(wxr(3).toString('utf8').replace('<title>Imported story 2</title>', '<title>Imported story 2</titel>'));
      const res = await upload(admin, { _csrf: token, kind: 'wordpress' }, bad);
      assert.equal(res.statusCode, 303);
      await app.runner.runDue();
      const p = (await admin.get(`${res.headers.location}/progress`)).json();
      assert.equal(p.state, 'failed');
      assert.match(p.error, /^line \d+: /);
      assert.match((await admin.get(res.headers.location as string)).body, /The import stopped: line \d+/);
      assert.equal(await publicCount(), before);
      assert.equal(await app.runner.runDue(), 0, 'done with: the file would fail the same way');
      assert.deepEqual(uploads(), []);
    });

    test('bad requests: no CSRF token is 403, no kind or no file is 422; nothing is started and no upload is left behind', async () => {
      const runs = (await app.importRuns.recent()).length;
      assert.equal((await upload(admin, { kind: 'wordpress' }, wxr(1))).statusCode, 403);
      assert.equal((await upload(admin, { _csrf: 'forged', kind: 'wordpress' }, wxr(1))).statusCode, 403);
      const token = csrfFrom((await admin.get('/admin/import')).body);
      const noKind = await upload(admin, { _csrf: token, kind: 'drupal' }, wxr(1));
      assert.equal(noKind.statusCode, 422);
      assert.match(noKind.body, /WordPress export \(WXR\) or a Ghost export/);
      assert.equal((await upload(admin, { _csrf: token, kind: 'wordpress' }, Buffer.alloc(0))).statusCode, 422);
      const badBox = await upload(admin, { _csrf: token, kind: 'wordpress', fetch_media: 'always' }, wxr(1));
      assert.equal(badBox.statusCode, 422);
      assert.match(badBox.body, /Fetching pictures is a checkbox/);
      // A server folder is not the admin page's to name (docs/import.md): refused, not ignored.
      const dir = await upload(admin, { _csrf: token, kind: 'wordpress', media_dir: '/etc' }, wxr(1));
      assert.equal(dir.statusCode, 422);
      assert.match(dir.body, /A folder on the server cannot be named from this page/);
      assert.equal((await app.importRuns.recent()).length, runs);
      assert.deepEqual(uploads(), []);
    });

    test('admins only: an editor gets 403 on the page, the upload and the progress, and no Import link', async () => {
      const [run] = await app.importRuns.recent(1);
      assert.equal((await editor.get('/admin/import')).statusCode, 403);
      assert.equal((await editor.get(`/admin/import/${run.id}`)).statusCode, 403);
      assert.equal((await editor.get(`/admin/import/${run.id}/progress`)).statusCode, 403);
      const token = csrfFrom((await editor.get('/admin')).body);
      const runs = (await app.importRuns.recent()).length;
      assert.equal((await upload(editor, { _csrf: token, kind: 'wordpress' }, wxr(1))).statusCode, 403);
      assert.equal((await app.importRuns.recent()).length, runs);
      assert.deepEqual(uploads(), []);
      assert.doesNotMatch((await editor.get('/admin')).body, /href="\/admin\/import"/);
      assert.match((await admin.get('/admin')).body, /href="\/admin\/import"/);
      assert.equal((await admin.get('/admin/import/999999/progress')).statusCode, 404);
    });
  });
}
