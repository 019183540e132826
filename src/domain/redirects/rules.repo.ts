import { sql } from 'kysely';
import type { Q } from '../../storage/index.ts';
import type { RedirectRuleRow } from '../../storage/schema.ts';
import type { RuleInput } from './rules.ts';

export async function listRuleRows(db: Q): Promise<RedirectRuleRow[]> {
  return db.selectFrom('redirect_rules').selectAll().orderBy('source').orderBy('match').execute();
}

export async function findRuleRow(db: Q, id: number): Promise<RedirectRuleRow | undefined> {
  return db.selectFrom('redirect_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The rules that may answer a path: its exact rule and every prefix rule on a segment boundary of it (one indexed read). */
export async function candidateRuleRows(db: Q, exact: string, prefixes: string[]): Promise<RedirectRuleRow[]> {
  return db
    .selectFrom('redirect_rules')
    .selectAll()
    .where((eb) => eb.or([eb.and([eb('match', '=', 'exact'), eb('source', '=', exact)]), eb.and([eb('match', '=', 'prefix'), eb('source', 'in', prefixes)])]))
    .execute();
}

/**
 * Writers of rules take turns on PostgreSQL, whose transactions interleave:
 * two editors adding the two halves of a loop at once would each see a set
 * without it. SQLite's write transaction already holds the whole database.
 */
export async function lockRules(db: Q, rowLocks: boolean): Promise<void> {
  if (rowLocks) await sql`lock table redirect_rules in share row exclusive mode`.execute(db);
}

export async function insertRuleRow(db: Q, r: RuleInput, at: string): Promise<number> {
  const row = await db
    .insertInto('redirect_rules')
    .values({ match: r.match, source: r.source, target: r.target, status_code: r.status, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRuleRow(db: Q, id: number, r: RuleInput, at: string): Promise<void> {
  await db.updateTable('redirect_rules').set({ match: r.match, source: r.source, target: r.target, status_code: r.status, updated_at: at }).where('id', '=', id).execute();
}

/** Insert or replace by (match, source): what a CSV import does row by row. */
export async function upsertRuleRow(db: Q, r: RuleInput, at: string): Promise<void> {
  await db
    .insertInto('redirect_rules')
    .values({ match: r.match, source: r.source, target: r.target, status_code: r.status, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['match', 'source']).doUpdateSet({ target: r.target, status_code: r.status, updated_at: at }))
    .execute();
}

export async function deleteRuleRow(db: Q, id: number): Promise<number> {
  const r = await db.deleteFrom('redirect_rules').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The exact rule for a source, gone: the address now belongs to a page again. */
export async function deleteExactRule(db: Q, source: string): Promise<void> {
  await db.deleteFrom('redirect_rules').where('match', '=', 'exact').where('source', '=', source).execute();
}

/** Exact rules that sent readers to `from` send them to `to` instead: one hop, not a chain. */
export async function retargetExactRules(db: Q, from: string, to: string, at: string): Promise<void> {
  await db.updateTable('redirect_rules').set({ target: to, updated_at: at }).where('match', '=', 'exact').where('target', '=', from).execute();
}
