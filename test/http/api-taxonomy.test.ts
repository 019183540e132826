import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const BASE = '/api/admin/v1';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Admin API sections, tags, people`, () => {
    let app: TestApp;
    let editor: string;
    let author: string;
    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, key = editor) =>
      app.server.inject({ method, url: BASE + url, headers: { authorization: `Bearer ${key}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });

    before(async () => {
      app = await createTestApp(dialect);
      editor = (await app.apiKeys.create('editor', 'editor', 'test')).key;
      author = (await app.apiKeys.create('author', 'author', 'test')).key;
    });
    after(async () => app.cleanup());

    test('sections: create nested, list, patch, refuse a cycle, delete only when empty', async () => {
      const world = await call('POST', '/sections', { name: 'World' });
      assert.equal(world.statusCode, 201, world.body);
      const w = world.json().section;
      assert.equal(w.slug, 'world');
      assert.equal(world.headers.location, `${BASE}/sections/${w.id}`);
      const me = (await call('POST', '/sections', { name: 'Middle East', parentId: w.id })).json().section;
      assert.equal(me.parentId, w.id);
      const list = (await call('GET', '/sections?limit=1')).json();
      assert.equal(list.total, 2);
      assert.equal(list.items.length, 1);
      const cycle = await call('PATCH', `/sections/${w.id}`, { parentId: me.id });
      assert.equal(cycle.statusCode, 422);
      assert.equal(cycle.json().error.field, 'parentId');
      const renamed = await call('PATCH', `/sections/${me.id}`, { name: 'Mideast', position: 2 });
      assert.equal(renamed.json().section.name, 'Mideast');
      assert.equal(renamed.json().section.position, 2);
      await call('POST', '/articles', { headline: 'Filed under Mideast', section: me.id });
      const inUse = await call('DELETE', `/sections/${me.id}`);
      assert.equal(inUse.statusCode, 409);
      assert.equal(inUse.json().error.code, 'CONFLICT');
      assert.equal((await call('GET', `/sections/${me.id}`)).statusCode, 200);
      const empty = (await call('POST', '/sections', { name: 'Obituaries' })).json().section;
      assert.equal((await call('DELETE', `/sections/${empty.id}`)).statusCode, 204);
      assert.equal((await call('GET', `/sections/${empty.id}`)).statusCode, 404);
    });

    test('tags: create with aliases, get shows them, patch, delete', async () => {
      const res = await call('POST', '/tags', { name: 'Quds Force', aliases: ['qods-force'] });
      assert.equal(res.statusCode, 201, res.body);
      const t = res.json().tag;
      assert.deepEqual(t.aliases, ['qods-force']);
      assert.deepEqual((await call('GET', `/tags/${t.id}`)).json().tag.aliases, ['qods-force']);
      const list = (await call('GET', '/tags')).json();
      assert.ok(list.items.some((x: { slug: string }) => x.slug === 'quds-force'));
      const patched = (await call('PATCH', `/tags/${t.id}`, { description: 'IRGC external branch' })).json().tag;
      assert.equal(patched.description, 'IRGC external branch');
      const bad = await call('POST', '/tags', { name: 'X', aliases: ['Not A Slug'] });
      assert.equal(bad.statusCode, 422);
      assert.equal(bad.json().error.field, 'aliases');
      assert.equal((await call('DELETE', `/tags/${t.id}`)).statusCode, 204);
      assert.equal((await call('GET', `/tags/${t.id}`)).statusCode, 404);
    });

    test('people: create, patch, refuse deleting someone with bylines, refuse unknown fields', async () => {
      const p = (await call('POST', '/people', { name: 'Sara Ahmadi', roleTitle: 'Correspondent', bio: 'Covers Tehran.' })).json().person;
      assert.equal(p.slug, 'sara-ahmadi');
      const story = (await call('POST', '/articles', { headline: 'Byline check', bylines: [p.slug] })).json().article;
      assert.equal(story.bylines[0].id, p.id);
      assert.equal((await call('PATCH', `/people/${p.id}`, { roleTitle: 'Bureau chief' })).json().person.roleTitle, 'Bureau chief');
      const role = await call('PATCH', `/people/${p.id}`, { role: 'admin' });
      assert.equal(role.statusCode, 422);
      assert.equal(role.json().error.field, 'role');
      assert.equal((await call('DELETE', `/people/${p.id}`)).statusCode, 409);
      await call('DELETE', `/articles/${story.id}`);
      assert.equal((await call('DELETE', `/people/${p.id}`)).statusCode, 204);
    });

    test('an author reads taxonomy but cannot write it', async () => {
      assert.equal((await call('GET', '/people', undefined, author)).statusCode, 200);
      for (const path of ['/sections', '/tags', '/people']) {
        const res = await call('POST', path, { name: 'Sport' }, author);
        assert.equal(res.statusCode, 403, path);
        assert.match(res.json().error.message, /taxonomy:write/);
      }
      assert.equal((await call('GET', '/sections', undefined, author)).json().items.some((s: { slug: string }) => s.slug === 'sport'), false);
    });
  });
}
