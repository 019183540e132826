import type { Db } from '../../storage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { hydrateArticle, hydrateSummaries, visibilityOf } from './articles.read.ts';
import {
  countVisible, findArticleRow, lastVisibleChange, listAllRows, listVisibleRows, nextScheduledAt, relatedRows,
} from './articles.repo.ts';
import type { Article, ArticleFilter, ArticleSummary, Page } from './articles.types.ts';

export type PublicLookup = { state: 'visible'; article: Article } | { state: 'gone' | 'missing' };

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
    const row = await findArticleRow(this.db, id);
    const state = visibilityOf(row, this.nowIso());
    if (state !== 'visible') return { state };
    return { state, article: await hydrateArticle(this.db, row!) };
  }

  async listPublic(filter: ArticleFilter, limit: number, offset: number): Promise<Page<ArticleSummary>> {
    const now = this.nowIso();
    const [rows, total] = await Promise.all([listVisibleRows(this.db, filter, now, limit, offset), countVisible(this.db, filter, now)]);
    return { items: await hydrateSummaries(this.db, rows), total, limit, offset };
  }

  /** Without a total: for feeds and the home page, which never paginate by count. */
  async latestPublic(filter: ArticleFilter, limit: number): Promise<ArticleSummary[]> {
    return hydrateSummaries(this.db, await listVisibleRows(this.db, filter, this.nowIso(), limit, 0));
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

  async related(article: Article, limit = 4): Promise<ArticleSummary[]> {
    const rows = await relatedRows(this.db, article.id, article.tags.map((t) => t.id), article.section?.id ?? null, this.nowIso(), limit);
    return hydrateSummaries(this.db, rows);
  }

  async listAll(filter: ArticleFilter, limit: number, offset: number, likeOp: 'like' | 'ilike'): Promise<Page<ArticleSummary>> {
    const { rows, total } = await listAllRows(this.db, filter, limit, offset, likeOp);
    return { items: await hydrateSummaries(this.db, rows), total, limit, offset };
  }

  async nextScheduled(): Promise<Date | null> {
    const at = await nextScheduledAt(this.db);
    return at ? new Date(at) : null;
  }

  async lastChange(): Promise<Date | null> {
    const at = await lastVisibleChange(this.db, this.nowIso());
    return at ? new Date(at) : null;
  }
}
