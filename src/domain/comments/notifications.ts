import type { Db, Q } from '../../storage/index.ts';
import type { CommentRow } from '../../storage/schema.ts';
import type { Mailer } from '../mail/index.ts';
import type { Clock } from '../shared/clock.ts';
import type { ChallengeService } from './challenge.ts';
import { findArticleMeta } from './comments.repo.ts';
import { claimNotifications, finishNotification, findCommentRows, insertNotification, insertOptout, isOptedOut } from './moderation.repo.ts';

export interface NotifierDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  siteUrl: string;
  siteName: () => Promise<string>;
  challenges: ChallengeService;
}

const MAX_ATTEMPTS = 5;
/** A send claimed this long ago belongs to a process that died mid-send: it is tried again. */
const STALE_CLAIM_MS = 10 * 60_000;
const oneLine = (s: string) => s.replace(/[\s\u0000-\u001F\u007F]+/g, ' ').trim().slice(0, 150);

/**
 * Email to commenters who asked for it: on approval, and when someone's
 * reply to their comment is approved. Intent is written to an outbox in the
 * moderation transaction and sent after commit (docs/architecture.md, hostile input: durability), so a
 * crash between the two loses nothing and a rollback sends nothing.
 */
export class CommentNotifier {
  constructor(private readonly deps: NotifierDeps) {}

  /** Called inside the transaction that approves `c`. */
  async enqueueOnApproval(trx: Q, c: CommentRow, parent: CommentRow | null, at: string): Promise<void> {
    if (c.notify === 1) {
      await insertNotification(trx, { comment_id: c.id, kind: 'approved', to_email: c.author_email, email_hash: c.email_hash, created_at: at });
    }
    if (parent && parent.notify === 1 && parent.email_hash !== c.email_hash && parent.status === 'approved') {
      await insertNotification(trx, { comment_id: c.id, kind: 'reply', to_email: parent.author_email, email_hash: parent.email_hash, created_at: at });
    }
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

  /** Sends what is due; returns how many went out. Safe to run on several instances at once. */
  async deliver(limit = 50): Promise<number> {
    const db = this.deps.db.kysely;
    const now = this.deps.clock.now();
    const due = await claimNotifications(db, limit, now.toISOString(), new Date(now.getTime() - STALE_CLAIM_MS).toISOString());
    let sent = 0;
    for (const n of due) {
      const at = this.deps.clock.now().toISOString();
      if (await isOptedOut(db, n.email_hash)) {
        await finishNotification(db, n.id, 'skipped', at);
        continue;
      }
      try {
        const msg = await this.compose(n.kind, n.comment_id, n.to_email, n.email_hash);
        if (!msg) {
          await finishNotification(db, n.id, 'skipped', at);
          continue;
        }
        await this.deps.mailer.send(msg);
        await finishNotification(db, n.id, 'sent', at);
        sent++;
      } catch {
        await finishNotification(db, n.id, n.attempts + 1 >= MAX_ATTEMPTS ? 'failed' : 'pending', at);
      }
    }
    return sent;
  }

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
