import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * PostgreSQL search at a million stories (docs/search.md, "PostgreSQL").
 * Nothing changes on SQLite.
 *
 * 1. A narrow table `search_index (order_key, document)` holds the tsvector,
 *    moved out of `search_documents`, with its GIN index. With
 *    `toast_tuple_target` at its minimum the tsvector lives in TOAST and a
 *    heap row is some 60 bytes: the heap of a million stories (about 60 MB)
 *    stays in shared buffers, so the heap visit that turns each GIN match
 *    into its order key costs a microsecond instead of a read of a page of
 *    the wide table (bodies and all). The repo writes both rows in one
 *    statement; deleting a story's `search_documents` row deletes this one.
 * 2. The GIN index has `fastupdate` off: a search never scans a pending list
 *    of recent writes (story writes are few; each pays its own index update).
 *    ANALYZE keeps the share of 10,000 lexemes, not 1,000 (statistics 1000):
 *    the search sizes what it reads from them (search.stats.repo.postgres.ts).
 * 3. Common-grams: `dateline_search_pairs(v, words)` gives the pair lexemes
 *    of a tsvector, one per two adjacent positions whose lexemes are both
 *    common words, each once, sorted: U+001F U+001F, the first word, U+001F,
 *    the second. They come from the tsvector's own lexemes and positions,
 *    the ones a phrase query (`<->`) checks, so a pair lexeme is present
 *    exactly when the phrase of its two words is (the gap lexeme between
 *    columns keeps pairs inside a column). Stories carry them in `grams`
 *    and, without positions, in `search_index.document`.
 */
export const PG_PAIRS_FUNCTION = 'dateline_search_pairs';

export function searchPostgresMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'sqlite') return;
      await sql.raw(`create function ${PG_PAIRS_FUNCTION}(v tsvector, words text[]) returns text[]
        language sql immutable parallel safe as $$
          with w as (
            select u.lexeme, p from unnest(v) as u(lexeme, positions, weights) join unnest(words) as c(word) on c.word = u.lexeme, unnest(u.positions) as p
          )
          select coalesce(array_agg(distinct chr(31) || chr(31) || a.lexeme || chr(31) || b.lexeme), '{}') from w a join w b on b.p = a.p + 1
        $$`).execute(db);
      await sql`create table search_index (
          article_id integer primary key references search_documents (article_id) on delete cascade,
          order_key bigint not null unique,
          document tsvector not null
        ) with (toast_tuple_target = 128)`.execute(db);
      await sql`insert into search_index (article_id, order_key, document) select article_id, order_key, document from search_documents order by order_key`.execute(db);
      await sql`alter table search_documents drop column document`.execute(db);
      await sql`create index search_index_document on search_index using gin (document) with (fastupdate = off)`.execute(db);
      // 10,000 lexemes' shares instead of 1,000: words down to 0.2% of stories, so the search can tell how deep to read.
      await sql`alter table search_index alter column document set statistics 1000`.execute(db);
      await sql`analyze search_index`.execute(db);
    },
    async down() {
      throw new Error('0019 cannot be reverted');
    },
  };
}
