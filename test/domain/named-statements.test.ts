import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { createPostgresDb, migrateToLatest, prepared, type Db } from '../../src/storage/index.ts';
import { DIALECTS, PG_URL, testRunId } from '../helpers/dialects.ts';

/**
 * prepared() queries go to PostgreSQL as named statements (storage/postgres.ts):
 * parsed and planned once per connection. Checked on the server's own list
 * of a connection's statements, and the one way a named statement breaks
 * (its table changed under it) costs one query, not every later one.
 * SQLite has no such statements: better-sqlite3 keeps its own per handle.
 */
if (DIALECTS.includes('postgres')) {
  describe('postgres: prepared() queries are named statements', () => {
    let db: Db;
    before(async () => {
      const schema = `t_${testRunId()}_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      // One connection, so the statements listed are the ones this test's queries made.
      db = createPostgresDb(PG_URL, { schema, max: 1 });
      await migrateToLatest(db);
    });
    after(async () => db.close());

    const statements = async () =>
      (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(db.kysely)).rows;

    test('named once per connection, then only bound and run', async () => {
      const byStatus = prepared(1, (d, status: string) => d.selectFrom('sections').select(['id', 'slug']).where('name', '=', status));
      const before = (await statements()).length;
      for (const v of ['a', 'b', 'c']) assert.deepEqual(await byStatus(db.kysely, v), []);
      const after = await statements();
      assert.equal(after.length, before + 1, 'one statement for three runs');
      const mine = after.find((s) => s.statement.includes('"sections"'));
      assert.match(mine?.name ?? '', /^dl_[0-9a-f]{20}$/);
      // A query built each time stays unnamed.
      await db.kysely.selectFrom('tags').select('id').execute();
      assert.equal((await statements()).length, before + 1);
    });

    test('a named select * whose table gained a column fails once, then runs unnamed', async () => {
      await db.kysely.insertInto('tags').values({ slug: 'x', name: 'X', description: '', created_at: '2026-01-01T00:00:00.000Z' }).execute();
      const allTags = prepared(1, (d, slug: string) => d.selectFrom('tags').selectAll().where('slug', '=', slug));
      assert.equal((await allTags(db.kysely, 'x')).length, 1);
      await sql`alter table tags add column extra_for_test text default 'e'`.execute(db.kysely);
      await assert.rejects(allTags(db.kysely, 'x'), /cached plan must not change result type/);
      const rows = await allTags(db.kysely, 'x');
      assert.equal((rows[0] as Record<string, unknown>).extra_for_test, 'e');
      assert.equal((await allTags(db.kysely, 'x')).length, 1);
    });
  });
}
