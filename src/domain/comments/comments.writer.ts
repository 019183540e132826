import type { Db, Q } from '../../storage/index.ts';
import type { NewCommentRow } from '../../storage/schema.ts';
import { cacheTag, recordChanges } from '../changes/index.ts';
import { commentError, CommentError } from './comments.errors.ts';
import { claimReplays, consumeCaptchas, insertComments } from './comments.repo.ts';

export interface PendingWrite {
  row: NewCommentRow;
  /** A proof-of-work signature to remember (single use), with its expiry. */
  replay?: { signature: string; expiresAt: string };
  /** An arithmetic question to delete (single use). */
  captchaId?: string;
}

interface Queued extends PendingWrite {
  resolve(id: number): void;
  reject(e: unknown): void;
}

/** Enough to amortise one fsync over many comments, small enough to keep a batch's latency low. */
const MAX_BATCH = 512;

/**
 * Group commit (docs/architecture.md, hostile input: durability): accepted comments that arrive while a
 * commit is in flight are written together in the next transaction, and
 * each caller is answered only after the transaction holding its row has
 * committed. SQLite stays synchronous=FULL: one fsync per batch, not per
 * comment. Challenge consumption happens in the same transaction as the
 * insert, so a challenge is spent exactly when its comment exists.
 *
 * A batch is a fixed handful of statements whatever its size (challenges
 * claimed, questions spent, comments inserted, changes recorded: one each):
 * on PostgreSQL each statement is a round trip, and a statement per
 * comment made the writer wait on the network rather than the disk.
 */
export class CommentWriter {
  private queue: Queued[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  write(w: PendingWrite): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ ...w, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.commitBatch(batch);
    }
    this.running = false;
  }

  private async commitBatch(batch: Queued[]): Promise<void> {
    const outcomes: Array<number | CommentError> = [];
    try {
      await this.db.kysely.transaction().execute(async (trx) => {
        outcomes.length = 0;
        outcomes.push(...(await writeBatch(trx, batch)));
      });
    } catch {
      // One bad row (a story deleted meanwhile) must not sink its neighbours: retry each alone.
      for (const w of batch) {
        try {
          const [r] = await this.db.kysely.transaction().execute((trx) => writeBatch(trx, [w]));
          if (r instanceof CommentError) w.reject(r);
          else w.resolve(r);
        } catch (e) {
          w.reject(e);
        }
      }
      return;
    }
    batch.forEach((w, i) => {
      const r = outcomes[i];
      if (r instanceof CommentError) w.reject(r);
      else w.resolve(r);
    });
  }
}

const spentChallenge = () => commentError('captcha_invalid', 'captcha', 'This challenge has already been used. Please solve a new one.');
const spentQuestion = () => commentError('captcha_invalid', 'captcha', 'This question has expired or was already answered. Please answer the new one.');

/**
 * The batch in order, as if taken comment by comment (a failed batch is
 * retried as batches of one): a
 * challenge or question already spent (earlier, or by an earlier comment
 * of the same batch) is that comment's answer, and the rest still commit.
 */
async function writeBatch(trx: Q, batch: readonly PendingWrite[]): Promise<Array<number | CommentError>> {
  const claimed = await claimReplays(trx, batch.flatMap((w) => (w.replay ? [w.replay] : [])));
  const out: Array<number | CommentError | null> = batch.map((w) => (w.replay && !claimed.delete(w.replay.signature) ? spentChallenge() : null));
  const consumed = await consumeCaptchas(trx, batch.flatMap((w, i) => (out[i] === null && w.captchaId ? [w.captchaId] : [])));
  batch.forEach((w, i) => {
    if (out[i] === null && w.captchaId && !consumed.delete(w.captchaId)) out[i] = spentQuestion();
  });
  const accepted = batch.filter((_, i) => out[i] === null);
  const ids = await insertComments(trx, accepted.map((w) => w.row));
  let next = 0;
  for (let i = 0; i < out.length; i++) if (out[i] === null) out[i] = ids[next++];
  // Shown at once (a trusted rule approved it): its story page and comment feed change with this commit.
  await recordChanges(
    trx,
    accepted.flatMap((w, k) => (w.row.status === 'approved' ? [{ at: w.row.created_at, change: { kind: 'comment' as const, id: ids[k], action: 'created', tags: [cacheTag.comments(w.row.article_id)] } }] : [])),
  );
  return out as Array<number | CommentError>;
}
