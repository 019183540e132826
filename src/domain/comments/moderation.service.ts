import { createHash } from 'node:crypto';
import type { Db } from '../../storage/index.ts';
import type { CommentRow } from '../../storage/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { commentFromRow, publicFromRow } from './comments.read.ts';
import { findArticleMetas, findCommentRow } from './comments.repo.ts';
import type { CommentSettings } from './comments.settings.ts';
import { MODERATION_ACTIONS, QUEUES, type Comment, type CommentRules, type CommentStatus, type HoldReason, type ModerationAction, type Page, type PublicComment, type Queue } from './comments.types.ts';
import {
  addFlag, countQueue, deleteCommentRow, findCommentRows, flagReasons, historyByEmail, insertBan, listQueue, pendingByStory, returnToQueue, setBody, setStatus,
} from './moderation.repo.ts';
import type { CommentNotifier } from './notifications.ts';
import { MAX_BODY_CHARS } from './phases/fields.ts';
import { cleanBody } from './text.ts';

export interface ModerationItem extends Comment {
  story: { id: number; slug: string; headline: string } | null;
  parent: PublicComment | null;
  /** This commenter's comments by status (matched by email hash). */
  history: Partial<Record<CommentStatus, number>>;
  flags: Array<{ reason: string; createdAt: Date }>;
}

export interface ModerationDeps {
  db: Db;
  clock: Clock;
  changes: ChangeNotifier;
  settings: CommentSettings;
  notifier: CommentNotifier;
  onError: (e: unknown) => void;
}

const STATUS_OF: Record<ModerationAction, CommentStatus> = { approve: 'approved', reject: 'rejected', spam: 'spam' };
export const MAX_BULK = 200;

export function parseQueue(v: unknown): Queue {
  if (typeof v === 'string' && (QUEUES as readonly string[]).includes(v)) return v as Queue;
  throw validationError([{ field: 'status', message: `must be one of ${QUEUES.join(', ')}` }]);
}

export function parseAction(v: unknown): ModerationAction {
  if (typeof v === 'string' && (MODERATION_ACTIONS as readonly string[]).includes(v)) return v as ModerationAction;
  throw validationError([{ field: 'action', message: `must be one of ${MODERATION_ACTIONS.join(', ')}` }]);
}

/** The moderator's side: queues, decisions, edits, bans, flags. Every change is audited. */
export class ModerationService {
  constructor(private readonly deps: ModerationDeps) {}

  private get db() {
    return this.deps.db.kysely;
  }

  async list(queue: Queue, opts: { limit?: number; offset?: number; articleId?: number } = {}): Promise<Page<ModerationItem>> {
    const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
    const [rows, total] = await Promise.all([listQueue(this.db, queue, limit, opts.offset ?? 0, opts.articleId), countQueue(this.db, queue, opts.articleId)]);
    return { items: await this.hydrate(rows), total };
  }

  async get(id: number): Promise<ModerationItem> {
    const row = await findCommentRow(this.db, id);
    if (!row) throw notFound('comment');
    return (await this.hydrate([row]))[0];
  }

  async pendingCount(): Promise<number> {
    return countQueue(this.db, 'pending');
  }

  /** The stories with most comments waiting, for the desk's "waiting by story" and the moderators' digest. */
  async pendingByStory(limit = 20): Promise<Array<{ story: { id: number; slug: string; headline: string } | null; articleId: number; count: number; oldest: Date }>> {
    const rows = await pendingByStory(this.db, Math.min(Math.max(limit, 1), 100));
    const metas = await findArticleMetas(this.db, rows.map((r) => r.article_id));
    return rows.map((r) => {
      const s = metas.find((a) => a.id === r.article_id);
      return { articleId: r.article_id, count: r.n, oldest: new Date(r.oldest), story: s ? { id: s.id, slug: s.slug, headline: s.headline } : null };
    });
  }

  rules(): Promise<CommentRules> {
    return this.deps.settings.rules();
  }

  /**
   * The site's comment rules (docs/comments.md), audited with what changed.
   * Only "close after N days" changes what a page shows (an open form or
   * "comments are closed"), so only that change purges, and it purges every
   * page, because every story page may have crossed the line.
   */
  async updateRules(patch: Partial<CommentRules>, actor: string): Promise<CommentRules> {
    const before = await this.deps.settings.rules();
    const at = this.deps.clock.now().toISOString();
    const closeChanged = await this.db.transaction().execute(async (trx) => {
      const after = await this.deps.settings.updateRules(patch, trx);
      const changed = Object.keys(patch).filter((k) => JSON.stringify(before[k as keyof CommentRules]) !== JSON.stringify(after[k as keyof CommentRules]));
      const detail = Object.fromEntries(changed.map((k) => [k, { before: before[k as keyof CommentRules], after: after[k as keyof CommentRules] }]));
      await recordAudit(trx, at, { actor, action: 'comment.rules', targetType: 'settings', targetId: 'comments.rules', detail });
      const close = changed.includes('closeAfterDays');
      if (close) await recordChange(trx, at, { kind: 'settings', id: 'comment-rules', action: 'updated', tags: [cacheTag.settings] });
      return close;
    });
    this.deps.settings.forgetRules();
    if (closeChanged) await this.deps.changes.committed();
    return this.deps.settings.rules();
  }

  private async hydrate(rows: CommentRow[]): Promise<ModerationItem[]> {
    const parentIds = [...new Set(rows.map((r) => r.parent_id).filter((x): x is number => x !== null))];
    const [stories, parents, history] = await Promise.all([
      findArticleMetas(this.db, [...new Set(rows.map((r) => r.article_id))]),
      findCommentRows(this.db, parentIds),
      historyByEmail(this.db, [...new Set(rows.map((r) => r.email_hash))]),
    ]);
    const flags = await Promise.all(rows.map((r) => (r.flag_count > 0 ? flagReasons(this.db, r.id) : Promise.resolve([]))));
    return rows.map((r, i) => {
      const s = stories.find((a) => a.id === r.article_id);
      const p = parents.find((x) => x.id === r.parent_id);
      return {
        ...commentFromRow(r),
        story: s ? { id: s.id, slug: s.slug, headline: s.headline } : null,
        parent: p ? publicFromRow(p) : null,
        history: history.get(r.email_hash) ?? {},
        flags: flags[i].map((f) => ({ reason: f.reason, createdAt: new Date(f.created_at) })),
      };
    });
  }

  /** Approve, reject or mark spam, one or many, in one transaction with their change rows; mails after commit. */
  async moderate(ids: number[], action: ModerationAction, actor: string): Promise<number> {
    if (!ids.length || ids.length > MAX_BULK) throw validationError([{ field: 'ids', message: `give 1 to ${MAX_BULK} comment ids` }]);
    const status = STATUS_OF[action];
    const at = this.deps.clock.now().toISOString();
    const visibilityChanged: number[] = [];
    let changed = 0;
    await this.db.transaction().execute(async (trx) => {
      const rows = await findCommentRows(trx, ids);
      const parents = await findCommentRows(trx, rows.map((r) => r.parent_id).filter((x): x is number => x !== null));
      for (const r of rows) {
        if (r.status === status) continue;
        await setStatus(trx, r.id, status, actor, at);
        changed++;
        await recordAudit(trx, at, { actor, action: `comment.${action}`, targetType: 'comment', targetId: r.id, detail: { from: r.status, to: status } });
        if (status === 'approved') await this.deps.notifier.enqueueOnApproval(trx, r, parents.find((p) => p.id === r.parent_id) ?? null);
        if (status === 'approved' || r.status === 'approved') {
          visibilityChanged.push(r.id);
          await recordChange(trx, at, { kind: 'comment', id: r.id, action, tags: [cacheTag.comments(r.article_id)] });
        }
      }
    });
    if (visibilityChanged.length) await this.deps.changes.committed();
    if (status === 'approved') this.deps.notifier.kick();
    return changed;
  }

  /** A moderator's edit (a typo, a phone number removed): audited with the text before and after. */
  async edit(id: number, body: string, actor: string): Promise<Comment> {
    const clean = cleanBody(body);
    if (clean.problem || !clean.value || [...clean.value].length > MAX_BODY_CHARS) throw validationError([{ field: 'body', message: `must be 1 to ${MAX_BODY_CHARS} characters of text` }]);
    const at = this.deps.clock.now().toISOString();
    const before = await this.db.transaction().execute(async (trx) => {
      const row = await findCommentRow(trx, id);
      if (!row) throw notFound('comment');
      const hash = createHash('sha256').update(clean.value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')).digest('base64url').slice(0, 32);
      await setBody(trx, id, clean.value, hash, at);
      await recordAudit(trx, at, { actor, action: 'comment.edit', targetType: 'comment', targetId: id, detail: { before: row.body, after: clean.value } });
      if (row.status === 'approved') await recordChange(trx, at, { kind: 'comment', id, action: 'edited', tags: [cacheTag.comments(row.article_id)] });
      return row;
    });
    if (before.status === 'approved') await this.deps.changes.committed();
    return commentFromRow((await findCommentRow(this.db, id))!);
  }

  async remove(id: number, actor: string): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    const row = await this.db.transaction().execute(async (trx) => {
      const r = await findCommentRow(trx, id);
      if (!r) throw notFound('comment');
      await deleteCommentRow(trx, id);
      await recordAudit(trx, at, { actor, action: 'comment.delete', targetType: 'comment', targetId: id, detail: { status: r.status, articleId: r.article_id } });
      if (r.status === 'approved') await recordChange(trx, at, { kind: 'comment', id, action: 'deleted', tags: [cacheTag.comments(r.article_id)] });
      return r;
    });
    if (row.status === 'approved') await this.deps.changes.committed();
  }

  /** Bans the comment's email or IP (by salted hash: the desk never needs the address itself) and marks it spam. */
  async ban(id: number, kind: 'email' | 'ip', actor: string, reason = ''): Promise<void> {
    if (kind !== 'email' && kind !== 'ip') throw validationError([{ field: 'kind', message: 'must be email or ip' }]);
    const row = await findCommentRow(this.db, id);
    if (!row) throw notFound('comment');
    const at = this.deps.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await insertBan(trx, { kind, value_hash: kind === 'email' ? row.email_hash : row.ip_hash, reason: reason.slice(0, 500), created_by: actor, created_at: at });
      await recordAudit(trx, at, { actor, action: `comment.ban_${kind}`, targetType: 'comment', targetId: id, detail: { reason } });
    });
    if (row.status !== 'spam') await this.moderate([id], 'spam', actor);
  }

  /** A reader's flag. Past the site's threshold an approved comment goes back to the queue. */
  async flag(id: number, reporterIp: string, reason: string): Promise<{ counted: boolean }> {
    const text = reason.replace(/\s+/g, ' ').trim().slice(0, 500);
    if (!text) throw validationError([{ field: 'reason', message: 'please say what is wrong with this comment' }]);
    const [rules, reporter] = await Promise.all([this.deps.settings.rules(), this.deps.settings.hash('ip', reporterIp)]);
    const at = this.deps.clock.now().toISOString();
    let requeued = false;
    const counted = await this.db.transaction().execute(async (trx) => {
      const row = await findCommentRow(trx, id);
      if (!row || row.status !== 'approved') throw new AppError('NOT_FOUND', 'comment not found');
      const n = await addFlag(trx, id, reporter, text, at);
      if (n === null) return false;
      if (n >= rules.flagThreshold) {
        const reasons = new Set<HoldReason>(JSON.parse(row.held_reasons) as HoldReason[]);
        reasons.add('flagged');
        await returnToQueue(trx, id, JSON.stringify([...reasons]), at);
        await recordChange(trx, at, { kind: 'comment', id, action: 'requeued', tags: [cacheTag.comments(row.article_id)] });
        requeued = true;
      }
      return true;
    });
    if (requeued) await this.deps.changes.committed();
    return { counted };
  }
}
