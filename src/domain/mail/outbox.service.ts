import type { Db, Q } from '../../storage/index.ts';
import type { SecretBox } from '../secrets/index.ts';
import type { Clock } from '../shared/clock.ts';
import { assertHeaderSafe, type Mailer, type MailMessage } from './mailer.ts';
import { claimDueOutbox, countOutbox, finishOutboxRow, insertOutboxRow, retryOutboxRow } from './outbox.repo.ts';

export interface OutboxDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  box: SecretBox;
  /** Failures of the delivery that runs after a commit (nobody awaits it). */
  onError: (e: unknown) => void;
}

export interface QueuedMail extends MailMessage {
  /** What it is, for the log and the operator (`password-reset`, `invitation`). */
  kind: string;
  /** After this the message is pointless (its link has expired): it is dropped, not sent late. */
  expiresAt?: Date;
}

/** Attempts before a message is given up (about 2 hours of back-off in all). */
export const MAX_ATTEMPTS = 8;
/** A claim older than this was left by a process that died mid-send. */
const STALE_CLAIM_MS = 10 * 60_000;
const backoffMs = (attempts: number) => Math.min(60_000 * 2 ** attempts, 3_600_000);

/**
 * Staff mail through a durable outbox (docs/architecture.md, hostile input: durability): the message is
 * written in the caller's transaction, so it exists exactly when the reset
 * token it carries does; it is sent after commit, retried with back-off when
 * SMTP fails, never sent twice (rows are claimed with compare-and-set), and
 * its body, which may hold a sign-in link, is sealed at rest and emptied
 * once sent.
 */
export class MailOutbox {
  private running: Promise<number> | null = null;
  private again = false;

  constructor(private readonly deps: OutboxDeps) {}

  /** Inside the caller's transaction. Header-unsafe recipients or subjects are refused before anything is stored. */
  async enqueue(trx: Q, mail: QueuedMail): Promise<void> {
    assertHeaderSafe(mail);
    const now = this.deps.clock.now().toISOString();
    await insertOutboxRow(trx, {
      kind: mail.kind,
      to_email: mail.to,
      subject: mail.subject,
      body: this.deps.box.seal(mail.text),
      next_attempt_at: now,
      expires_at: mail.expiresAt?.toISOString() ?? null,
      created_at: now,
    });
  }

  /** After the commit: start a delivery round without waiting for it (SMTP latency must not show in the answer). */
  kick(): void {
    void this.deliver().catch(this.deps.onError);
  }

  /**
   * Sends what is due; returns how many went out. Rounds do not overlap in
   * one process: a call during a round waits for it and runs one more.
   */
  async deliver(limit = 50): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let sent = 0;
      do {
        this.again = false;
        sent += await this.round(limit);
      } while (this.again);
      return sent;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(limit: number): Promise<number> {
    const db = this.deps.db.kysely;
    const now = this.deps.clock.now();
    const due = await claimDueOutbox(db, now.toISOString(), new Date(now.getTime() - STALE_CLAIM_MS).toISOString(), limit);
    let sent = 0;
    for (const row of due) {
      const at = this.deps.clock.now();
      if (row.expires_at && Date.parse(row.expires_at) <= at.getTime()) {
        await finishOutboxRow(db, row.id, 'expired', at.toISOString());
        continue;
      }
      try {
        await this.deps.mailer.send({ to: row.to_email, subject: row.subject, text: this.deps.box.open(row.body) });
        await finishOutboxRow(db, row.id, 'sent', at.toISOString());
        sent++;
      } catch (e) {
        const reason = (e instanceof Error ? e.message : String(e)).slice(0, 500);
        if (row.attempts + 1 >= MAX_ATTEMPTS) await finishOutboxRow(db, row.id, 'failed', at.toISOString(), reason);
        else await retryOutboxRow(db, row.id, new Date(at.getTime() + backoffMs(row.attempts)).toISOString(), reason);
        this.deps.onError(new Error(`${row.kind} mail to ${row.to_email} not sent (attempt ${row.attempts + 1} of ${MAX_ATTEMPTS}): ${reason}`));
      }
    }
    return sent;
  }

  /** Messages by status, for the operator and the tests. */
  counts(): Promise<Record<string, number>> {
    return countOutbox(this.deps.db.kysely);
  }
}
