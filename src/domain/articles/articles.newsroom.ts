import type { Db } from '../../storage/index.ts';
import { can } from '../access/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, validationError } from '../shared/errors.ts';
import type { ArticleInput } from './articles.input.ts';
import type { ArticlesService } from './articles.service.ts';
import {
  countDeskByStatus, deleteDismissalRow, listDeskRows, listDismissalRows, upsertDismissalRow, type DeskFilter,
} from './articles.newsroom.repo.ts';
import { hydrateSummaries } from './articles.read.ts';
import { imagesByIds } from './articles.repo.ts';
import { RevisionsService } from './articles.revisions.ts';
import { ARTICLE_STATUSES, type ArticleStatus, type ArticleSummary, type Page } from './articles.types.ts';
import { staffActor, StoryWorkflow, type StaffActor } from './articles.workflow.ts';
import { imageIdsOf, type Doc } from './document.ts';

export type { DeskFilter } from './articles.newsroom.repo.ts';

export interface DeskItem extends ArticleSummary {
  createdBy: number | null;
  version: number;
}

export interface Desk extends Page<DeskItem> {
  counts: Record<ArticleStatus, number>;
}

export interface StoredDismissal {
  ruleId: string;
  fingerprint: string;
  reason: string;
  actor: string;
  createdAt: Date;
}

/** What the editorial checks need of a story, and the part of a finding the newsroom acts on. */
export interface CheckableStory {
  headline: string;
  dek: string;
  dateline: string;
  body: Doc;
  images: Map<number, { alt: string; credit: string }>;
}
export interface CheckFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  fingerprint: string;
}
/**
 * The checks are injected: the editorial-checks module is built on this
 * one (it reads documents), so this module cannot import it back.
 */
export type StoryChecker<F extends CheckFinding = CheckFinding> = (story: CheckableStory, dismissed: Array<{ ruleId: string; fingerprint: string }>) => Promise<F[]>;

export interface NewsroomDeps<F extends CheckFinding = CheckFinding> {
  db: Db;
  clock: Clock;
  articles: ArticlesService;
  settings: { get(): Promise<{ blockPublishOnCheckErrors: boolean }> };
  likeOp: 'like' | 'ilike';
  check: StoryChecker<F>;
}

export interface Newsroom<F extends CheckFinding = CheckFinding> {
  workflow: StoryWorkflow;
  revisions: RevisionsService;
  desk: NewsroomService<F>;
}

/** Wires the newsroom's domain parts; the publish gate (checks + site setting) runs inside the workflow. */
export function createNewsroom<F extends CheckFinding>(deps: NewsroomDeps<F>): Newsroom<F> {
  let desk: NewsroomService<F> | null = null;
  const workflow = new StoryWorkflow({
    articles: deps.articles,
    beforePublish: ({ current, input }) => desk!.assertPublishable(current, input),
  });
  desk = new NewsroomService<F>({ ...deps, workflow });
  return { workflow, revisions: new RevisionsService({ db: deps.db, workflow }), desk };
}

const RULE_ID = /^[a-z][a-z0-9-]{1,60}$/;
const FINGERPRINT = /^[a-z][a-z0-9-]{1,60}:[0-9a-f]{8}$/;

/** The story desk (listing with counts) and the editorial-check dismissals remembered per story. */
export class NewsroomService<F extends CheckFinding = CheckFinding> {
  constructor(private readonly deps: NewsroomDeps<F> & { workflow: StoryWorkflow }) {}

  /** Findings for a story as it is, or as it would be after `input`; remembered dismissals left out. */
  async findingsFor(current: { id: number; headline: string; dek: string; dateline: string; body: Doc } | null, input: ArticleInput = {}): Promise<F[]> {
    const body = input.body ?? current?.body ?? { type: 'doc', content: [] };
    const stored = await imagesByIds(this.db, imageIdsOf(body));
    const images = new Map([...stored].map(([id, i]) => [id, { alt: i.alt, credit: i.credit }]));
    const dismissed = current ? (await listDismissalRows(this.db, current.id)).map((r) => ({ ruleId: r.rule_id, fingerprint: r.fingerprint })) : [];
    const story = { headline: input.headline ?? current?.headline ?? '', dek: input.dek ?? current?.dek ?? '', dateline: input.dateline ?? current?.dateline ?? '', body, images };
    return this.deps.check(story, dismissed);
  }

  /** With the site setting on, editorial-check errors (not dismissed) block publishing: 422 listing them. */
  async assertPublishable(current: { id: number; headline: string; dek: string; dateline: string; body: Doc } | null, input: ArticleInput = {}): Promise<void> {
    if (!(await this.deps.settings.get()).blockPublishOnCheckErrors) return;
    const errors = (await this.findingsFor(current, input)).filter((f) => f.severity === 'error');
    if (!errors.length) return;
    throw new AppError('VALIDATION_FAILED', `${errors.length} editorial check error${errors.length > 1 ? 's' : ''} must be fixed or dismissed before publishing`, {
      problems: errors.map((f) => ({ field: `checks.${f.ruleId}`, message: f.message })),
    });
  }

  async findings(staff: StaffActor, articleId: number): Promise<F[]> {
    return this.findingsFor(await this.deps.workflow.open(staff, articleId));
  }

  private get db() {
    return this.deps.db.kysely;
  }

  /** Contributors and authors see their own stories; editors see the whole desk. */
  async desk(staff: StaffActor, filter: DeskFilter, limit: number, offset: number): Promise<Desk> {
    const f: DeskFilter = { ...filter };
    if (!can(staff.role, 'articles:edit-any')) f.createdBy = staff.id;
    const [{ rows, total }, raw] = await Promise.all([
      listDeskRows(this.db, f, limit, offset, this.deps.likeOp),
      countDeskByStatus(this.db, f, this.deps.likeOp),
    ]);
    const summaries = await hydrateSummaries(this.db, rows);
    const items = summaries.map((s, i) => ({ ...s, createdBy: rows[i].created_by, version: rows[i].version }));
    const counts = Object.fromEntries(ARTICLE_STATUSES.map((s) => [s, raw[s] ?? 0])) as Record<ArticleStatus, number>;
    return { items, total, limit, offset, counts };
  }

  async dismissals(staff: StaffActor, articleId: number): Promise<StoredDismissal[]> {
    await this.deps.workflow.open(staff, articleId);
    const rows = await listDismissalRows(this.db, articleId);
    return rows.map((r) => ({ ruleId: r.rule_id, fingerprint: r.fingerprint, reason: r.reason, actor: r.actor, createdAt: new Date(r.created_at) }));
  }

  /** A finding kept on purpose, with the reason, so it stops nagging on every save (and stops blocking publication). */
  async dismiss(staff: StaffActor, articleId: number, raw: { ruleId?: unknown; fingerprint?: unknown; reason?: unknown }): Promise<StoredDismissal[]> {
    await this.deps.workflow.open(staff, articleId);
    const problems = [];
    const ruleId = typeof raw.ruleId === 'string' ? raw.ruleId : '';
    const fingerprint = typeof raw.fingerprint === 'string' ? raw.fingerprint : '';
    const reason = typeof raw.reason === 'string' ? raw.reason.normalize('NFC').trim() : '';
    if (!RULE_ID.test(ruleId)) problems.push({ field: 'ruleId', message: 'must be the rule id of a finding' });
    if (!FINGERPRINT.test(fingerprint) || !fingerprint.startsWith(`${ruleId}:`)) problems.push({ field: 'fingerprint', message: 'must be the fingerprint of a finding' });
    if (!reason || reason.length > 500) problems.push({ field: 'reason', message: 'say in 1 to 500 characters why this finding is fine' });
    if (problems.length) throw validationError(problems);
    await upsertDismissalRow(this.db, articleId, { rule_id: ruleId, fingerprint, reason, actor: staffActor(staff), created_at: this.deps.clock.now().toISOString() });
    return this.dismissals(staff, articleId);
  }

  async undismiss(staff: StaffActor, articleId: number, ruleId: string, fingerprint: string): Promise<StoredDismissal[]> {
    await this.deps.workflow.open(staff, articleId);
    await deleteDismissalRow(this.db, articleId, ruleId, fingerprint);
    return this.dismissals(staff, articleId);
  }
}
