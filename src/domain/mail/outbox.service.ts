import type { Q } from '../../storage/index.ts';
import type { Job, JobKind, JobQueue } from '../jobs/index.ts';
import type { SecretBox } from '../secrets/index.ts';
import type { Clock } from '../shared/clock.ts';
import { assertHeaderSafe, type Mailer, type MailMessage } from './mailer.ts';

export interface OutboxDeps {
  jobs: JobQueue;
  clock: Clock;
  mailer: Mailer;
  box: SecretBox;
  /** The right-hand side of Message-IDs: the site's host name. */
  messageIdHost: string;
}

export interface QueuedMail extends MailMessage {
  /** What it is, for the log and the operator (`password-reset`, `invitation`). */
  kind: string;
  /** After this the message is pointless (its link has expired): it is dropped, not sent late. */
  expiresAt?: Date;
}

/** The job kind of staff mail. */
export const MAIL_JOB = 'mail';
/** Attempts before a message is given up (about 2 hours of back-off in all). */
export const MAX_ATTEMPTS = 8;

interface MailPayload {
  kind: string;
  to: string;
  subject: string;
  /** Sealed with the SecretBox: it may hold a sign-in link. */
  body: string;
  expiresAt: string | null;
}

/**
 * One Message-ID per queued message, the same on every attempt: a message
 * sent again after a crash between the SMTP answer and the job's
 * completion reaches the mailbox with the Message-ID it already has.
 */
export function messageIdFor(job: Pick<Job, 'id' | 'createdAt'>, host: string): string {
  return `<dateline.job-${job.id}.${job.createdAt.getTime().toString(36)}@${host}>`;
}

/**
 * Staff mail as jobs (docs/architecture.md, hostile input: durability;
 * docs/jobs.md): the message is written in the caller's transaction, so it
 * exists exactly when the reset token it carries does; the job runner sends
 * it after commit, retries with back-off when SMTP fails, and empties its
 * sealed body once sent. Delivery is at least once: see docs/jobs.md for the
 * window in which a message can go twice.
 */
export class MailOutbox {
  constructor(private readonly deps: OutboxDeps) {}

  /** Inside the caller's transaction. Header-unsafe recipients or subjects are refused before anything is stored. */
  async enqueue(trx: Q, mail: QueuedMail): Promise<void> {
    assertHeaderSafe(mail);
    const payload: MailPayload = { kind: mail.kind, to: mail.to, subject: mail.subject, body: this.deps.box.seal(mail.text), expiresAt: mail.expiresAt?.toISOString() ?? null };
    await this.deps.jobs.enqueue(trx, MAIL_JOB, payload, { maxAttempts: MAX_ATTEMPTS });
  }

  /** After the commit: the runner looks for the message now rather than at its next poll. */
  kick(): void {
    this.deps.jobs.wake();
  }

  /** The `mail` job kind (registered by main.ts). */
  readonly job: JobKind<MailPayload> = {
    backoffMs: 60_000,
    secretPayload: true,
    handle: async (p, ctx) => {
      // A link that has expired meanwhile is dropped, not sent late.
      if (p.expiresAt && Date.parse(p.expiresAt) <= this.deps.clock.now().getTime()) return;
      const text = this.deps.box.open(p.body);
      await this.deps.mailer.send({ to: p.to, subject: p.subject, text, messageId: messageIdFor(ctx.job, this.deps.messageIdHost) });
    },
  };
}
