import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/** PostgreSQL text search configuration: `simple` (no stemming, no stop words) plus unaccent when installed. */
export const PG_SEARCH_CONFIG = 'dateline_search';

/**
 * SQLite: FTS5 over `search_documents` as an external-content table, kept in
 * step by these triggers, so the text is stored once and a cascade delete of
 * an article also empties its index entry. Exported so the bench can drop
 * them for a bulk load and measure a `rebuild` on its own.
 */
export const SQLITE_FTS_TRIGGERS = [
  `create trigger search_documents_ai after insert on search_documents begin
     insert into search_fts(rowid, headline, dek, body, people, tags, names)
     values (new.order_key, new.headline, new.dek, new.body, new.people, new.tags, new.names);
   end`,
  `create trigger search_documents_ad after delete on search_documents begin
     insert into search_fts(search_fts, rowid, headline, dek, body, people, tags, names)
     values ('delete', old.order_key, old.headline, old.dek, old.body, old.people, old.tags, old.names);
   end`,
  `create trigger search_documents_au after update on search_documents begin
     insert into search_fts(search_fts, rowid, headline, dek, body, people, tags, names)
     values ('delete', old.order_key, old.headline, old.dek, old.body, old.people, old.tags, old.names);
     insert into search_fts(rowid, headline, dek, body, people, tags, names)
     values (new.order_key, new.headline, new.dek, new.body, new.people, new.tags, new.names);
   end`,
];

export const SQLITE_FTS_TRIGGER_NAMES = ['search_documents_ai', 'search_documents_ad', 'search_documents_au'];

/**
 * Search index (docs/search.md) and the house-spelling dictionary. Only published
 * and scheduled stories are indexed; visibility (status, published_at <= now)
 * is still checked at query time. The narrow filter columns come first in
 * `search_documents` so filtering never reads the long text columns.
 */
export function searchMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('search_documents')
        .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
        // Publication order, unique: the FTS5 rowid, so newest-first, date ranges and "now" are rowid ranges.
        .addColumn('order_key', 'bigint', (c) => c.notNull().unique())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('published_at', 'text', (c) => c.notNull())
        .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('dek', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('people', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('names', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('search_documents_published').on('search_documents').columns(['published_at']).execute();

      await db.schema
        .createTable('house_spellings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('spelling', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();

      if (dialect === 'sqlite') {
        // --- dialect: sqlite ---
        await sql
          .raw(
            `create virtual table search_fts using fts5(headline, dek, body, people, tags, names,
               content='search_documents', content_rowid='order_key',
               tokenize = 'unicode61 remove_diacritics 2')`,
          )
          .execute(db);
        // Column weights for bm25, stored with the table so every query ranks alike.
        await sql.raw(`insert into search_fts(search_fts, rank) values ('rank', 'bm25(10.0, 4.0, 1.0, 5.0, 5.0, 2.0)')`).execute(db);
        for (const t of SQLITE_FTS_TRIGGERS) await sql.raw(t).execute(db);
        // Joining a hit to its filters reads this index only, never the wide row.
        await sql.raw('create index search_documents_filter on search_documents (order_key, status, published_at, section_id)').execute(db);
      } else {
        // --- dialect: postgres ---
        await installUnaccent(db);
        const unaccent = await sql<{ ns: string }>`select extnamespace::regnamespace::text as ns from pg_extension where extname = 'unaccent'`.execute(db);
        const ns = unaccent.rows[0]?.ns;
        await sql.raw(`create text search configuration ${PG_SEARCH_CONFIG} (copy = pg_catalog.simple)`).execute(db);
        if (ns) {
          await sql.raw(`alter text search configuration ${PG_SEARCH_CONFIG} alter mapping for hword, hword_part, word with ${ns}.unaccent, simple`).execute(db);
        }
        await sql`alter table search_documents add column document tsvector not null`.execute(db);
        await sql`create index search_documents_document on search_documents using gin (document)`.execute(db);
      }
    },
    async down() {
      throw new Error('0002 cannot be reverted');
    },
  };
}

/**
 * unaccent is one per database, not per schema, so it goes to `public` and is
 * referenced by its schema. Two instances migrating at once may race on the
 * install; a savepoint keeps the loser's transaction usable. Without the
 * extension, search still folds diacritics (in JS, before indexing and
 * querying); only ts_headline then misses accented words in snippets.
 */
async function installUnaccent(db: Kysely<any>): Promise<void> {
  const available = await sql`select 1 from pg_available_extensions where name = 'unaccent'`.execute(db);
  if (!available.rows.length) return;
  await sql`savepoint unaccent_install`.execute(db);
  try {
    await sql`create extension if not exists unaccent with schema public`.execute(db);
    await sql`release savepoint unaccent_install`.execute(db);
  } catch {
    await sql`rollback to savepoint unaccent_install`.execute(db);
  }
}
