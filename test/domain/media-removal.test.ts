import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { imagesByIds } from '../../src/domain/articles/index.ts';
import { AppError } from '../../src/domain/shared/errors.ts';
import { DIALECTS, createTestApp, type TestApp } from '../helpers/dialects.ts';

const withImage = (imageId: number) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ships came in.' }] }, { type: 'image', attrs: { imageId } }] }) as never;

/** Settles to the error, or to 'deleted'; `state.settled` tells whether it has yet. */
function watch(p: Promise<unknown>) {
  const state = { settled: false };
  const done = p.then(() => 'deleted' as const, (e: unknown) => e).finally(() => (state.settled = true));
  return { state, done };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: deleting an image only when unused`, () => {
    let app: TestApp;
    let png: Buffer;
    before(async () => {
      app = await createTestApp(dialect);
      png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#335577' } }).png().toBuffer();
    });
    after(async () => app?.cleanup());

    test('an image block in a draft counts as a use; a refused delete changes nothing', async () => {
      const image = await app.media.importImage(png, { alt: 'Harbour' });
      const draft = await app.articles.create({ headline: 'Draft', body: withImage(image.id) }, 'test');
      assert.deepEqual(await app.media.usesOf(image.id), [{ kind: 'inline', id: draft.id, label: 'Draft' }]);
      await assert.rejects(app.media.removeUnused(image.id, 'test'), (e: AppError) => e.code === 'CONFLICT' && /inline in the body of story/.test(e.message));
      assert.equal((await app.media.get(image.id)).alt, 'Harbour');
      assert.equal((await app.auditLog.list(50, 0)).filter((e) => e.action === 'image.delete').length, 0);
    });

    test('a delete waits for a story save that has started using the image, then refuses', { skip: dialect !== 'postgres' && 'SQLite runs one write transaction at a time' }, async () => {
      const image = await app.media.importImage(png, { alt: 'Pier' });
      const story = await app.articles.create({ headline: 'Pier story' }, 'test');
      let removal: ReturnType<typeof watch> | undefined;
      await app.db.kysely.transaction().execute(async (trx) => {
        // What a story save does when it resolves the images of its body (articles.resolve.ts).
        await imagesByIds(trx, [image.id], { lockShared: true });
        removal = watch(app.media.removeUnused(image.id, 'test'));
        await sleep(300);
        assert.equal(removal.state.settled, false, 'the delete waits for the save to commit');
        await trx.updateTable('articles').set({ body: JSON.stringify(withImage(image.id)) }).where('id', '=', story.id).execute();
      });
      const result = await removal!.done;
      assert.ok(result instanceof AppError && result.code === 'CONFLICT', String(result));
      assert.equal((await app.media.get(image.id)).id, image.id);
    });

    test('a story save waits for a delete that has locked the image, then finds it gone', { skip: dialect !== 'postgres' && 'SQLite runs one write transaction at a time' }, async () => {
      const image = await app.media.importImage(png, { alt: 'Quay' });
      const story = await app.articles.create({ headline: 'Quay story' }, 'test');
      let save: ReturnType<typeof watch> | undefined;
      await app.db.kysely.transaction().execute(async (trx) => {
        // What removeUnused does before it looks for uses.
        await trx.selectFrom('images').select('id').where('id', '=', image.id).forUpdate().execute();
        save = watch(app.articles.update(story.id, { body: withImage(image.id) }, 'test'));
        await sleep(300);
        assert.equal(save.state.settled, false, 'the save waits for the delete to commit');
        await trx.deleteFrom('images').where('id', '=', image.id).execute();
      });
      const result = await save!.done;
      assert.ok(result instanceof AppError && result.code === 'VALIDATION_FAILED' && /no image with id/.test(result.message), String(result));
      assert.deepEqual((await app.articles.get(story.id)).body.content, [], 'the story was not saved with a missing image');
    });
  });
}
