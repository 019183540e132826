import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/dialects.ts';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';

/**
 * Sections, tags, people and house spellings as editors manage them in the
 * newsroom: forms that re-show what was typed with the reason beside the
 * field, refusals that store nothing, an audit line for every change.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: newsroom sections, tags, people and house spellings`, () => {
    let app: TestApp;
    let editor: Browser;
    let token = '';
    const post = (url: string, fields: Record<string, string>) => editor.post(url, { _csrf: token, ...fields });
    const auditActions = async () => (await app.auditLog.list(200, 0)).map((e) => e.action);

    before(async () => {
      app = await createTestApp(dialect);
      await makeStaff(app, 'editor');
      editor = await signedIn(app, 'editor@news.test');
      token = csrfFrom((await editor.get('/admin/sections')).body);
    });
    after(async () => app?.cleanup());

    test('sections: create nested ones, reorder siblings with the arrows, and see them in that order', async () => {
      assert.equal((await post('/admin/sections', { name: 'World' })).statusCode, 303);
      const world = await app.sections.get('world');
      assert.equal((await post('/admin/sections', { name: 'Middle East', parentId: String(world.id), description: 'Iran, Iraq, the Gulf.' })).statusCode, 303);
      assert.equal((await post('/admin/sections', { name: 'Europe', slug: 'europe', parentId: String(world.id) })).statusCode, 303);
      const me = await app.sections.get('middle-east');
      assert.equal(me.parentId, world.id);
      assert.equal(me.description, 'Iran, Iraq, the Gulf.');

      const before = (await editor.get('/admin/sections')).body;
      assert.ok(before.indexOf('>Europe<') < before.indexOf('>Middle East<'), 'equal positions: by name');
      const moved = await post(`/admin/sections/${me.id}/move`, { direction: 'up' });
      assert.equal(moved.statusCode, 303);
      const after = (await editor.get('/admin/sections?done=moved')).body;
      assert.ok(after.indexOf('>Middle East<') < after.indexOf('>Europe<'), 'Middle East moved above Europe');
      assert.match(after, /The section was moved/);
      // The public site uses the same order.
      const nav = (await app.sections.list()).filter((s) => s.parentId === world.id).map((s) => s.slug);
      assert.deepEqual(nav, ['middle-east', 'europe']);
      assert.equal((await post(`/admin/sections/${me.id}/move`, { direction: 'sideways' })).statusCode, 400);
      assert.ok((await auditActions()).includes('section.move'));
    });

    test('sections: a loop, a taken or reserved slug and a bad position are refused beside the field; nothing changes', async () => {
      const world = await app.sections.get('world');
      const me = await app.sections.get('middle-east');
      // The edit page does not even offer the section's own children as its parent…
      const edit = (await editor.get(`/admin/sections/${world.id}`)).body;
      assert.doesNotMatch(edit, new RegExp(`<option value="${me.id}"`));
      // …and a hand-made post that tries is refused.
      const loop = await post(`/admin/sections/${world.id}`, { name: 'World', slug: 'world', parentId: String(me.id), description: '', position: '0' });
      assert.equal(loop.statusCode, 422);
      assert.match(loop.body, /a section cannot be inside itself/);
      assert.equal((await app.sections.get(world.id)).parentId, null);

      const count = (await app.sections.list()).length;
      const taken = await post('/admin/sections', { name: 'Another world', slug: 'world' });
      assert.equal(taken.statusCode, 409);
      assert.match(taken.body, /a section with this slug exists/);
      assert.match(taken.body, /value="Another world"/, 'what was typed comes back');
      const reserved = await post('/admin/sections', { name: 'Admin', slug: 'admin' });
      assert.equal(reserved.statusCode, 422);
      assert.match(reserved.body, /&quot;admin&quot; is reserved|"admin" is reserved/);
      const position = await post('/admin/sections', { name: 'Sport', position: 'first' });
      assert.equal(position.statusCode, 422);
      assert.match(position.body, /must be an integer/);
      const empty = await post('/admin/sections', { name: '   ' });
      assert.equal(empty.statusCode, 422);
      assert.equal((await app.sections.list()).length, count, 'nothing stored');
    });

    test('sections: one that still holds stories cannot be deleted; an empty one can', async () => {
      const me = await app.sections.get('middle-east');
      await app.articles.create({ headline: 'Talks resume', section: 'middle-east', status: 'published', publishedAt: app.clock.now() }, 'test');
      const refused = await post(`/admin/sections/${me.id}/delete`, {});
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /still has stories or subsections/);
      assert.equal((await app.sections.get(me.id)).id, me.id);
      const list = (await editor.get('/admin/sections')).body;
      assert.match(list, /<td>1<\/td>/, 'story count shown');

      await post('/admin/sections', { name: 'Obituaries' });
      const obits = await app.sections.get('obituaries');
      assert.equal((await post(`/admin/sections/${obits.id}/delete`, {})).statusCode, 303);
      await assert.rejects(app.sections.get(obits.id), /not found/);
      // A GET never deletes: there is no such page.
      assert.equal((await editor.get(`/admin/sections/${me.id}/delete`)).statusCode, 404);
      const actions = await auditActions();
      for (const a of ['section.create', 'section.delete']) assert.ok(actions.includes(a), a);
    });

    test('tags: aliases redirect, cannot shadow another tag, and names are shown escaped', async () => {
      assert.equal((await post('/admin/tags', { name: 'Parliament', aliases: 'majlis, parliament-of-iran' })).statusCode, 303);
      const tag = await app.tags.get('parliament');
      assert.deepEqual(tag.aliases, ['majlis', 'parliament-of-iran']);
      assert.equal((await post('/admin/tags', { name: 'Energy' })).statusCode, 303);
      const energy = await app.tags.get('energy');

      const shadow = await post(`/admin/tags/${energy.id}`, { name: 'Energy', slug: 'energy', aliases: 'majlis', description: '' });
      assert.equal(shadow.statusCode, 409);
      assert.match(shadow.body, /already used by another tag: majlis/);
      const own = await post('/admin/tags', { name: 'Oil', slug: 'oil', aliases: 'oil' });
      assert.equal(own.statusCode, 422);
      const badAlias = await post(`/admin/tags/${energy.id}`, { name: 'Energy', slug: 'energy', aliases: 'Not A Slug!', description: '' });
      assert.equal(badAlias.statusCode, 422);
      assert.deepEqual((await app.tags.get(energy.id)).aliases, [], 'unchanged');

      assert.equal((await post('/admin/tags', { name: '<img src=x onerror=alert(1)>', slug: 'xss' })).statusCode, 303);
      const page = (await editor.get('/admin/tags')).body;
      assert.doesNotMatch(page, /<img src=x/);
      assert.match(page, /<bdi>&lt;img src=x onerror=alert\(1\)>/);
      assert.match(page, /majlis, parliament-of-iran/);

      const res = await app.server.inject({ method: 'GET', url: '/tag/majlis' });
      assert.equal(res.statusCode, 301);
      assert.equal(res.headers.location, '/tag/parliament');

      // Clearing the aliases on an edit removes them; an empty slug keeps the address.
      assert.equal((await post(`/admin/tags/${tag.id}`, { name: 'Parliament', slug: '', aliases: '', description: 'The Majlis.' })).statusCode, 303);
      const edited = await app.tags.get(tag.id);
      assert.equal(edited.slug, 'parliament');
      assert.deepEqual(edited.aliases, []);
      assert.equal((await post(`/admin/tags/${energy.id}/delete`, {})).statusCode, 303);
      assert.ok((await auditActions()).includes('tag.update'));
    });

    test('people: a photo is picked from the library; a bogus photo is refused; someone with bylines stays', async () => {
      const png = await sharp({ create: { width: 400, height: 400, channels: 3, background: '#446688' } }).png().toBuffer();
      const photo = await app.media.importImage(png, { alt: 'Sara Ahmadi', caption: '', credit: 'Staff', originalName: 'sara.png' });
      const form = (await editor.get('/admin/people')).body;
      assert.match(form, new RegExp(`name="photoImageId" value="${photo.id}"`), 'the new photo is offered');

      const ok = await post('/admin/people', { name: 'Sara Ahmadi', roleTitle: 'Tehran correspondent', bio: 'Covers parliament.', photoImageId: String(photo.id) });
      assert.equal(ok.statusCode, 303);
      const sara = await app.people.get('sara-ahmadi');
      assert.equal(sara.photoImageId, photo.id);
      assert.equal(sara.roleTitle, 'Tehran correspondent');

      const count = (await app.people.list()).length;
      for (const bogus of ['999999', 'abc']) {
        const res = await post('/admin/people', { name: 'Ghost Writer', photoImageId: bogus });
        assert.equal(res.statusCode, 422, bogus);
        assert.match(res.body, /no image with id|must be an id/);
        assert.match(res.body, /value="Ghost Writer"/);
      }
      const rtl = await post('/admin/people', { name: 'محمد رضایی', slug: 'mohammad-rezaei' });
      assert.equal(rtl.statusCode, 303, 'RTL names are welcome');
      assert.equal((await app.people.list()).length, count + 1);

      await app.articles.create({ headline: 'Budget vote', bylines: ['sara-ahmadi'], status: 'published', publishedAt: app.clock.now() }, 'test');
      const refused = await post(`/admin/people/${sara.id}/delete`, {});
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /has bylines on stories/);
      // Removing the photo on an edit: "None".
      assert.equal((await post(`/admin/people/${sara.id}`, { name: 'Sara Ahmadi', slug: 'sara-ahmadi', roleTitle: '', bio: '', photoImageId: '' })).statusCode, 303);
      assert.equal((await app.people.get(sara.id)).photoImageId, null);
      const list = (await editor.get('/admin/people')).body;
      assert.match(list, /<bdi>محمد رضایی<\/bdi>/);
    });

    test('house spellings: saved by any spelling, keyed by its transliteration; bad text is refused', async () => {
      assert.equal((await post('/admin/house-spellings', { spelling: 'Qaani' })).statusCode, 303);
      assert.equal(app.houseSpellings.preferredFor((await app.houseSpellings.list())[0].key), 'Qaani');
      // Another spelling of the same name replaces it rather than adding a second.
      assert.equal((await post('/admin/house-spellings', { spelling: 'Ghaani' })).statusCode, 303);
      assert.deepEqual((await app.houseSpellings.list()).map((r) => r.spelling), ['Ghaani']);
      for (const bad of ['', 'Qa\u202Eani', '1234']) {
        const res = await post('/admin/house-spellings', { spelling: bad });
        assert.equal(res.statusCode, 422, JSON.stringify(bad));
      }
      assert.equal((await app.houseSpellings.list()).length, 1, 'nothing stored');
      const [row] = await app.houseSpellings.list();
      assert.equal((await post('/admin/house-spellings/delete', { key: row.key })).statusCode, 303);
      assert.equal((await app.houseSpellings.list()).length, 0);
    });

    test('without the form token, or from another site, nothing is created', async () => {
      const before = (await app.tags.list()).length;
      const noToken = await editor.post('/admin/tags', { name: 'Forged' });
      assert.equal(noToken.statusCode, 403);
      const cross = await editor.post('/admin/tags', { _csrf: token, name: 'Forged' }, { origin: 'https://evil.test', 'sec-fetch-site': 'cross-site' });
      assert.equal(cross.statusCode, 403);
      assert.equal((await app.tags.list()).length, before);
    });
  });
}
