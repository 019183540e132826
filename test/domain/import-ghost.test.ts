import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importGhost, progressFigures, ImportFormatError, lexicalToHtml, mobiledocToHtml } from '../../src/domain/import/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/import/ghost');
const skip = fs.existsSync(FIXTURES) ? false : 'no ../shared/fixtures/import (clone without the shared fixtures)';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-ghost-'));

test('mobiledoc and lexical bodies become HTML with their text escaped', () => {
  const mobiledoc = JSON.stringify({
    version: '0.3.1', markups: [['strong'], ['a', ['href', 'https://ex.example/']]], atoms: [], cards: [['markdown', { markdown: 'One <script>x</script>\n\nTwo' }]],
    sections: [[1, 'h2', [[0, [], 0, 'Head']]], [1, 'p', [[0, [0], 1, 'Bold'], [0, [1], 1, ' link']]], [3, 'ul', [[[0, [], 0, 'a']], [[0, [], 0, 'b']]]], [10, 0]],
  });
  assert.equal(mobiledocToHtml(mobiledoc), '<h2>Head</h2>\n<p><strong>Bold</strong><a href="https://ex.example/"> link</a></p>\n<ul><li>a</li><li>b</li></ul>\n<p>One &lt;script&gt;x&lt;/script&gt;</p><p>Two</p>');
  const lexical = JSON.stringify({ root: { children: [
    { type: 'heading', tag: 'h3', children: [{ type: 'text', text: 'Sub', format: 0 }] },
    { type: 'paragraph', children: [{ type: 'text', text: 'Bold <b>', format: 1 }, { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'x', format: 0 }] }] },
    { type: 'list', listType: 'number', children: [{ type: 'listitem', children: [{ type: 'text', text: 'one', format: 0 }] }] },
  ] } });
  assert.equal(lexicalToHtml(lexical), '<h3>Sub</h3>\n<p><strong>Bold &lt;b&gt;</strong><a href="javascript:alert(1)">x</a></p>\n<ol><li>one</li></ol>');
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: Ghost import`, { skip }, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    test('v2 and v4 exports: posts, primary tag as section, authors, pages as static pages; re-runs update', async () => {
      const v4 = await importGhost(app.importDeps, path.join(FIXTURES, 'v4_export.json'));
      assert.equal(v4.counts.stories, 7);
      assert.equal(v4.counts.pages, 4);
      assert.ok((await app.pages.list()).every((p) => !p.slug.startsWith('news')), 'pages are not stories');
      assert.equal((await app.queries.listPublic({}, 100, 0)).items.length, 7, 'and no page among the stories');
      const list = (await app.queries.listPublic({}, 100, 0)).items;
      assert.equal(list.length, 7);
      const story = await app.articles.get(list.find((s) => s.slug === 'integrations')!.id);
      assert.equal(story.publishedAt?.toISOString(), '2021-03-24T04:34:09.000Z');
      assert.match(story.dek, /^Work with all your favorite apps/);
      assert.ok(story.bylines.length >= 1);
      assert.ok(story.section, 'its primary tag is its section');
      assert.ok(story.body.content.length > 3);
      assert.doesNotMatch(JSON.stringify(story.body), /<[a-z]/i);
      const again = await importGhost(app.importDeps, path.join(FIXTURES, 'v4_export.json'));
      assert.equal(again.counts.stories, 0);
      assert.equal(again.counts.updated, 7);
      assert.equal((await app.queries.listPublic({}, 100, 0)).total, 7);
      const v2 = await importGhost(app.importDeps, path.join(FIXTURES, 'v2_export.json'));
      assert.equal(v2.counts.stories, 7, 'a different export (other ids) is a different set of stories');
      const redirect = await app.db.kysely.selectFrom('redirects').selectAll().where('path', '=', '/integrations/').executeTakeFirst();
      assert.equal(redirect?.article_id, story.id);
    });

    test('progress after each batch of 200 posts: the share of the file read up to its last post, counts growing, 100 % at the end', async () => {
      const posts = Array.from({ length: 450 }, (_, i) => ({ id: `gen-${i}`, title: `Generated ${i}`, slug: `generated-${i}`, html: `<p>${i}</p>`, status: 'published', published_at: '2022-01-01T10:00:00.000Z' }));
      const file = path.join(tmp, 'many.json');
      const text = JSON.stringify({ db: [{ data: { posts, users: [], tags: [], posts_tags: [], posts_authors: [] } }] });
      fs.writeFileSync(file, text);
      const seen: { stories: number; share: number }[] = [];
      const total = fs.statSync(file).size;
      await importGhost(app.importDeps, file, {
        onProgress: (p) => {
          assert.equal(p.bytesTotal, total);
          const f = progressFigures(p);
          seen.push({ stories: f.done, share: Math.round(f.share * 1000) / 1000 });
        },
      });
      // Where post N's object closes in the file.
      const endOf = (n: number) => text.indexOf('}', text.indexOf(`"id":"gen-${n}"`)) + 1;
      const share = (n: number) => Math.round((endOf(n) / total) * 1000) / 1000;
      assert.deepEqual(seen, [{ stories: 200, share: share(199) }, { stories: 400, share: share(399) }, { stories: 450, share: 1 }]);
      assert.ok(share(199) > 0.4 && share(399) < 0.9);
    });

    test('an export without the db wrapper, users and tags after the posts: bylines, tags and the primary tag as section', async () => {
      const file = path.join(tmp, 'bare.json');
      const posts = [{ id: 'b1', title: 'Bare one', slug: 'bare-one', html: '<p>One</p>', status: 'published', published_at: '2022-02-01T10:00:00.000Z' }];
      fs.writeFileSync(file, JSON.stringify({ data: { posts, posts_tags: [{ post_id: 'b1', tag_id: 't2', sort_order: 1 }, { post_id: 'b1', tag_id: 't1', sort_order: 0 }], posts_authors: [{ post_id: 'b1', author_id: 'u1' }], tags: [{ id: 't1', slug: 'harbour', name: 'Harbour' }, { id: 't2', slug: 'ferries', name: 'Ferries' }], users: [{ id: 'u1', slug: 'ana', name: 'Ana Lopes', email: 'Ana@Example.org' }] } }, null, 2));
      const result = await importGhost(app.importDeps, file);
      assert.equal(result.counts.stories, 1);
      const id = (await app.queries.listPublic({}, 100, 0)).items.find((s) => s.slug === 'bare-one')!.id;
      const story = await app.articles.get(id);
      assert.equal(story.section?.slug, 'harbour', 'the first tag by sort_order is the primary one');
      assert.deepEqual(story.tags.map((t) => t.slug).sort(), ['ferries', 'harbour']);
      assert.deepEqual(story.bylines.map((b) => b.name), ['Ana Lopes']);
    });

    test('a malformed export is refused with its line and column, before anything is written', async () => {
      const count = async () => Number((await app.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await count();
      const posts = Array.from({ length: 300 }, (_, i) => ({ id: `bad-${i}`, title: `Bad ${i}`, slug: `bad-${i}`, html: `<p>${i}</p>`, status: 'published' }));
      const lines = JSON.stringify({ db: [{ data: { posts, tags: [], users: [] } }] }, null, 2).split('\n');
      // A comma lost after post 250's title: an editor's slip in a hand-fixed export, far past the first batch.
      const at = lines.findIndex((l) => l.includes('"title": "Bad 250",'));
      lines[at] = lines[at].replace(/,$/, '');
      const file = path.join(tmp, 'malformed.json');
      fs.writeFileSync(file, lines.join('\n'));
      await assert.rejects(importGhost(app.importDeps, file), (e: Error) => e instanceof ImportFormatError && e.message === `line ${at + 2}, column 13: expected "," or "}" after a value in an object, found '"'`);
      assert.equal(await count(), before, 'not one story written, not even a draft');
      assert.equal((await app.db.kysely.selectFrom('import_sources').select('source_id').where('source_id', 'like', 'bad-%').execute()).length, 0);
    });

    test('a file that is not a Ghost export is refused and nothing is written', async () => {
      const before = (await app.queries.listAll({}, 1000, 0, app.likeOp)).total;
      const bad = path.join(tmp, 'bad.json');
      fs.writeFileSync(bad, '{"db": [{"data": {"posts": [');
      await assert.rejects(importGhost(app.importDeps, bad), (e: Error) => e instanceof ImportFormatError && /^line 1, column 29: the file ends inside an array: it was cut short$/.test(e.message));
      fs.writeFileSync(bad, '{"hello": 1}');
      await assert.rejects(importGhost(app.importDeps, bad), /not a Ghost export/);
      assert.equal((await app.queries.listAll({}, 1000, 0, app.likeOp)).total, before);
    });
  });
}
