import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { csrfFrom, makeStaff, signedIn, type Browser } from './admin-auth-helpers.ts';
import { createNewsroomTestApp, type NewsroomTestApp } from './admin-stories.harness.ts';
import { DIALECTS } from '../helpers/dialects.ts';

/**
 * The story editor's details as plain forms (the no-JavaScript path the
 * browser test does not take): ordered bylines, the featured image chosen
 * from the library, corrections appended below the story, and deleting.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: story editor details`, () => {
    let app: NewsroomTestApp;
    let editor: Browser;
    let author: Browser;
    let imageId = 0;
    before(async () => {
      app = await createNewsroomTestApp(dialect);
      await app.people.create({ name: 'Sara Ahmadi', roleTitle: 'Tehran correspondent' });
      await app.people.create({ name: 'Omid Karimi' });
      const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#335577' } }).png().toBuffer();
      imageId = (await app.media.importImage(png, { alt: 'Azadi Square at dusk', caption: '', credit: 'Staff', originalName: 'azadi.png' })).id;
      await makeStaff(app as never, 'editor');
      await makeStaff(app as never, 'author');
      editor = await signedIn(app as never, 'editor@news.test');
      author = await signedIn(app as never, 'author@news.test');
    });
    after(async () => app.cleanup());

    async function save(b: Browser, id: number, fields: Record<string, string>) {
      const page = await b.get(`/admin/stories/${id}`);
      const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
      return b.post(`/admin/stories/${id}`, { _csrf: csrfFrom(page.body), version, ...fields });
    }
    async function newStory(b: Browser, fields: Record<string, string>): Promise<number> {
      const res = await b.post('/admin/stories', { _csrf: await b.csrf('/admin/stories/new'), bodyMarkdown: 'First paragraph.', ...fields });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      return Number(/\/admin\/stories\/(\d+)/.exec(String(res.headers.location))![1]);
    }

    test('bylines keep their order; the featured image is one of the offered library images', async () => {
      const page = (await editor.get('/admin/stories/new')).body;
      assert.match(page, new RegExp(`name="featuredImageId" value="${imageId}"`), 'the library image is offered');
      assert.match(page, /"people":\[[^\]]*\{"slug":"sara-ahmadi","name":"Sara Ahmadi","roleTitle":"Tehran correspondent"\}/, 'the picker gets the people');
      const id = await newStory(editor, { headline: 'Two writers', bylines: 'omid-karimi, sara-ahmadi', featuredImageId: String(imageId) });
      const a = await app.articles.get(id);
      assert.deepEqual(a.bylines.map((p) => p.slug), ['omid-karimi', 'sara-ahmadi']);
      assert.equal(a.featuredImage?.id, imageId);
      const edit = (await editor.get(`/admin/stories/${id}`)).body;
      assert.match(edit, new RegExp(`id="featuredImageId-${imageId}"[^>]*checked|checked[^>]*id="featuredImageId-${imageId}"`));
      assert.match(edit, /#\d+ Azadi Square at dusk/);

      assert.equal((await save(editor, id, { headline: 'Two writers', bylines: 'sara-ahmadi, omid-karimi', featuredImageId: '' })).statusCode, 303);
      const b = await app.articles.get(id);
      assert.deepEqual(b.bylines.map((p) => p.slug), ['sara-ahmadi', 'omid-karimi']);
      assert.equal(b.featuredImage, null, '"None" removes it');

      const unknown = await save(editor, id, { headline: 'Two writers', bylines: 'nobody-here', featuredImageId: '99999' });
      assert.equal(unknown.statusCode, 422);
      assert.match(unknown.body, /nobody-here/);
      assert.deepEqual((await app.articles.get(id)).bylines.map((p) => p.slug), ['sara-ahmadi', 'omid-karimi'], 'unchanged');
    });

    test('corrections: appended from the form to a published story, refused on an empty note, shown to readers', async () => {
      const id = await newStory(editor, { headline: 'Budget passes', intent: 'publish' });
      const page = (await editor.get(`/admin/stories/${id}`)).body;
      assert.match(page, /Append a correction/);
      const token = csrfFrom(page);

      const empty = await editor.post(`/admin/stories/${id}/corrections`, { _csrf: token, body: '   ' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /The correction was not published/);
      assert.match(empty.body, /a correction is 1 to 2000 characters/);
      const long = 'x'.repeat(2001);
      assert.equal((await editor.post(`/admin/stories/${id}/corrections`, { _csrf: token, body: long })).statusCode, 422);
      assert.equal((await app.articles.get(id)).corrections.length, 0, 'nothing stored');

      const ok = await editor.post(`/admin/stories/${id}/corrections`, { _csrf: token, body: 'An earlier version gave the vote as 150 to 90; it was 160 to 80.' });
      assert.equal(ok.statusCode, 303);
      const a = await app.articles.get(id);
      assert.equal(a.corrections.length, 1);
      assert.match((await editor.get(`/admin/stories/${id}`)).body, /it was 160 to 80/);
      const pub = await app.server.inject({ method: 'GET', url: `/news/${id}/${a.slug}` });
      assert.match(pub.body, /it was 160 to 80/);

      // Authors cannot append corrections: no form, and the route says no.
      const mine = await newStory(author, { headline: 'Author story', intent: 'publish' });
      const authorPage = (await author.get(`/admin/stories/${mine}`)).body;
      assert.doesNotMatch(authorPage, /Append a correction/);
      assert.equal((await author.post(`/admin/stories/${mine}/corrections`, { _csrf: csrfFrom(authorPage), body: 'A note.' })).statusCode, 403);
      // A draft has nothing to correct yet.
      const draft = await newStory(editor, { headline: 'Still a draft' });
      assert.doesNotMatch((await editor.get(`/admin/stories/${draft}`)).body, /Append a correction/);
    });

    test('delete: editors only, behind a POST with the token; a GET changes nothing', async () => {
      const id = await newStory(editor, { headline: 'To be deleted' });
      const page = (await editor.get(`/admin/stories/${id}`)).body;
      assert.match(page, /Delete story/);
      const mine = await newStory(author, { headline: 'Author keeps this' });
      const authorPage = (await author.get(`/admin/stories/${mine}`)).body;
      assert.doesNotMatch(authorPage, /Delete story/);
      assert.equal((await author.post(`/admin/stories/${mine}/delete`, { _csrf: csrfFrom(authorPage) })).statusCode, 403);
      assert.equal((await editor.get(`/admin/stories/${id}/delete`)).statusCode, 404);
      assert.equal((await editor.post(`/admin/stories/${id}/delete`, {})).statusCode, 403, 'no token');
      assert.equal((await app.articles.get(id)).headline, 'To be deleted');
      assert.equal((await editor.post(`/admin/stories/${id}/delete`, { _csrf: csrfFrom(page) })).statusCode, 303);
      await assert.rejects(app.articles.get(id));
      assert.equal((await app.articles.get(mine)).headline, 'Author keeps this');
    });
  });
}
