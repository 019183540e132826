import type { Db, Q } from '../../storage/index.ts';
import type { CommentRow } from '../../storage/schema.ts';
import type { JobKind, JobQueue } from '../jobs/index.ts';
import { messageIdFor, type Mailer } from '../mail/index.ts';
import type { Clock } from '../shared/clock.ts';
import type { ChallengeService } from './challenge.ts';
import { findArticleMeta } from './comments.repo.ts';
import { findCommentRows, insertOptout, isOptedOut } from './moderation.repo.ts';

export interface NotifierDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  siteUrl: string;
  siteName: () => Promise<string>;
  challenges: ChallengeService;
  jobs: JobQueue;
  /** The right-hand side of Message-IDs: the site's host name. */
  messageIdHost: string;
}

/** The job kind of comment mail. */
export const COMMENT_MAIL_JOB = 'comment-mail';
const MAX_ATTEMPTS = 5;

interface NotificationPayload {
  commentId: number;
  kind: 'approved' | 'reply';
  to: string;
  emailHash: string;
}
const oneLine = (s: string) => s.replace(/[\s\u0000-\u001F\u007F]+/g, ' ').trim().slice(0, 150);

/**
 * Email to commenters who asked for it: on approval, and when someone's
 * reply to their comment is approved. Each message is a job written in the
 * moderation transaction and sent by the job runner after commit
 * (docs/architecture.md, hostile input: durability; docs/jobs.md), so a
 * crash between the two loses nothing and a rollback sends nothing.
 */
export class CommentNotifier {
  constructor(private readonly deps: NotifierDeps) {}

  /** Called inside the transaction that approves `c`. */
  async enqueueOnApproval(trx: Q, c: CommentRow, parent: CommentRow | null): Promise<void> {
    const send = (kind: NotificationPayload['kind'], to: CommentRow) =>
      this.deps.jobs.enqueue(trx, COMMENT_MAIL_JOB, { commentId: c.id, kind, to: to.author_email, emailHash: to.email_hash } satisfies NotificationPayload, { maxAttempts: MAX_ATTEMPTS });
    if (c.notify === 1) await send('approved', c);
    if (parent && parent.notify === 1 && parent.email_hash !== c.email_hash && parent.status === 'approved') await send('reply', parent);
  }

  async unsubscribeUrl(emailHash: string): Promise<string> {
    const t = await this.deps.challenges.sign('unsubscribe', emailHash);
    return `${this.deps.siteUrl}/comments/unsubscribe?e=${encodeURIComponent(emailHash)}&t=${t}`;
  }

  async checkUnsubscribe(emailHash: string, token: string): Promise<boolean> {
    return /^[A-Za-z0-9_-]{1,64}$/.test(emailHash) && (await this.deps.challenges.checkSignature('unsubscribe', emailHash, token));
  }

  /** After the confirmation page's POST: no more comment emails to this address. */
  async unsubscribe(emailHash: string, token: string): Promise<boolean> {
    if (!(await this.checkUnsubscribe(emailHash, token))) return false;
    await insertOptout(this.deps.db.kysely, emailHash, this.deps.clock.now().toISOString());
    return true;
  }

  /** After the commit that approved comments: the runner looks for their mail now. */
  kick(): void {
    this.deps.jobs.wake();
  }

  /** The `comment-mail` job kind (registered by main.ts): opted-out addresses and comments no longer approved get nothing. */
  readonly job: JobKind<NotificationPayload> = {
    backoffMs: 60_000,
    secretPayload: true,
    handle: async (n, ctx) => {
      if (await isOptedOut(this.deps.db.kysely, n.emailHash)) return;
      const msg = await this.compose(n.kind, n.commentId, n.to, n.emailHash);
      if (msg) await this.deps.mailer.send({ ...msg, messageId: messageIdFor(ctx.job, this.deps.messageIdHost) });
    },
  };

  private async compose(kind: string, commentId: number, to: string, emailHash: string) {
    const db = this.deps.db.kysely;
    const [c] = await findCommentRows(db, [commentId]);
    if (!c || c.status !== 'approved') return null;
    const article = await findArticleMeta(db, c.article_id);
    if (!article) return null;
    const link = `${this.deps.siteUrl}/news/${article.id}/${encodeURIComponent(article.slug)}#comment-${c.id}`;
    const site = oneLine(await this.deps.siteName());
    const headline = oneLine(article.headline);
    const unsubscribe = await this.unsubscribeUrl(emailHash);
    const lines =
      kind === 'reply'
        ? [`${oneLine(c.author_name)} replied to your comment on “${headline}”:`, '', c.body.slice(0, 1000), '', `Read the conversation: ${link}`]
        : [`Your comment on “${headline}” has been published.`, '', `See it here: ${link}`];
    const subject = kind === 'reply' ? `New reply to your comment on ${site}` : `Your comment on ${site} is published`;
    return { to, subject, text: [...lines, '', '—', `You asked ${site} to email you about your comments.`, `Stop these emails: ${unsubscribe}`].join('\n') };
  }
}
