import type { Db } from '../../storage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { assembleArticle, hydrateArticle, hydrateSummaries, visibilityOf } from './articles.read.ts';
import { findWholeStory } from './articles.public.repo.postgres.ts';
import { findPublicRow } from './articles.public.repo.ts';
import { countVisible, findArticleRow, lastVisibleChange, listAllRows, listVisibleRows, newestWithTagRows } from './articles.repo.ts';
import type { Article, ArticleFilter, ArticleSummary, Page } from './articles.types.ts';

export type PublicLookup = { state: 'visible'; article: Article } | { state: 'gone' | 'missing' };

/** The newest visible stories with one tag or in one section: what related stories are drawn from. */
export type LatestLoader = (filter: { tagId: number } | { sectionId: number }, limit: number) => Promise<ArticleSummary[]>;

const newestFirst = (x: ArticleSummary, y: ArticleSummary) => (y.publishedAt?.getTime() ?? 0) - (x.publishedAt?.getTime() ?? 0) || y.id - x.id;

/**
 * Stories sharing a tag with this one, newest first, then the newest of its
 * section. Drawn from each tag's newest `limit + 1` (one may be the story
 * itself): any story in the top `limit` of the union is within the top
 * `limit + 1` of its own tag, so the merge is exact, and the short per-tag
 * lists are what a caller can keep between pages.
 */
export async function pickRelated(article: Article, limit: number, latest: LatestLoader): Promise<ArticleSummary[]> {
  const seen = new Set<number>([article.id]);
  const out: ArticleSummary[] = [];
  const lists = await Promise.all(article.tags.map((t) => latest({ tagId: t.id }, limit + 1)));
  for (const s of lists.flat().sort(newestFirst)) if (!seen.has(s.id) && out.length < limit) (seen.add(s.id), out.push(s));
  if (out.length < limit && article.section) {
    for (const s of await latest({ sectionId: article.section.id }, limit + 1)) if (!seen.has(s.id) && out.length < limit) (seen.add(s.id), out.push(s));
  }
  return out;
}

/** Read side for the public site, feeds and the Content/Admin API listings. */
export class ArticleQueries {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  private get db() {
    return this.deps.db.kysely;
  }

  private nowIso(): string {
    return this.deps.clock.now().toISOString();
  }

  async findPublic(id: number): Promise<PublicLookup> {
    // PostgreSQL: the story and its parts in one statement (a round trip each costs more than the reading).
    if (this.deps.db.caps.statementRoundTrips) {
      const whole = await findWholeStory(this.db, id);
      const state = visibilityOf(whole?.row, this.nowIso());
      return state === 'visible' ? { state, article: assembleArticle(whole!) } : { state };
    }
    const found = await findPublicRow(this.db, id);
    const state = visibilityOf(found?.row, this.nowIso());
    if (state !== 'visible') return { state };
    return { state, article: await hydrateArticle(this.db, found!.row, found!.section) };
  }

  async listPublic(filter: ArticleFilter, limit: number, offset: number): Promise<Page<ArticleSummary>> {
    const now = this.nowIso();
    const [rows, total] = await Promise.all([listVisibleRows(this.db, filter, now, limit, offset), countVisible(this.db, filter, now)]);
    return { items: await hydrateSummaries(this.db, rows), total, limit, offset };
  }

  /** Without a total: for feeds, the home page and related stories, which never paginate by count. */
  async latestPublic(filter: ArticleFilter, limit: number): Promise<ArticleSummary[]> {
    const onlyTag = filter.tagId !== undefined && Object.keys(filter).every((k) => k === 'tagId');
    const rows = onlyTag ? await newestWithTagRows(this.db, filter.tagId!, this.nowIso(), limit) : await listVisibleRows(this.db, filter, this.nowIso(), limit, 0);
    return hydrateSummaries(this.db, rows);
  }

  /** Full articles (with body) for feeds that carry content. */
  async latestPublicFull(filter: ArticleFilter, limit: number): Promise<Article[]> {
    const rows = await listVisibleRows(this.db, filter, this.nowIso(), limit, 0);
    const out: Article[] = [];
    for (const r of rows) {
      const row = await findArticleRow(this.db, r.id);
      if (row) out.push(await hydrateArticle(this.db, row));
    }
    return out;
  }

  /** `latest` may be a memoised loader (the site keeps one per page-cache generation). */
  async related(article: Article, limit = 4, latest: LatestLoader = (f, n) => this.latestPublic(f, n)): Promise<ArticleSummary[]> {
    return pickRelated(article, limit, latest);
  }

  async listAll(filter: ArticleFilter, limit: number, offset: number, likeOp: 'like' | 'ilike'): Promise<Page<ArticleSummary>> {
    const { rows, total } = await listAllRows(this.db, filter, limit, offset, likeOp);
    return { items: await hydrateSummaries(this.db, rows), total, limit, offset };
  }

  async lastChange(): Promise<Date | null> {
    const at = await lastVisibleChange(this.db, this.nowIso());
    return at ? new Date(at) : null;
  }
}
