import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { ROLES, type Role } from '../../src/domain/access/index.ts';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/dialects.ts';
import { bombPng } from '../helpers/hostile-images.ts';

const BASE = '/api/admin/v1';

function multipart(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer; part?: string }) {
  const boundary = '----dateline' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.part ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const jpeg = (colour: string, width = 700, height = 400) => sharp({ create: { width, height, channels: 3, background: colour } }).jpeg().toBuffer();

for (const dialect of DIALECTS) {
  describe(`${dialect}: Admin API images`, () => {
    let app: TestApp;
    let mediaDir: string;
    const keys = new Map<Role, string>();
    const auth = (role: Role) => ({ authorization: `Bearer ${keys.get(role)}` });
    const upload = (role: Role, file: { name: string; type: string; data: Buffer; part?: string } | undefined, fields: Record<string, string> = {}) => {
      const m = multipart(fields, file);
      return app.server.inject({ method: 'POST', url: `${BASE}/images`, payload: m.payload, headers: { ...auth(role), 'content-type': m.contentType } });
    };
    const call = (role: Role, method: 'GET' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      app.server.inject({ method, url: BASE + url, headers: auth(role), ...(payload ? { payload } : {}) });
    /** What a client would find afterwards: the rows and the files on disk. */
    const stored = async () => ({ rows: await app.media.count(), files: filesUnder(mediaDir).length });

    before(async () => {
      app = await createTestApp(dialect);
      mediaDir = path.join(app.config.dataDir, 'media');
      for (const role of ROLES) keys.set(role, (await app.apiKeys.create(`${role} key`, role, 'test')).key);
    });
    after(async () => app?.cleanup());

    test('upload: 201 with Location, the library’s shape and variant URLs that serve the re-encoded image', async () => {
      const res = await upload('contributor', { name: 'harbour.jpg', type: 'image/jpeg', data: await jpeg('#3a6ea5', 1000, 600) }, { alt: 'Cranes at the harbour', caption: 'Morning shift', credit: 'Staff' });
      assert.equal(res.statusCode, 201, res.body);
      const { image } = res.json();
      assert.equal(res.headers.location, `${BASE}/images/${image.id}`);
      assert.deepEqual([image.alt, image.caption, image.credit, image.width, image.height, image.mime], ['Cranes at the harbour', 'Morning shift', 'Staff', 1000, 600, 'image/jpeg']);
      assert.deepEqual([...new Set(image.variants.map((v: { width: number }) => v.width))], [320, 640, 960]);
      const jpg = image.variants.find((v: { format: string }) => v.format === 'jpeg');
      assert.match(jpg.url, /^http:\/\/news\.test\/media\/[A-Za-z0-9_-]{16}\/\d+\.jpg$/);
      const served = await app.server.inject({ url: new URL(jpg.url).pathname });
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/jpeg');
      assert.equal(res.headers['cache-control'], 'no-store');
      const got = await call('author', 'GET', `/images/${image.id}`);
      assert.deepEqual(got.json().image, image);
    });

    test('hostile uploads (SVG with script, HTML named .jpg, 21 MB, a pixel bomb, truncated) are refused and nothing is stored', async () => {
      const before = await stored();
      const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
      const cases: Array<[string, { name: string; type: string; data: Buffer }, number, string]> = [
        ['svg with script', { name: 'logo.svg', type: 'image/svg+xml', data: svg }, 415, 'svg_not_allowed'],
        ['svg named .jpg', { name: 'logo.jpg', type: 'image/jpeg', data: svg }, 415, 'svg_not_allowed'],
        ['html named .jpg', { name: 'x.jpg', type: 'image/jpeg', data: Buffer.from('<html><body><script>alert(1)</script></body></html>') }, 415, 'unsupported_image'],
        ['truncated jpeg', { name: 't.jpg', type: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]) }, 415, 'unsupported_image'],
        ['21 MB', { name: 'huge.jpg', type: 'image/jpeg', data: Buffer.alloc(21 * 1024 * 1024, 0xff) }, 413, 'PAYLOAD_TOO_LARGE'],
        ['12 000 × 12 000 png header (a bomb)', { name: 'big.png', type: 'image/png', data: bombPng(12_000, 12_000) }, 422, 'image_too_large'],
      ];
      for (const [what, file, status, code] of cases) {
        const res = await upload('editor', file, { alt: 'x' });
        assert.equal(res.statusCode, status, `${what}: ${res.body}`);
        assert.equal(res.json().error.code, code, what);
        assert.equal(res.headers['content-type'], 'application/json; charset=utf-8', what);
      }
      assert.deepEqual(await stored(), before);
    });

    test('malformed uploads are 4xx naming the part; nothing is stored', async () => {
      const before = await stored();
      const good = { name: 'a.jpg', type: 'image/jpeg', data: await jpeg('#000', 20, 20) };
      const noFile = await upload('editor', undefined, { alt: 'x' });
      assert.equal(noFile.statusCode, 422);
      assert.equal(noFile.json().error.field, 'file');
      const empty = await upload('editor', { ...good, data: Buffer.alloc(0) });
      assert.equal(empty.statusCode, 422);
      assert.equal(empty.json().error.field, 'file');
      const extra = await upload('editor', good, { alt: 'x', status: 'published' });
      assert.equal(extra.statusCode, 422);
      assert.deepEqual(extra.json().error.problems.map((p: { field: string }) => p.field), ['status']);
      const tooLong = await upload('editor', good, { credit: 'c'.repeat(201) });
      assert.equal(tooLong.statusCode, 422);
      assert.equal(tooLong.json().error.field, 'credit');
      const json = await app.server.inject({ method: 'POST', url: `${BASE}/images`, headers: auth('editor'), payload: { file: 'aGVsbG8=' } });
      assert.equal(json.statusCode, 415);
      assert.match(json.json().error.message, /multipart\/form-data/);
      assert.deepEqual(await stored(), before);
    });

    test('roles: newsroom roles upload, list, read and edit; moderators cannot; only editors delete; no key is 401', async () => {
      const img = (await upload('editor', { name: 'r.jpg', type: 'image/jpeg', data: await jpeg('#884400') }, { alt: 'Roles' })).json().image;
      for (const role of ROLES) {
        const newsroom = role !== 'moderator';
        const up = await upload(role, { name: 'r.jpg', type: 'image/jpeg', data: await jpeg('#884401') });
        assert.equal(up.statusCode, newsroom ? 201 : 403, `${role} upload`);
        if (!newsroom) assert.match(up.json().error.message, /articles:write-draft/);
        assert.equal((await call(role, 'GET', '/images')).statusCode, newsroom ? 200 : 403, `${role} list`);
        assert.equal((await call(role, 'GET', `/images/${img.id}`)).statusCode, newsroom ? 200 : 403, `${role} read`);
        assert.equal((await call(role, 'PATCH', `/images/${img.id}`, { caption: `by ${role}` })).statusCode, newsroom ? 200 : 403, `${role} edit`);
      }
      for (const role of ['contributor', 'author', 'moderator'] as const) {
        const del = await call(role, 'DELETE', `/images/${img.id}`);
        assert.equal(del.statusCode, 403, `${role} delete`);
      }
      assert.equal((await app.media.get(img.id)).id, img.id, 'refused deletes left it');
      // The capability is checked before the upload is read: a 403, not the 413 that reading 21 MB would give.
      const big = await upload('moderator', { name: 'huge.jpg', type: 'image/jpeg', data: Buffer.alloc(21 * 1024 * 1024, 0xff) });
      assert.equal(big.statusCode, 403);
      const anon = await app.server.inject({ method: 'GET', url: `${BASE}/images` });
      assert.equal(anon.statusCode, 401);
      assert.equal(anon.json().error.code, 'UNAUTHENTICATED');
    });

    test('list: paginated, newest first, with the library’s search (alt, caption, credit, file name; % literal)', async () => {
      for (const [name, fields] of [
        ['crane.jpg', { alt: 'Cranes at dusk', credit: 'Staff' }],
        ['mayor.jpg', { alt: 'The mayor', caption: 'At the DUSK rally', credit: 'Staff' }],
        ['turnout.jpg', { alt: 'Turnout', caption: 'Up 50% on last year', credit: 'Nadia Karimi' }],
        ['img_77.jpg', { alt: 'A street', credit: 'Staff' }],
      ] as const) assert.equal((await upload('author', { name, type: 'image/jpeg', data: await jpeg('#556677', 100, 80) }, fields)).statusCode, 201, name);
      const find = async (q: string) => (await call('author', 'GET', `/images?q=${encodeURIComponent(q)}&limit=100`)).json().items.map((i: { alt: string }) => i.alt).sort();
      assert.deepEqual(await find('dusk'), ['Cranes at dusk', 'The mayor']);
      assert.deepEqual(await find('karimi'), ['Turnout']);
      assert.deepEqual(await find('50%'), ['Turnout']);
      assert.deepEqual(await find('img_7'), ['A street']);
      assert.deepEqual(await find('nothing like this'), []);
      const all = (await call('author', 'GET', '/images?limit=100')).json();
      assert.equal(all.total, await app.media.count());
      const ids = all.items.map((i: { id: number }) => i.id);
      assert.deepEqual(ids, [...ids].sort((a: number, b: number) => b - a), 'newest first');
      const page2 = (await call('author', 'GET', '/images?limit=2&offset=2')).json();
      assert.deepEqual([page2.limit, page2.offset, page2.total], [2, 2, all.total]);
      assert.deepEqual(page2.items.map((i: { id: number }) => i.id), ids.slice(2, 4));
      for (const bad of ['limit=0', 'limit=101', 'offset=-1', 'sort=id', 'q=a&q=b']) {
        const res = await call('author', 'GET', `/images?${bad}`);
        assert.equal(res.statusCode, 400, bad);
        assert.equal(res.json().error.code, 'BAD_REQUEST', bad);
      }
      for (const id of ['abc', '0', '-1', '99999999999', '987654']) assert.equal((await call('author', 'GET', `/images/${id}`)).statusCode, 404, id);
    });

    test('PATCH alt, caption, credit; every bad field is a 422 under its name and nothing changes', async () => {
      const img = (await upload('author', { name: 'p.jpg', type: 'image/jpeg', data: await jpeg('#123456', 60, 40) }, { alt: 'Old alt', credit: 'Old credit' })).json().image;
      const ok = await call('contributor', 'PATCH', `/images/${img.id}`, { alt: '  A boat\u202E  ', caption: 'Evening', credit: 'Reuters' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.deepEqual([ok.json().image.alt, ok.json().image.caption, ok.json().image.credit], ['A boat', 'Evening', 'Reuters']);
      const partial = await call('contributor', 'PATCH', `/images/${img.id}`, { caption: '' });
      assert.deepEqual([partial.json().image.alt, partial.json().image.caption], ['A boat', ''], 'fields not sent stay');
      const bad = await call('contributor', 'PATCH', `/images/${img.id}`, { alt: 'a'.repeat(501), caption: 5, credit: 'fine', width: 10 });
      assert.equal(bad.statusCode, 422);
      const err = bad.json().error;
      assert.equal(err.code, 'VALIDATION_FAILED');
      assert.deepEqual(err.problems.map((p: { field: string }) => p.field).sort(), ['alt', 'caption', 'width']);
      assert.match(err.problems.find((p: { field: string }) => p.field === 'alt').message, /at most 500/);
      const now = await app.media.get(img.id);
      assert.deepEqual([now.alt, now.caption, now.credit], ['A boat', '', 'Reuters'], 'a refused patch changes nothing, not even its good fields');
      assert.equal((await call('contributor', 'PATCH', `/images/${img.id}`, [] as unknown as object)).statusCode, 422);
      const proto = await app.server.inject({ method: 'PATCH', url: `${BASE}/images/${img.id}`, headers: { ...auth('editor'), 'content-type': 'application/json' }, payload: '{"__proto__": {"alt": "x"}}' });
      assert.equal(proto.statusCode, 400);
      assert.equal((await call('editor', 'PATCH', '/images/987654', { alt: 'x' })).statusCode, 404);
    });

    test('DELETE: an unused image goes (row and files); a used one is 409 naming where, and stays', async () => {
      const put = async (alt: string) => (await upload('editor', { name: 'd.jpg', type: 'image/jpeg', data: await jpeg('#aa3300', 400, 300) }, { alt })).json().image;
      const unused = await put('Unused');
      const dir = path.join(mediaDir, /\/media\/([^/]+)\//.exec(unused.variants[0].url)![1]);
      assert.ok(filesUnder(dir).length > 0);
      assert.equal((await call('editor', 'DELETE', `/images/${unused.id}`)).statusCode, 204);
      assert.equal((await call('editor', 'GET', `/images/${unused.id}`)).statusCode, 404);
      assert.deepEqual(filesUnder(dir), [], 'its files are gone');
      assert.equal((await call('editor', 'DELETE', `/images/${unused.id}`)).statusCode, 404);
      assert.ok((await app.auditLog.list(50, 0)).some((e) => e.action === 'image.delete' && e.targetId === String(unused.id)));

      const featured = await put('Featured');
      const inline = await put('Inline');
      const photo = await put('Photo');
      const logo = await put('Logo');
      const story = await app.articles.create({ headline: 'Port reopens', featuredImageId: featured.id, status: 'published' }, 'test');
      const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ships came in.' }] }, { type: 'image', attrs: { imageId: inline.id } }] };
      const other = await app.articles.create({ headline: 'Draft with a picture', body: body as never }, 'test');
      const person = await app.people.create({ name: 'Sara Ahmadi', photoImageId: photo.id });
      const logoUrl = new URL(logo.variants.find((v: { format: string }) => v.format === 'webp').url).pathname;
      await app.settings.update({ logoUrl });

      const refusals: Array<[{ id: number }, RegExp]> = [
        [featured, new RegExp(`featured image of story ${story.id} “Port reopens”`)],
        [inline, new RegExp(`inline in the body of story ${other.id} “Draft with a picture”`)],
        [photo, new RegExp(`photo of person ${person.id} “Sara Ahmadi”`)],
        [logo, /the site logo/],
      ];
      for (const [img, where] of refusals) {
        const res = await call('admin', 'DELETE', `/images/${img.id}`);
        assert.equal(res.statusCode, 409, res.body);
        assert.equal(res.json().error.code, 'CONFLICT');
        assert.match(res.json().error.message, where);
        assert.equal((await call('admin', 'GET', `/images/${img.id}`)).statusCode, 200, 'still there');
      }
      // Many uses: the first few are named, and the message says there are more.
      for (let i = 1; i <= 6; i++) await app.articles.create({ headline: `Harbour day ${i}`, featuredImageId: inline.id }, 'test');
      const many = (await call('admin', 'DELETE', `/images/${inline.id}`)).json().error.message as string;
      assert.equal(many.match(/featured image of story/g)?.length, 5, many);
      assert.match(many, /and more stories like these; inline in the body of story/);

      // Once the story drops the image, it can go.
      await app.articles.update(story.id, { featuredImageId: null }, 'test');
      assert.equal((await call('admin', 'DELETE', `/images/${featured.id}`)).statusCode, 204);
      const published = await app.server.inject({ url: `/news/${story.id}/port-reopens` });
      assert.equal(published.statusCode, 200, 'the story still renders');
    });

    test('an image id that is a prefix of another’s (1 and 14, say) is told apart in story bodies', async () => {
      // The earlier tests left ids 1 to a dozen or more; pick a pair where one id's digits start the other's.
      const ids = (await call('editor', 'GET', '/images?limit=100')).json().items.map((i: { id: number }) => i.id) as number[];
      const pairs = ids.flatMap((a) => ids.filter((b) => b !== a && String(b).startsWith(String(a))).map((b) => [a, b] as const));
      const unused = new Set<number>();
      for (const id of ids) if (!(await app.media.usesOf(id)).length) unused.add(id);
      const [short, long] = pairs.find(([a, b]) => unused.has(a) && unused.has(b)) ?? [];
      assert.ok(short && long, `ids ${ids.join(',')} have no unused prefix pair`);
      const story = await app.articles.create({ headline: 'Uses the longer id', body: { type: 'doc', content: [{ type: 'image', attrs: { imageId: long } }] } as never }, 'test');
      assert.deepEqual(await app.media.usesOf(long), [{ kind: 'inline', id: story.id, label: 'Uses the longer id' }]);
      assert.equal((await call('editor', 'DELETE', `/images/${short}`)).statusCode, 204, 'the shorter id is not used by that story');
      assert.equal((await call('editor', 'DELETE', `/images/${long}`)).statusCode, 409);
    });
  });
}
