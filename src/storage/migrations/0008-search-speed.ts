import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { SQLITE_FTS_TRIGGER_NAMES as OLD_TRIGGER_NAMES } from './0002-search.ts';

/**
 * Search at a million stories (the performance targets, docs/architecture.md); docs/search.md tells why.
 *
 * 1. Only published stories are indexed. Every status change goes through the
 *    indexer (ArticlesService, publishDue), so a scheduled story gets its row
 *    when it goes live, and no query has to test a status.
 * 2. `facets` holds one token per filter value: the story's section and each
 *    person in its byline, by id (a slug can be renamed, an id cannot, and a
 *    section or person with stories cannot be deleted). On SQLite it is an
 *    FTS5 column, so a filter is one more term FTS5 intersects with the words
 *    by skipping through doclists, instead of a join per candidate.
 * 3. SQLite: the tokens only the index writes (facets, and the name keys in
 *    `names`) start with U+001F, declared a token character. A reader's query
 *    can never contain it (control characters are stripped, and query words
 *    are letters and digits), so words need no column filter to stay out of
 *    those columns, and a filter costs FTS5 nothing per row.
 * 4. SQLite: a covering index of the short columns by order key, from which
 *    relevance reads a window of candidates without touching the body.
 *
 * 5. PostgreSQL: the tsvector's name keys become private lexemes (they were
 *    parsed words that only a weight kept apart from the text), and the
 *    facets are added, so no query needs a weight restriction or a join.
 *
 * SQLite's FTS5 table is recreated and rebuilt from `search_documents`:
 * about five minutes at a million stories, once. PostgreSQL rewrites every
 * row's tsvector in place.
 */

/** The first character of every token that only the index writes (SQLite). */
export const PRIVATE_TOKEN = '\u001f';

export const sectionFacet = (id: number): string => `${PRIVATE_TOKEN}section${id}`;
export const authorFacet = (id: number): string => `${PRIVATE_TOKEN}author${id}`;

/** The facet tokens of one story, space separated; the backfill below writes the same text in SQL. */
export function facetsText(sectionId: number | null, personIds: readonly number[]): string {
  return [...(sectionId === null ? [] : [sectionFacet(sectionId)]), ...personIds.map(authorFacet)].join(' ');
}

/** Name keys as SQLite indexes them (`kani ; jn lk` → each key word marked private); PostgreSQL stores them plain. */
export function privateNames(names: string): string {
  return names ? names.split(' ; ').map((k) => k.split(' ').map((w) => PRIVATE_TOKEN + w).join(' ')).join(' ; ') : '';
}

const FTS_COLUMNS = 'headline, dek, body, people, tags, names, facets';
const NEW = 'new.headline, new.dek, new.body, new.people, new.tags, new.names, new.facets';
const OLD = 'old.headline, old.dek, old.body, old.people, old.tags, old.names, old.facets';

export const SQLITE_FTS_TABLE = `create virtual table search_fts using fts5(${FTS_COLUMNS},
  content='search_documents', content_rowid='order_key',
  tokenize = 'unicode61 remove_diacritics 2 tokenchars ''${PRIVATE_TOKEN}''')`;

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
export const SQLITE_FTS_TRIGGER_NAMES = OLD_TRIGGER_NAMES;

/** `facets` for every row from its section and bylines, in byline order: the text facetsText gives. */
function backfillFacets(dialect: DialectName) {
  const p = dialect === 'sqlite' ? sql`char(31)` : sql`chr(31)`;
  const byline = dialect === 'sqlite'
    ? sql`(select group_concat(${p} || 'author' || b.person_id, ' ' order by b.position) from article_bylines b
          where b.article_id = search_documents.article_id)`
    : sql`(select string_agg(${p} || 'author' || b.person_id, ' ' order by b.position) from article_bylines b
          where b.article_id = search_documents.article_id)`;
  return sql`update search_documents set facets = trim(coalesce(${p} || 'section' || section_id, '') || ' ' || coalesce(${byline}, ''))`;
}

/** privateNames() in SQL: each key word gets the mark, the ` ; ` between keys stays as it is. */
const PRIVATE_NAMES_SQL = sql`case when names = '' then '' else char(31) ||
  replace(replace(replace(names, ' ; ', char(10)), ' ', ' ' || char(31)), char(10), ' ; ' || char(31)) end`;

/** namesVectorText() of search.repo.postgres.ts in SQL: each key word a private lexeme, numbered from 1. */
const PG_NAMES_VECTOR = sql`(select coalesce(string_agg('''' || chr(31) || replace(replace(w, '\\', '\\\\'), '''', '''''') || ''':' || n, ' ' order by n), '')
  from unnest(array_remove(array_remove(string_to_array(replace(names, ' ; ', ' '), ' '), ''), ';')) with ordinality as t(w, n))::tsvector`;
/** facetsVectorText() in SQL. */
const PG_FACETS_VECTOR = sql`(select coalesce(string_agg('''' || t || '''', ' '), '') from unnest(string_to_array(facets, ' ')) as t where t <> '')::tsvector`;

export function searchSpeedMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'sqlite') {
        // --- dialect: sqlite --- (the old index goes first, so the writes below do not feed it)
        for (const t of OLD_TRIGGER_NAMES) await sql.raw(`drop trigger if exists ${t}`).execute(db);
        await sql`drop table if exists search_fts`.execute(db);
        // It served the join from FTS hits to their filters; filters are now index terms.
        await sql`drop index if exists search_documents_filter`.execute(db);
      }
      await db.schema.alterTable('search_documents').addColumn('facets', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.deleteFrom('search_documents').where('status', '<>', 'published').execute();
      await backfillFacets(dialect).execute(db);
      if (dialect !== 'sqlite') {
        // --- dialect: postgres --- the name keys (weight C) become private lexemes, and the facets join them.
        // A gap lexeme between weights keeps a phrase from running from one column into the next (bylines and tags, both B, keep theirs only on reindex).
        const gap = sql.raw(`'\u001f:1'::tsvector`);
        await sql`update search_documents set document = ts_filter(document, '{a}') || ${gap} || ts_filter(document, '{b}') || ${gap}
          || setweight(${PG_NAMES_VECTOR}, 'C') || ${gap} || ts_filter(document, '{d}') || ${PG_FACETS_VECTOR}`.execute(db);
        return;
      }
      await sql`update search_documents set names = ${PRIVATE_NAMES_SQL}`.execute(db);
      await sql`create index search_documents_lead on search_documents (order_key, headline, dek, people, tags, names)`.execute(db);
      await sql.raw(SQLITE_FTS_TABLE).execute(db);
      for (const t of SQLITE_FTS_TRIGGERS) await sql.raw(t).execute(db);
      await sql`insert into search_fts(search_fts) values ('rebuild')`.execute(db);
      await sql`insert into search_fts(search_fts) values ('optimize')`.execute(db);
    },
    async down() {
      throw new Error('0008 cannot be reverted');
    },
  };
}
