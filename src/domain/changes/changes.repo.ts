import { sql } from 'kysely';
import type { Q } from '../../storage/index.ts';
import type { Change, ChangeInput, ChangeKind } from './changes.types.ts';

/**
 * Appended inside the caller's transaction, like the audit line: a change
 * row exists exactly when the change does. Tags are sorted and unique so the
 * row reads the same whatever order the write collected them in.
 */
export async function recordChange(trx: Q, at: string, c: ChangeInput): Promise<void> {
  await recordChanges(trx, [{ at, change: c }]);
}

/** Several changes in one statement (a batch of comments). */
export async function recordChanges(trx: Q, items: ReadonlyArray<{ at: string; change: ChangeInput }>): Promise<void> {
  if (!items.length) return;
  await trx
    .insertInto('changes')
    .values(items.map(({ at, change: c }) => ({ kind: c.kind, entity_id: String(c.id), action: c.action, tags: [...new Set(c.tags)].sort().join(' '), created_at: at })))
    .execute();
}

/** The feed after `seq`, oldest first: the primary key walks it, so a catch-up costs one index range. */
export async function changesAfter(db: Q, seq: number, limit: number): Promise<Change[]> {
  const rows = await db.selectFrom('changes').selectAll().where('id', '>', seq).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ seq: r.id, kind: r.kind as ChangeKind, id: r.entity_id, action: r.action, tags: r.tags ? r.tags.split(' ') : [], at: r.created_at }));
}

/** The newest id, or 0: where a starting instance begins (its caches are empty, so nothing older concerns it). */
export async function lastChangeSeq(db: Q): Promise<number> {
  const r = await db.selectFrom('changes').select(sql<number>`max(id)`.as('m')).executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** The oldest id still kept, or null when the feed is empty. */
export async function firstChangeSeq(db: Q): Promise<number | null> {
  const r = await db.selectFrom('changes').select(sql<number>`min(id)`.as('m')).executeTakeFirst();
  return r?.m == null ? null : Number(r.m);
}

/** Rows older than `before` go; the newest row always stays, so ids are never reused on SQLite. */
export async function pruneChanges(db: Q, before: string): Promise<number> {
  const last = await lastChangeSeq(db);
  const r = await db.deleteFrom('changes').where('created_at', '<', before).where('id', '<', last).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}
