import { createHash } from 'node:crypto';
import type { Db } from '../../storage/index.ts';
import type { SettingsService } from '../settings/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import type { ChangeNotifier } from '../changes/index.ts';
import { ChallengeService, type MathQuestion } from './challenge.ts';
import { threadComments, publicFromRow } from './comments.read.ts';
import { commenterRecord, findArticleMeta, listApprovedForFeed, listApprovedRows, pruneExpiredChallenges, type ArticleMetaRow } from './comments.repo.ts';
import { CommentSettings } from './comments.settings.ts';
import type { PublicComment, RawSubmission, SubmitContext, SubmitResult, ThreadedComment } from './comments.types.ts';
import { CommentError } from './comments.errors.ts';
import { CommentWriter } from './comments.writer.ts';
import { finalStatus, runPipeline } from './pipeline.ts';
import type { PhaseContext } from './pipeline.types.ts';
import { parseFields } from './phases/fields.ts';
import { closedReason, storyOpen } from './phases/story-open.ts';
import { sameTextSince } from './phases/repeats.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface CommentsDeps {
  db: Db;
  clock: Clock;
  siteSettings: SettingsService;
  changes: ChangeNotifier;
  limiter: RateLimiter;
}

/** A story as the comment form needs it. */
export interface CommentTarget {
  id: number;
  slug: string;
  headline: string;
  /** Null when open; else the reason, for the reader. */
  closed: string | null;
  mode: 'open' | 'premoderated' | 'closed';
}

/** `fn`'s promise, made at the first call and shared by the later ones. */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

/** What targetFor() needs of a story already read as visible. */
export interface VisibleStory {
  id: number;
  slug: string;
  headline: string;
  commentMode: string;
  publishedAt: Date | null;
  firstPublishedAt: Date | null;
}

/** Most comments one story page lists (the RSS feed and the API page beyond this). */
export const PAGE_LIMIT = 1000;
const PRUNE_EVERY_MS = 10 * 60_000;
const META_TTL_MS = 1_000;

/**
 * The reader side of comments: challenges, submission, the public list,
 * flags. One service behind the HTML form, the JSON form and the bench.
 */
export class CommentsService {
  readonly settings: CommentSettings;
  readonly challenges: ChallengeService;
  private readonly writer: CommentWriter;
  private lastPrune = 0;
  private readonly metaCache = new Map<number, { at: number; row: Promise<ArticleMetaRow | undefined> }>();

  constructor(private readonly deps: CommentsDeps) {
    this.settings = new CommentSettings({ db: deps.db, clock: deps.clock });
    this.challenges = new ChallengeService({ db: deps.db, settings: this.settings });
    this.writer = new CommentWriter(deps.db);
  }

  /** A published story (404 otherwise) and whether it takes comments. */
  async target(articleId: number): Promise<CommentTarget> {
    const [meta, site, rules] = await Promise.all([this.visibleArticle(articleId), this.deps.siteSettings.get(), this.settings.rules()]);
    return this.targetOf(meta, site.commentDefault, rules);
  }

  /**
   * The same for a story the caller has just read as visible (the story
   * page): its row already holds what the rules need, so a cold render does
   * not read the story a second time.
   */
  async targetFor(story: VisibleStory): Promise<CommentTarget> {
    const [site, rules] = await Promise.all([this.deps.siteSettings.get(), this.settings.rules()]);
    const meta: ArticleMetaRow = {
      id: story.id, status: 'published', slug: story.slug, headline: story.headline, comment_mode: story.commentMode,
      published_at: story.publishedAt?.toISOString() ?? null, first_published_at: story.firstPublishedAt?.toISOString() ?? null,
    };
    return this.targetOf(meta, site.commentDefault, rules);
  }

  private targetOf(meta: ArticleMetaRow, siteDefaultMode: PhaseContext['siteDefaultMode'], rules: PhaseContext['rules']): CommentTarget {
    const closed = closedReason({ article: meta, siteDefaultMode, rules, now: this.deps.clock.now() });
    const mode = closed ? 'closed' : meta.comment_mode === 'open' || meta.comment_mode === 'premoderated' ? meta.comment_mode : siteDefaultMode;
    return { id: meta.id, slug: meta.slug, headline: meta.headline, closed, mode };
  }

  /**
   * Story metadata for a second: a burst of comments on one story costs one
   * lookup, and a story closed or unpublished mid-burst takes at most that
   * long to refuse (comments it let in are still only held or approved rows).
   */
  private async visibleArticle(id: number): Promise<ArticleMetaRow> {
    const now = Date.now();
    let hit = this.metaCache.get(id);
    if (!hit || hit.at + META_TTL_MS < now) {
      if (this.metaCache.size > 10_000) this.metaCache.clear();
      hit = { at: now, row: findArticleMeta(this.deps.db.kysely, id) };
      this.metaCache.set(id, hit);
    }
    const meta = await hit.row;
    const nowIso = this.deps.clock.now().toISOString();
    if (!meta || meta.status !== 'published' || (meta.published_at !== null && meta.published_at > nowIso)) throw new AppError('NOT_FOUND', 'story not found');
    return meta;
  }

  /** A fresh proof-of-work challenge for the widget (uncached: one per reader). */
  async powChallenge(articleId: number, ip: string) {
    const t = await this.target(articleId);
    if (t.closed) throw new AppError('FORBIDDEN', t.closed);
    return this.challenges.issuePow(articleId, await this.settings.hash('ip', ip), this.deps.clock.now().getTime());
  }

  async mathQuestion(articleId: number, ip: string): Promise<MathQuestion> {
    return this.challenges.issueMath(articleId, await this.settings.hash('ip', ip), this.deps.clock.now().getTime());
  }

  /**
   * Runs every phase, then hands the row to the group-commit writer and
   * answers once it is durable. Any refusal throws a CommentError before
   * anything is written.
   */
  async submit(sc: SubmitContext, raw: RawSubmission): Promise<SubmitResult> {
    const now = this.deps.clock.now();
    const [article, site, rules] = await Promise.all([this.visibleArticle(sc.articleId), this.deps.siteSettings.get(), this.settings.rules()]);
    storyOpen({ article, siteDefaultMode: site.commentDefault, rules, now });
    const input = parseFields(raw);
    const [ipHash, emailHash] = await Promise.all([this.settings.hash('ip', sc.ip), this.settings.hash('email', input.email.toLowerCase())]);
    const bodyHash = createHash('sha256').update(input.body.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')).digest('base64url').slice(0, 32);
    const ctx: PhaseContext = {
      now, rules, siteDefaultMode: site.commentDefault, siteName: site.name, article, raw, input, ipHash, emailHash, bodyHash,
      db: this.deps.db.kysely, record: once(() => commenterRecord(this.deps.db.kysely, { email: emailHash, ip: ipHash, body: bodyHash }, sameTextSince(now, rules))),
      limiter: this.deps.limiter, hits: [], challenges: this.challenges,
      verdict: { held: new Set(), spam: false, parentId: null, challenge: null },
    };
    const { id, status, heldReasons } = await this.judgeAndStore(ctx);
    if (status === 'approved') await this.deps.changes.committed();
    this.maybePrune(now);
    return { id, status, heldReasons };
  }

  /**
   * The phases, then the writer. On a failure of ours in either (the
   * database away mid-phase or at the write), the rate limit's hits are
   * given back: the reader was told to send it again, not to wait.
   */
  private async judgeAndStore(ctx: PhaseContext): Promise<SubmitResult> {
    try {
      await runPipeline(ctx);
      const status = finalStatus(ctx);
      const at = ctx.now.toISOString();
      const heldReasons = [...ctx.verdict.held];
      const { article, input } = ctx;
      const id = await this.writer.write({
        row: {
          article_id: article.id, parent_id: ctx.verdict.parentId, author_name: input.name, author_email: input.email, email_hash: ctx.emailHash,
          author_url: input.authorUrl, body: input.body, body_hash: ctx.bodyHash, status, held_reasons: JSON.stringify(heldReasons),
          ip_hash: ctx.ipHash, notify: input.notify ? 1 : 0, flag_count: 0, created_at: at, updated_at: at,
        },
        replay: ctx.verdict.challenge?.replay,
        captchaId: ctx.verdict.challenge?.captchaId,
      });
      return { id, status, heldReasons };
    } catch (e) {
      if (!(e instanceof CommentError)) await this.deps.limiter.refund(ctx.hits).catch(() => undefined);
      throw e;
    }
  }

  private maybePrune(now: Date): void {
    if (now.getTime() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now.getTime();
    pruneExpiredChallenges(this.deps.db.kysely, new Date(now.getTime() - 60_000).toISOString()).catch(() => undefined);
  }

  /** Published comments of a published story, threaded one level. */
  async listForArticle(articleId: number, order: 'oldest' | 'newest' = 'oldest'): Promise<{ threads: ThreadedComment[]; count: number }> {
    const rows = await listApprovedRows(this.deps.db.kysely, articleId, PAGE_LIMIT);
    return threadComments(rows, order);
  }

  async latestForFeed(articleId: number, limit = 50): Promise<PublicComment[]> {
    return (await listApprovedForFeed(this.deps.db.kysely, articleId, limit)).map(publicFromRow);
  }

  /** Forget cached story metadata (the composition root calls this on article events). */
  articleChanged(id: number): void {
    this.metaCache.delete(id);
  }

  async close(): Promise<void> {
    await this.deps.limiter.close();
  }
}
