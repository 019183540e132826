import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { PRIVATE_TOKEN, SQLITE_FTS_TRIGGER_NAMES } from './0008-search-speed.ts';

/**
 * Common-grams for phrases of common words (SQLite; docs/search.md).
 *
 * A quoted phrase of two common words ("prime minister") made FTS5 walk both
 * words' doclists to the end. Each story now also carries one private token
 * per adjacent pair of common words in its text (`grams`), and a phrase
 * query ANDs the pair's token with the real phrase: FTS5 skips through the
 * pair's short doclist, and the phrase match keeps the result exact.
 *
 * 1. `search_documents.grams`: the story's pair tokens (an FTS5 column, all
 *    tokens private), and `grams_list`: the newest list version (below) the
 *    tokens were computed with, 0 for none. Both exist on PostgreSQL too,
 *    unused there (one schema; its GIN index has no positions to skip by).
 * 2. `search_gram_lists`: the versions of the list of common words. At most
 *    one is `active` (queries use it) and one `building` (new and rewritten
 *    stories already carry its pairs; a backfill is giving them to the rest);
 *    older ones are `retired`. A version is immutable once written.
 * 3. SQLite: `search_fts` gains the `grams` column, so it is recreated and
 *    rebuilt (about five minutes at a million stories, once). Every story
 *    starts with no grams and no list exists: phrases work as before until
 *    `dateline search-grams build` makes one.
 */

/** The tokenizer of `search_fts`, and of the scratch tables that read FTS5's own tokens back (search.grams.repo.sqlite.ts). */
export const SQLITE_TOKENIZE = `unicode61 remove_diacritics 2 tokenchars '${PRIVATE_TOKEN}'`;

const FTS_COLUMNS = 'headline, dek, body, people, tags, names, facets, grams';
const NEW = 'new.headline, new.dek, new.body, new.people, new.tags, new.names, new.facets, new.grams';
const OLD = 'old.headline, old.dek, old.body, old.people, old.tags, old.names, old.facets, old.grams';

export const SQLITE_FTS_TABLE = `create virtual table search_fts using fts5(${FTS_COLUMNS},
  content='search_documents', content_rowid='order_key',
  tokenize = '${SQLITE_TOKENIZE.replaceAll("'", "''")}')`;

/** Keep `search_fts` in step with `search_documents`; exported so the bench can drop them for a bulk load. */
export const SQLITE_FTS_TRIGGERS = [
  `create trigger search_documents_ai after insert on search_documents begin
     insert into search_fts(rowid, ${FTS_COLUMNS}) values (new.order_key, ${NEW});
   end`,
  `create trigger search_documents_ad after delete on search_documents begin
     insert into search_fts(search_fts, rowid, ${FTS_COLUMNS}) values ('delete', old.order_key, ${OLD});
   end`,
  `create trigger search_documents_au after update on search_documents begin
     insert into search_fts(search_fts, rowid, ${FTS_COLUMNS}) values ('delete', old.order_key, ${OLD});
     insert into search_fts(rowid, ${FTS_COLUMNS}) values (new.order_key, ${NEW});
   end`,
];
export { SQLITE_FTS_TRIGGER_NAMES };

export function searchCommonGramsMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'sqlite') {
        // --- dialect: sqlite --- the old index goes first, so the writes below do not feed it.
        for (const t of SQLITE_FTS_TRIGGER_NAMES) await sql.raw(`drop trigger if exists ${t}`).execute(db);
        await sql`drop table if exists search_fts`.execute(db);
      }
      await db.schema.alterTable('search_documents').addColumn('grams', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('search_documents').addColumn('grams_list', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema
        .createTable('search_gram_lists')
        .addColumn('version', 'integer', (c) => c.primaryKey())
        // Caches of a list's words are keyed by it: versions repeat across databases, this does not.
        .addColumn('list_id', 'text', (c) => c.notNull().unique())
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('building', 'active', 'retired')`))
        /** The common words, as FTS5 tokens, one a line. */
        .addColumn('words', 'text', (c) => c.notNull())
        .addColumn('word_count', 'integer', (c) => c.notNull())
        .addColumn('sample_stories', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('activated_at', 'text')
        .execute();
      if (dialect !== 'sqlite') return;
      await sql.raw(SQLITE_FTS_TABLE).execute(db);
      for (const t of SQLITE_FTS_TRIGGERS) await sql.raw(t).execute(db);
      await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
      await sql`insert into search_fts(search_fts) values ('optimize')`.execute(db);
    },
    async down() {
      throw new Error('0010 cannot be reverted');
    },
  };
}
