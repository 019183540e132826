import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

/**
 * PostgreSQL search at a million stories (docs/search.md, "PostgreSQL").
 *
 * Common-grams on PostgreSQL: `dateline_search_pairs(v, hashes)` gives the
 * pair tokens of a tsvector, one per two adjacent positions whose lexemes
 * are both common (`hashes` maps each common word to its three-character
 * hash, search.grams.ts), each once, sorted. The pairs come from the
 * tsvector's own lexemes and positions, the ones a phrase query (`<->`)
 * checks, so a story holding a phrase always holds its pairs; the gap
 * lexeme between columns keeps a pair from spanning two of them. Stories
 * carry the tokens in `grams` and, as lexemes without positions, in
 * `document`, where the GIN index finds them. SQLite makes its pairs from
 * FTS5's own tokens instead (search.grams.repo.sqlite.ts).
 */
export const PG_PAIRS_FUNCTION = 'dateline_search_pairs';

export function searchPostgresMigration(dialect: DialectName) {
  return {
    async up(db: Kysely<any>) {
      if (dialect === 'sqlite') return;
      await sql.raw(`create function ${PG_PAIRS_FUNCTION}(v tsvector, hashes jsonb) returns text[]
        language sql immutable parallel safe as $$
          with w as (
            select hashes ->> u.lexeme as h, p from unnest(v) as u(lexeme, positions, weights), unnest(u.positions) as p
            where hashes ? u.lexeme
          )
          select coalesce(array_agg(distinct chr(31) || chr(31) || a.h || b.h), '{}') from w a join w b on b.p = a.p + 1
        $$`).execute(db);
    },
    async down(db: Kysely<any>) {
      if (dialect !== 'sqlite') await sql.raw(`drop function ${PG_PAIRS_FUNCTION}(tsvector, jsonb)`).execute(db);
    },
  };
}
