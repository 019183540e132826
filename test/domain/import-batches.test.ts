import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseArticleInput } from '../../src/domain/articles/index.ts';
import { importWordPress } from '../../src/domain/import/index.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

/**
 * What the multi-row batch writer (story.batch.ts) must get right that a
 * row-by-row writer got for free: slugs unique across a batch and against
 * the site, a reply whose parent came in an earlier batch (batches are 200
 * posts), a post listed twice, and the flip's statuses and dates.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-wxr-batch-'));

function comment(id: number, parent: number, body: string): string {
  return `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>R${id}</wp:comment_author><wp:comment_author_email>r${id}@ex.example</wp:comment_author_email><wp:comment_date_gmt>2020-05-02 10:00:00</wp:comment_date_gmt><wp:comment_content>${body}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
}

function post(id: number, o: { slug?: string; status?: string; gmt?: string; comments?: string; title?: string } = {}): string {
  return `<item><title>${o.title ?? `Batch post ${id}`}</title><link>https://old.example/p/${id}/</link><content:encoded><![CDATA[<p>Body ${id}.</p>]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt>${o.gmt ?? '2020-05-01 10:00:00'}</wp:post_date_gmt><wp:post_name>${o.slug ?? `batch-post-${id}`}</wp:post_name><wp:status>${o.status ?? 'publish'}</wp:status><wp:post_type>post</wp:post_type>${o.comments ?? ''}</item>`;
}

function wxr(name: string, items: string[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title><link>https://old.example/</link>\n${items.join('\n')}\n</channel></rss>\n`);
  return file;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: WordPress import in batches`, () => {
    let app: TestApp;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app.cleanup());

    const story = async (sourceId: number) => {
      const row = await app.db.kysely.selectFrom('import_sources').select('entity_id').where('kind', '=', 'article').where('source_id', '=', String(sourceId)).executeTakeFirstOrThrow();
      return app.db.kysely.selectFrom('articles').selectAll().where('id', '=', row.entity_id).executeTakeFirstOrThrow();
    };
    const commentOf = async (sourceId: number) => {
      const row = await app.db.kysely.selectFrom('import_sources').select('entity_id').where('kind', '=', 'comment').where('source_id', '=', String(sourceId)).executeTakeFirstOrThrow();
      return app.db.kysely.selectFrom('comments').selectAll().where('id', '=', row.entity_id).executeTakeFirstOrThrow();
    };

    test('slugs stay unique within a batch and against the site; a reply finds a parent from an earlier batch; a post listed twice is one story', async () => {
      await app.articles.create(parseArticleInput({ headline: 'Here first', slug: 'taken-slug', bodyMarkdown: 'Text.', status: 'draft' }, 'create'), 'test');
      const items = [
        post(1, { slug: 'same-slug', comments: comment(1001, 0, 'Parent in batch one') }),
        post(2, { slug: 'same-slug' }),
        post(3, { slug: 'taken-slug' }),
        post(4, { status: 'future', gmt: '2099-01-01 08:00:00' }),
        post(5, { status: 'draft' }),
      ];
      for (let i = 6; i <= 260; i++) items.push(post(i));
      // Post 250 is in the second batch of 200; its reply's parent was written by the first.
      items[249] = post(250, { comments: comment(2500, 1001, 'Reply from batch two') + comment(2501, 2500, 'Reply to the reply') });
      items.push(post(7, { title: 'Post 7, listed again' }));
      const before = await app.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const r = await importWordPress(app.importDeps, wxr('batches.xml', items));
      assert.equal(r.counts.stories, 260);
      assert.equal(r.counts.updated, 1, 'the second listing of post 7 updated the first');
      const after = await app.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n) - Number(before.n), 260);

      const slugs = [(await story(1)).slug, (await story(2)).slug, (await story(3)).slug];
      assert.equal(slugs[0], 'same-slug');
      assert.equal(new Set([...slugs, 'taken-slug']).size, 4, `distinct slugs: ${slugs.join(', ')}`);
      assert.equal((await story(7)).headline, 'Post 7, listed again');

      const parent = await commentOf(1001);
      const reply = await commentOf(2500);
      const deeper = await commentOf(2501);
      assert.equal(reply.parent_id, parent.id);
      assert.equal(deeper.parent_id, reply.id);
      assert.equal(reply.article_id, (await story(250)).id);

      const [published, scheduled, draft] = [await story(1), await story(4), await story(5)];
      assert.deepEqual([published.status, published.published_at, published.first_published_at], ['published', '2020-05-01T10:00:00.000Z', '2020-05-01T10:00:00.000Z']);
      assert.deepEqual([scheduled.status, scheduled.published_at, scheduled.first_published_at], ['scheduled', '2099-01-01T08:00:00.000Z', null]);
      assert.deepEqual([draft.status, draft.published_at], ['draft', null]);
      const held = await app.db.kysely.selectFrom('import_sources').select('source_id').where('held_status', 'is not', null).execute();
      assert.deepEqual(held, [], 'the flip released every hold');
      const visible = (await app.queries.listPublic({}, 1000, 0)).items.map((s) => s.id);
      assert.ok(visible.includes(published.id) && !visible.includes(scheduled.id) && !visible.includes(draft.id));
    });
  });
}
