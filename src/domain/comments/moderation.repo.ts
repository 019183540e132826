import type { Q } from '../../storage/index.ts';
import type { CommentRow } from '../../storage/schema.ts';
import type { Queue } from './comments.types.ts';

/** Moderation-side SQL: queues, status changes, flags, bans, the notification outbox. */

function queueQuery(db: Q, queue: Queue, articleId?: number) {
  let q = db.selectFrom('comments');
  if (queue === 'flagged') q = q.where('flag_count', '>', 0).where('status', 'in', ['pending', 'approved']);
  else q = q.where('status', '=', queue);
  if (articleId !== undefined) q = q.where('article_id', '=', articleId);
  return q;
}

export async function listQueue(db: Q, queue: Queue, limit: number, offset: number, articleId?: number): Promise<CommentRow[]> {
  const q = queueQuery(db, queue, articleId).selectAll();
  const ordered = queue === 'flagged' ? q.orderBy('flag_count', 'desc').orderBy('id', 'asc') : queue === 'pending' ? q.orderBy('id', 'asc') : q.orderBy('id', 'desc');
  return ordered.limit(limit).offset(offset).execute();
}

export async function countQueue(db: Q, queue: Queue, articleId?: number): Promise<number> {
  const r = await queueQuery(db, queue, articleId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Stories with comments waiting, most waiting first, with when the oldest of them came in. */
export async function pendingByStory(db: Q, limit: number): Promise<Array<{ article_id: number; n: number; oldest: string }>> {
  const rows = await db
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
    .where('status', '=', 'pending')
    .groupBy('article_id')
    .orderBy('n', 'desc')
    .orderBy('article_id', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ article_id: r.article_id, n: Number(r.n), oldest: String(r.oldest) }));
}

export async function findCommentRows(db: Q, ids: number[]): Promise<CommentRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('comments').selectAll().where('id', 'in', ids).execute();
}

export async function setStatus(db: Q, id: number, status: string, actor: string, at: string): Promise<void> {
  await db.updateTable('comments').set({ status, moderated_by: actor, moderated_at: at, updated_at: at }).where('id', '=', id).execute();
}

export async function setBody(db: Q, id: number, body: string, bodyHash: string, at: string): Promise<void> {
  await db.updateTable('comments').set({ body, body_hash: bodyHash, updated_at: at }).where('id', '=', id).execute();
}

export async function deleteCommentRow(db: Q, id: number): Promise<number> {
  const rows = await db.deleteFrom('comments').where('id', '=', id).returning('id').execute();
  return rows.length;
}

/** Approved/rejected/spam counts per email hash, for "commenter history" on the desk. */
export async function historyByEmail(db: Q, hashes: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (!hashes.length) return out;
  const rows = await db
    .selectFrom('comments')
    .select(['email_hash', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('email_hash', 'in', hashes)
    .groupBy(['email_hash', 'status'])
    .execute();
  for (const r of rows) {
    const h = out.get(r.email_hash) ?? {};
    h[r.status] = Number(r.n);
    out.set(r.email_hash, h);
  }
  return out;
}

/** One flag per reporter per comment; returns the new flag count, or null if this reporter already flagged it. */
export async function addFlag(db: Q, commentId: number, reporterHash: string, reason: string, at: string): Promise<number | null> {
  const ins = await db
    .insertInto('comment_flags')
    .values({ comment_id: commentId, reporter_hash: reporterHash, reason, created_at: at })
    .onConflict((oc) => oc.columns(['comment_id', 'reporter_hash']).doNothing())
    .returning('id')
    .execute();
  if (!ins.length) return null;
  const r = await db
    .updateTable('comments')
    .set((eb) => ({ flag_count: eb('flag_count', '+', 1) }))
    .where('id', '=', commentId)
    .returning('flag_count')
    .executeTakeFirstOrThrow();
  return r.flag_count;
}

export async function returnToQueue(db: Q, id: number, heldReasons: string, at: string): Promise<void> {
  await db.updateTable('comments').set({ status: 'pending', held_reasons: heldReasons, updated_at: at }).where('id', '=', id).where('status', '=', 'approved').execute();
}

export async function flagReasons(db: Q, commentId: number): Promise<Array<{ reason: string; created_at: string }>> {
  return db.selectFrom('comment_flags').select(['reason', 'created_at']).where('comment_id', '=', commentId).orderBy('id', 'asc').limit(50).execute();
}

export async function insertBan(db: Q, ban: { kind: string; value_hash: string; reason: string; created_by: string; created_at: string }): Promise<void> {
  await db.insertInto('comment_bans').values(ban).onConflict((oc) => oc.columns(['kind', 'value_hash']).doNothing()).execute();
}

export async function isOptedOut(db: Q, emailHash: string): Promise<boolean> {
  return (await db.selectFrom('comment_mail_optouts').select('email_hash').where('email_hash', '=', emailHash).executeTakeFirst()) !== undefined;
}

export async function insertOptout(db: Q, emailHash: string, at: string): Promise<void> {
  await db.insertInto('comment_mail_optouts').values({ email_hash: emailHash, created_at: at }).onConflict((oc) => oc.column('email_hash').doNothing()).execute();
}
