import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';
import { publishedStory } from './comments-helpers.ts';

/**
 * The story page takes its comment rules from the story it has just read
 * (`targetFor`) instead of reading the row again (`target`): both must
 * give the same answer for every comment mode, site default and
 * close-after-days setting, before and after a story's comments close.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: the comment target from a story already read`, () => {
    let app: TestApp;
    const ids: number[] = [];
    before(async () => {
      app = await createTestApp(dialect);
      for (const mode of ['default', 'open', 'premoderated', 'closed']) ids.push(await publishedStory(app, `A ${mode} story`, mode));
    });
    after(async () => app.cleanup());

    const same = async (why: string) => {
      for (const id of ids) {
        const found = await app.queries.findPublic(id);
        assert.equal(found.state, 'visible');
        if (found.state !== 'visible') return;
        assert.deepEqual(await app.comments.targetFor(found.article), await app.comments.target(id), `${why}: story ${id} (${found.article.commentMode})`);
      }
    };

    test('every mode, under each site default, with and without the close-after-days rule', async () => {
      for (const commentDefault of ['open', 'premoderated', 'closed'] as const) {
        await app.settings.update({ commentDefault }, 'test');
        await same(`site default ${commentDefault}`);
      }
      await app.settings.update({ commentDefault: 'open' }, 'test');
      await app.comments.settings.updateRules({ closeAfterDays: 1 });
      await same('close after a day, still open');
      app.clock.advance(2 * 86_400_000);
      app.comments.articleChanged(ids[0]);
      const closed = await app.comments.target(ids[0]);
      assert.match(closed.closed ?? '', /close 1 days after/);
      await same('close after a day, two days on');
      await app.comments.settings.updateRules({ closeAfterDays: 0 });
    });
  });
}
