import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** `%`, `_` and `\` in user text are literal, which also keeps a search from becoming a slow scan pattern. */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `column` contains `text` (case-insensitively: `ilike` on PostgreSQL,
 * SQLite's `like` for ASCII letters), every character of it literal.
 * The `escape` clause is what makes the backslashes escapes on SQLite,
 * which has no default escape character (PostgreSQL's is the backslash).
 */
export function containsText(op: 'like' | 'ilike', column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} ${sql.raw(op)} ${`%${escapeLike(text)}%`} escape '\\'`;
}
