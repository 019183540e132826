import type { Q } from '../../storage/index.ts';
import type { MailOutboxTable } from '../../storage/schema.ts';

export type OutboxRow = {
  id: number;
  kind: string;
  to_email: string;
  subject: string;
  body: string;
  attempts: number;
  expires_at: string | null;
};

export async function insertOutboxRow(db: Q, row: Pick<MailOutboxTable, 'kind' | 'to_email' | 'subject' | 'body' | 'next_attempt_at' | 'expires_at' | 'created_at'>): Promise<number> {
  const r = await db.insertInto('mail_outbox').values({ ...row, status: 'pending' }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Claims up to `limit` due rows with compare-and-set, so two instances never
 * send one message twice. A row claimed longer than `staleBefore` ago was
 * left by a process that died mid-send, and is claimed again.
 */
export async function claimDueOutbox(db: Q, now: string, staleBefore: string, limit: number): Promise<OutboxRow[]> {
  const due = await db
    .selectFrom('mail_outbox')
    .select(['id', 'kind', 'to_email', 'subject', 'body', 'attempts', 'expires_at', 'status', 'claimed_at'])
    .where((eb) => eb.or([eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', staleBefore)])]))
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimed: OutboxRow[] = [];
  for (const r of due) {
    const won = await db
      .updateTable('mail_outbox')
      .set({ status: 'sending', claimed_at: now })
      .where('id', '=', r.id)
      .where('status', '=', r.status)
      .where((eb) => (r.claimed_at === null ? eb('claimed_at', 'is', null) : eb('claimed_at', '=', r.claimed_at)))
      .executeTakeFirst();
    if (Number(won.numUpdatedRows) === 1) claimed.push(r);
  }
  return claimed;
}

/** Sent, expired or given up: the body (which may hold a sign-in link) is emptied either way. */
export async function finishOutboxRow(db: Q, id: number, status: 'sent' | 'expired' | 'failed', at: string, error = ''): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({ status, body: '', claimed_at: null, sent_at: status === 'sent' ? at : null, last_error: error, attempts: status === 'expired' ? eb.ref('attempts') : eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function retryOutboxRow(db: Q, id: number, nextAt: string, error: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({ status: 'pending', claimed_at: null, next_attempt_at: nextAt, last_error: error, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function countOutbox(db: Q): Promise<Record<string, number>> {
  const rows = await db.selectFrom('mail_outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
