import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { migrateTo, migrateToLatest, pendingMigrations } from '../../src/storage/index.ts';
import { searchPostgresMigration } from '../../src/storage/migrations/0019-search-postgres.ts';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/dialects.ts';

/**
 * Branches developed side by side: a database that ran 0019 (search) before
 * 0015–0017 were merged (second factors, front page, pages) must start, not
 * refuse with "corrupted migrations", and end with every migration run.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: migrations merged out of order`, () => {
    let t: TestDb;
    before(async () => {
      t = await createTestDb(dialect, { migrate: false });
    });
    after(async () => t.cleanup());

    test('a later migration already run does not stop the earlier ones that arrived after it', async () => {
      // Every migration after 0014 but 0019: the ones that arrived "late", whatever has been added since.
      const late = (await pendingMigrations(t.db)).filter((name) => name > '0014-import' && name !== '0019-search-postgres');
      assert.deepEqual(late.slice(0, 3), ['0015-staff-factors', '0016-front-page', '0017-pages-redirects']);
      await migrateTo(t.db, '0014-import');
      await searchPostgresMigration(t.db.dialect).up(t.db.kysely);
      await (t.db.kysely as any).insertInto('kysely_migration').values({ name: '0019-search-postgres', timestamp: new Date().toISOString() }).execute();
      assert.deepEqual(await pendingMigrations(t.db), late);
      const ran = await migrateToLatest(t.db);
      assert.deepEqual(ran, late);
      assert.deepEqual(await pendingMigrations(t.db), []);
      // Their tables are there.
      for (const table of ['passkeys', 'front_page_picks', 'pages', 'redirect_rules'] as const) await (t.db.kysely as any).selectFrom(table).selectAll().limit(1).execute();
    });
  });
}
