import type { Db, Q } from '../../storage/index.ts';
import type { NewCommentRow } from '../../storage/schema.ts';
import { cacheTag, recordChange } from '../changes/index.ts';
import { commentError, CommentError } from './comments.errors.ts';
import { claimReplay, consumeCaptcha, insertComment } from './comments.repo.ts';

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
        for (const w of batch) outcomes.push(await writeOne(trx, w));
      });
    } catch {
      // One bad row (a story deleted meanwhile) must not sink its neighbours: retry each alone.
      for (const w of batch) {
        try {
          const r = await this.db.kysely.transaction().execute((trx) => writeOne(trx, w));
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

/** A spent challenge is an answer, not an exception: the rest of the batch still commits. */
async function writeOne(trx: Q, w: PendingWrite): Promise<number | CommentError> {
  if (w.replay && !(await claimReplay(trx, w.replay.signature, w.replay.expiresAt))) {
    return commentError('captcha_invalid', 'captcha', 'This challenge has already been used. Please solve a new one.');
  }
  if (w.captchaId && !(await consumeCaptcha(trx, w.captchaId))) {
    return commentError('captcha_invalid', 'captcha', 'This question has expired or was already answered. Please answer the new one.');
  }
  const id = await insertComment(trx, w.row);
  // Shown at once (a trusted rule approved it): its story page and comment feed change with this commit.
  if (w.row.status === 'approved') {
    await recordChange(trx, w.row.created_at, { kind: 'comment', id, action: 'created', tags: [cacheTag.comments(w.row.article_id)] });
  }
  return id;
}
