import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';
import { createNewsroomTestApp, type NewsroomTestApp } from './admin-stories.harness.ts';
import { DIALECTS } from '../helpers/dialects.ts';
import { bombPng } from '../helpers/hostile-images.ts';

function multipart(fields: Record<string, string>, file: { name: string; type: string; data: Buffer }) {
  const boundary = '----dateline' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: admin media uploads`, () => {
    let app: NewsroomTestApp;
    let b: Browser;
    let token: string;
    before(async () => {
      app = await createNewsroomTestApp(dialect);
      await makeStaff(app as never, 'author');
      b = await signedIn(app as never, 'author@news.test');
      token = csrfFrom((await b.get('/admin/media')).body);
    });
    after(async () => app.cleanup());

    const upload = (file: { name: string; type: string; data: Buffer }, fields: Record<string, string> = {}, headers: Record<string, string> = {}) => {
      const m = multipart({ _csrf: token, alt: 'A street', credit: 'Staff', ...fields }, file);
      return app.server.inject({ method: 'POST', url: '/admin/media', payload: m.payload, headers: { cookie: b.jar.header(), 'content-type': m.contentType, accept: 'application/json', ...headers } });
    };

    test('hostile uploads are refused with stable codes and leave nothing behind', async () => {
      const tmpBefore = new Set(fs.readdirSync(os.tmpdir()));
      const rowsBefore = await app.media.count();
      const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src=x onerror=alert(3)></body></foreignObject></svg>');
      const cases: Array<[string, { name: string; type: string; data: Buffer }, number, string]> = [
        ['svg with script', { name: 'logo.svg', type: 'image/svg+xml', data: svg }, 415, 'svg_not_allowed'],
        ['svg named .png', { name: 'logo.png', type: 'image/png', data: svg }, 415, 'svg_not_allowed'],
        ['html named .jpg', { name: 'x.jpg', type: 'image/jpeg', data: Buffer.from('<html><body><script>alert(1)</script></body></html>') }, 415, 'unsupported_image'],
        ['50 000 × 50 000 png header', { name: 'bomb.png', type: 'image/png', data: bombPng(50_000, 50_000) }, 422, 'image_too_large'],
        ['12 000 × 12 000 png header', { name: 'big.png', type: 'image/png', data: bombPng(12_000, 12_000) }, 422, 'image_too_large'],
        ['truncated jpeg', { name: 't.jpg', type: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]) }, 415, 'unsupported_image'],
      ];
      for (const [what, file, status, code] of cases) {
        const rss = process.memoryUsage().rss;
        const res = await upload(file);
        assert.equal(res.statusCode, status, `${what}: ${res.body}`);
        assert.equal(res.json().error.code, code, what);
        assert.equal(res.json().error.field, 'file', what);
        assert.ok(process.memoryUsage().rss - rss < 200 * 1024 * 1024, `${what}: memory stayed bounded`);
      }
      assert.equal(await app.media.count(), rowsBefore);
      assert.deepEqual(filesUnder(app.mediaDir), []);
      // Uploads are read into memory under the limit; no upload/decoder temp files may appear.
      // (Other suites create dateline-* database dirs in parallel, so only upload-like names count.)
      const newTmp = fs.readdirSync(os.tmpdir()).filter((n) => !tmpBefore.has(n) && /^(tmp|upload|multipart|busboy|sharp|vips)/i.test(n));
      assert.deepEqual(newTmp, [], 'no temp files left');
    });

    test('over the size limit is 413 and stores nothing', async () => {
      const res = await upload({ name: 'huge.jpg', type: 'image/jpeg', data: Buffer.alloc(21 * 1024 * 1024, 0xff) });
      assert.equal(res.statusCode, 413);
      assert.equal(await app.media.count(), 0);
      assert.deepEqual(filesUnder(app.mediaDir), []);
    });

    test('x.php.jpg that is a real JPEG is re-encoded under a random name, served as image/jpeg + nosniff', async () => {
      const jpeg = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#3a6ea5' } }).jpeg().withMetadata({ exif: { IFD0: { Copyright: 'GPS secret' } } }).toBuffer();
      const res = await upload({ name: 'x.php.jpg', type: 'image/jpeg', data: Buffer.concat([jpeg, Buffer.from('<?php system($_GET["c"]); ?>')]) });
      assert.equal(res.statusCode, 201, res.body);
      const image = res.json().image;
      assert.match(image.url, /^\/media\/[A-Za-z0-9_-]{16}\/\d+\.jpg$/);
      assert.doesNotMatch(image.url, /php/);
      const served = await app.server.inject({ url: image.url });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/jpeg');
      assert.equal(served.headers['x-content-type-options'], 'nosniff');
      assert.ok(!served.rawPayload.includes(Buffer.from('<?php')));
      assert.ok(!served.rawPayload.includes(Buffer.from('GPS secret')));
      const files = filesUnder(app.mediaDir);
      assert.ok(files.length > 0 && files.every((f) => /\/\d+\.(jpg|webp)$/.test(f)));
    });

    test('uploads need the CSRF token (header or field) and a newsroom role', async () => {
      const jpeg = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).jpeg().toBuffer();
      const m = multipart({ alt: 'x' }, { name: 'a.jpg', type: 'image/jpeg', data: jpeg });
      const before = await app.media.count();
      const res = await app.server.inject({ method: 'POST', url: '/admin/media', payload: m.payload, headers: { cookie: b.jar.header(), 'content-type': m.contentType } });
      assert.equal(res.statusCode, 403);
      const anon = await app.server.inject({ method: 'POST', url: '/admin/media', payload: m.payload, headers: { 'content-type': m.contentType, 'x-csrf-token': token } });
      assert.equal(anon.statusCode, 401);
      const withHeader = await app.server.inject({ method: 'POST', url: '/admin/media', payload: m.payload, headers: { cookie: b.jar.header(), 'content-type': m.contentType, 'x-csrf-token': token, accept: 'application/json' } });
      assert.equal(withHeader.statusCode, 201);
      assert.equal(await app.media.count(), before + 1);
      const id = withHeader.json().image.id;
      const edit = await b.post(`/admin/media/${id}`, { _csrf: token, alt: 'A black square', caption: 'Test', credit: 'Staff' });
      assert.equal(edit.statusCode, 303);
      assert.equal((await app.media.get(id)).alt, 'A black square');
      const lib = await b.get('/admin/media?format=json');
      assert.ok(lib.json().images.some((i: { id: number }) => i.id === id));
    });

    test('the library searches alt text, caption, credit and file name; % and _ are literal', async () => {
      const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#887766' } }).jpeg().toBuffer();
      const put = (name: string, fields: Record<string, string>) => upload({ name, type: 'image/jpeg', data: jpeg }, fields);
      for (const [name, fields] of [
        ['harbour-cranes.jpg', { alt: 'Cranes at the harbour', caption: '', credit: 'Staff' }],
        ['mayor.jpg', { alt: 'The mayor speaks', caption: 'At the HARBOUR office', credit: 'Staff' }],
        ['rally.jpg', { alt: 'A rally', caption: 'Turnout up 50% on last year', credit: 'Nadia Karimi' }],
        ['img_2031.jpg', { alt: 'A street market', caption: '', credit: 'Staff' }],
        ['img52031.jpg', { alt: 'A quiet street', caption: '', credit: 'Staff' }],
      ] as const) assert.equal((await put(name, fields)).statusCode, 201, name);
      const find = async (q: string) => {
        const res = await b.get(`/admin/media?format=json&q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200);
        const json = res.json() as { images: Array<{ alt: string }>; total: number };
        assert.equal(json.total, json.images.length);
        return json.images.map((i) => i.alt).sort();
      };
      assert.deepEqual(await find('harbour'), ['Cranes at the harbour', 'The mayor speaks']);
      assert.deepEqual(await find('karimi'), ['A rally']);
      assert.deepEqual(await find('50%'), ['A rally']);
      assert.deepEqual(await find('img_2'), ['A street market']);
      assert.deepEqual(await find('no such picture'), []);
      assert.ok((await find('')).length >= 5, 'an empty search lists everything');
      const page = await b.get('/admin/media?q=harbour');
      assert.match(page.body, /2 images match “harbour”/);
      assert.match(page.body, /value="harbour"/);
      const hostile = await b.get(`/admin/media?q=${encodeURIComponent('<script>x</script>' + 'a'.repeat(10_000))}&page=-3`);
      assert.equal(hostile.statusCode, 200);
      assert.doesNotMatch(hostile.body, /<script>x/);
    });

    test('path traversal on /media is 400/404 and never serves a byte outside the media root', async () => {
      fs.mkdirSync(app.mediaDir, { recursive: true });
      fs.writeFileSync(path.join(path.dirname(app.mediaDir), 'secret.txt'), 'TOP-SECRET');
      const urls = [
        '/media/..%2f..%2fetc%2fpasswd', '/media/..%2fsecret.txt', '/media/%2e%2e/secret.txt', '/media/%252e%252e%252fsecret.txt',
        '/media/..\\..\\secret.txt', '/media/..%5c..%5csecret.txt', '/media/x%00.jpg', '/media/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
        '/media//etc/passwd', '/assets/built%2F..%2F..%2F/package.json', '/media/built%2F..%2F..%2F/package.json',
      ];
      for (const url of urls) {
        const res = await app.server.inject({ url });
        assert.ok([400, 403, 404].includes(res.statusCode), `${url} → ${res.statusCode}`);
        assert.doesNotMatch(res.body, /TOP-SECRET|root:x:0|"name": "dateline"/, url);
      }
    });
  });
}
