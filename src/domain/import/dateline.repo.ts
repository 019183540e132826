import { sql } from 'kysely';
import type { Db, Q } from '../../storage/index.ts';

// Table and column names come from RECORDS (export/export.format.ts), never
// from the file; Kysely cannot type a table chosen at run time, hence `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
type Row = Record<string, string | number | null>;

/**
 * A row written with the id it had on the exporting site (ids are in public
 * addresses: /news/12/…), or updated in place when a re-run finds it.
 */
export async function upsertById(db: Q, table: string, row: Row, onInsertOnly: Row = {}): Promise<void> {
  const { id: _id, ...rest } = row;
  await (db as Loose).insertInto(table).values({ ...onInsertOnly, ...row }).onConflict((oc: Loose) => oc.column('id').doUpdateSet(rest)).execute();
}

/** Many rows of one table in one statement, each inserted or updated by its id. */
export async function upsertManyById(db: Q, table: string, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const columns = Object.keys(rows[0]).filter((c) => c !== 'id');
  await (db as Loose)
    .insertInto(table)
    .values(rows)
    .onConflict((oc: Loose) => oc.column('id').doUpdateSet((eb: Loose) => Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]))))
    .execute();
}

/** import_sources rows for many ids of one kind (the exported id is the new id). */
export async function rememberManyImported(db: Q, source: string, kind: string, ids: number[], at: string): Promise<void> {
  if (!ids.length) return;
  await db
    .insertInto('import_sources')
    .values(ids.map((id) => ({ source, kind, source_id: String(id), entity_id: id, held_status: null, held_published_at: null, imported_at: at })))
    .onConflict((oc) => oc.columns(['source', 'kind', 'source_id']).doUpdateSet((eb) => ({ entity_id: eb.ref('excluded.entity_id'), imported_at: eb.ref('excluded.imported_at') })))
    .execute();
}

/** Settings and house spellings, keyed by their text key. */
export async function upsertByKey(db: Q, table: string, row: Row): Promise<void> {
  const { key: _key, ...rest } = row;
  await (db as Loose).insertInto(table).values(row).onConflict((oc: Loose) => oc.column('key').doUpdateSet(rest)).execute();
}

export async function replaceTagAliases(db: Q, tagId: number, slugs: string[]): Promise<void> {
  await db.deleteFrom('tag_aliases').where('tag_id', '=', tagId).execute();
  if (slugs.length) await db.insertInto('tag_aliases').values(slugs.map((slug) => ({ slug, tag_id: tagId }))).execute();
}

export async function articleStatusOf(db: Q, id: number): Promise<string | undefined> {
  return (await db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirst())?.status;
}

/** The story's status and publish time as the flip of an export import leaves them: first_published_at is the row's own. */
export async function applyExactStatus(db: Q, id: number, status: string, publishedAt: string | null): Promise<void> {
  await db.updateTable('articles').set({ status, published_at: publishedAt }).where('id', '=', id).execute();
}

/**
 * What already lives in the target, outside an earlier import of a Dateline
 * export: an import keeps the exporting site's ids, so it goes into a fresh
 * install (or over its own earlier run), never over another site's content.
 */
export async function foreignContent(db: Q, withUsers: boolean): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const tables = ['articles', 'sections', 'tags', 'people', 'images', 'pages', 'comments', 'redirect_rules', ...(withUsers ? ['users'] : [])] as const;
  for (const table of tables) {
    const kind = table === 'people' ? 'person' : table === 'redirect_rules' ? 'redirect-rule' : table.replace(/s$/, '');
    const r = await (db as Loose)
      .selectFrom(table)
      .select((eb: Loose) => eb.fn.countAll().as('n'))
      .where('id', 'not in', (eb: Loose) => eb.selectFrom('import_sources').select('entity_id').where('source', '=', 'dateline').where('kind', '=', kind))
      .executeTakeFirst();
    if (Number(r?.n ?? 0) > 0) out[table] = Number(r.n);
  }
  return out;
}

/**
 * PostgreSQL: rows written with explicit ids leave each table's sequence
 * behind, so the next story made on the new site would collide. Each
 * sequence moves to the table's highest id. (SQLite's AUTOINCREMENT
 * already remembers the highest id inserted.)
 */
export async function catchUpSequences(db: Db, tables: string[]): Promise<void> {
  if (db.dialect !== 'postgres') return;
  for (const t of tables) {
    await sql`select setval(pg_get_serial_sequence(${t}, 'id'), coalesce((select max(id) from ${sql.table(t)}), 1), (select max(id) from ${sql.table(t)}) is not null)`.execute(db.kysely);
  }
}
