import { sql } from 'kysely';
import { containsText, type Q } from '../../storage/index.ts';
import type { ArticleRow, ImageRow, NewArticleRow, ArticleUpdate } from '../../storage/schema.ts';
import type { ArticleFilter, Correction, ImageInfo, PersonRef, SectionRef, TagRef } from './articles.types.ts';

export type { Q };

export function imageFromRow(r: ImageRow): ImageInfo {
  return {
    id: r.id,
    key: r.key,
    mime: r.mime,
    width: r.width,
    height: r.height,
    alt: r.alt,
    caption: r.caption,
    credit: r.credit,
    variants: JSON.parse(r.variants),
  };
}

export async function insertArticle(db: Q, row: NewArticleRow): Promise<number> {
  const r = await db.insertInto('articles').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Applies `patch` only if the stored version is still `expected`; false when another save won. */
export async function updateArticleIfVersion(db: Q, id: number, expected: number, patch: ArticleUpdate): Promise<boolean> {
  const r = await db.updateTable('articles').set(patch).where('id', '=', id).where('version', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findArticleRow(db: Q, id: number): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function slugTaken(db: Q, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom('articles').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function deleteArticleRow(db: Q, id: number): Promise<boolean> {
  const r = await db.deleteFrom('articles').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function replaceArticleTags(db: Q, articleId: number, tagIds: number[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (tagIds.length) {
    await db
      .insertInto('article_tags')
      .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
      .execute();
  }
}

export async function replaceArticleBylines(db: Q, articleId: number, personIds: number[]): Promise<void> {
  await db.deleteFrom('article_bylines').where('article_id', '=', articleId).execute();
  if (personIds.length) {
    await db
      .insertInto('article_bylines')
      .values(personIds.map((person_id, position) => ({ article_id: articleId, person_id, position })))
      .execute();
  }
}

export async function tagsFor(db: Q, ids: number[]): Promise<Map<number, TagRef[]>> {
  const out = new Map<number, TagRef[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('article_tags as at')
    .innerJoin('tags as t', 't.id', 'at.tag_id')
    .select(['at.article_id', 't.id', 't.slug', 't.name'])
    .where('at.article_id', 'in', ids)
    .orderBy('at.article_id')
    .orderBy('at.position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.article_id) ?? [];
    list.push({ id: r.id, slug: r.slug, name: r.name });
    out.set(r.article_id, list);
  }
  return out;
}

/** Approved comments per story, one grouped query over the (article_id, status) index. */
export async function approvedCommentCounts(db: Q, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('article_id', 'in', ids)
    .where('status', '=', 'approved')
    .groupBy('article_id')
    .execute();
  for (const r of rows) out.set(r.article_id, Number(r.n));
  return out;
}

export async function bylinesFor(db: Q, ids: number[]): Promise<Map<number, PersonRef[]>> {
  const out = new Map<number, PersonRef[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('article_bylines as ab')
    .innerJoin('people as p', 'p.id', 'ab.person_id')
    .select(['ab.article_id', 'p.id', 'p.slug', 'p.name', 'p.role_title'])
    .where('ab.article_id', 'in', ids)
    .orderBy('ab.article_id')
    .orderBy('ab.position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.article_id) ?? [];
    list.push({ id: r.id, slug: r.slug, name: r.name, roleTitle: r.role_title });
    out.set(r.article_id, list);
  }
  return out;
}

export async function imagesByIds(db: Q, ids: number[], opts: { lockShared?: boolean } = {}): Promise<Map<number, ImageInfo>> {
  const out = new Map<number, ImageInfo>();
  const unique = [...new Set(ids)];
  if (!unique.length) return out;
  const q = db.selectFrom('images').selectAll().where('id', 'in', unique);
  const rows = await (opts.lockShared ? q.forShare() : q).execute();
  for (const r of rows) out.set(r.id, imageFromRow(r));
  return out;
}

export async function sectionsByIds(db: Q, ids: number[]): Promise<Map<number, SectionRef>> {
  const out = new Map<number, SectionRef>();
  const unique = [...new Set(ids)];
  if (!unique.length) return out;
  const rows = await db.selectFrom('sections').select(['id', 'slug', 'name', 'parent_id']).where('id', 'in', unique).execute();
  for (const r of rows) out.set(r.id, { id: r.id, slug: r.slug, name: r.name, parentId: r.parent_id });
  return out;
}

export async function correctionsFor(db: Q, articleId: number): Promise<Correction[]> {
  const rows = await db
    .selectFrom('corrections')
    .select(['id', 'body', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, body: r.body, createdAt: new Date(r.created_at) }));
}

export async function insertCorrection(db: Q, articleId: number, body: string, at: string): Promise<number> {
  const r = await db.insertInto('corrections').values({ article_id: articleId, body, created_at: at }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function insertRevision(db: Q, articleId: number, version: number, snapshot: unknown, actor: string, at: string): Promise<void> {
  await db
    .insertInto('revisions')
    .values({ article_id: articleId, version, snapshot: JSON.stringify(snapshot), actor, created_at: at })
    .execute();
}

export async function listRevisionRows(db: Q, articleId: number) {
  return db
    .selectFrom('revisions')
    .select(['id', 'version', 'actor', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('version', 'desc')
    .execute();
}

const SUMMARY_COLUMNS = [
  'a.id', 'a.slug', 'a.headline', 'a.dek', 'a.status', 'a.language', 'a.direction', 'a.section_id',
  'a.featured_image_id', 'a.credit', 'a.published_at', 'a.updated_at',
] as const;

/** Public visibility: published and due. Scheduled rows become published through the scheduler. */
function visibleQuery(db: Q, filter: ArticleFilter, nowIso: string) {
  let q = db.selectFrom('articles as a').where('a.status', '=', 'published').where('a.published_at', '<=', nowIso);
  return applyFilter(q, filter);
}

function applyFilter<T extends ReturnType<Q['selectFrom']>>(q: any, filter: ArticleFilter): T {
  if (filter.ids) q = filter.ids.length ? q.where('a.id', 'in', filter.ids) : q.where(sql.lit(false));
  if (filter.sectionIds?.length) q = q.where('a.section_id', 'in', filter.sectionIds);
  else if (filter.sectionId !== undefined) q = q.where('a.section_id', '=', filter.sectionId);
  if (filter.tagId !== undefined) {
    q = q.where('a.id', 'in', (eb: any) => eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', filter.tagId));
  }
  if (filter.personId !== undefined) {
    q = q.where('a.id', 'in', (eb: any) => eb.selectFrom('article_bylines').select('article_id').where('person_id', '=', filter.personId));
  }
  return q;
}

export type SummaryRow = Pick<ArticleRow, 'id' | 'slug' | 'headline' | 'dek' | 'status' | 'language' | 'direction' | 'section_id' | 'featured_image_id' | 'credit' | 'published_at' | 'updated_at'>;

export async function listVisibleRows(db: Q, filter: ArticleFilter, nowIso: string, limit: number, offset: number): Promise<SummaryRow[]> {
  const q = (visibleQuery(db, filter, nowIso) as any).select(SUMMARY_COLUMNS).orderBy('a.published_at', 'desc').orderBy('a.id', 'desc');
  return pageOf(q, limit, offset).execute();
}

/**
 * LIMIT as a literal, OFFSET only when there is one. SQLite (3.53 here)
 * plans with the value of a bound LIMIT and so prepares the statement again
 * at every execution: a related-stories lookup took 133 µs with `limit ?`
 * and 38 µs with `limit 4`. Limits are code constants or a bounded API
 * parameter (1–100), so the distinct statements stay few.
 */
export function pageOf<T extends { limit(n: unknown): T; offset(n: unknown): T }>(q: T, limit: number, offset = 0): T {
  if (!Number.isSafeInteger(limit) || limit < 0 || !Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`bad page ${limit}/${offset}`);
  const limited = q.limit(sql.lit(limit));
  return offset > 0 ? limited.offset(offset) : limited;
}

/** A tag with at most this many stories is read by id rather than by walking the public index. */
const RARE_TAG = 150;

/**
 * The newest visible stories with one tag. Walking the public index newest
 * first finds a common tag's stories at once, but walks every story for a
 * rare one (110 ms at 100,000 stories for a tag with none), so a rare tag's
 * few stories are read by id and ordered here, as the walk orders them.
 */
export async function newestWithTagRows(db: Q, tagId: number, nowIso: string, limit: number, rare = RARE_TAG): Promise<SummaryRow[]> {
  const tagged = await pageOf(db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId), rare + 1).execute();
  if (tagged.length > rare) return listVisibleRows(db, { tagId }, nowIso, limit, 0);
  if (!tagged.length) return [];
  const rows = (await db.selectFrom('articles as a').select(SUMMARY_COLUMNS).where('a.id', 'in', tagged.map((t) => t.article_id)).execute()) as SummaryRow[];
  return rows
    .filter((r) => r.status === 'published' && r.published_at !== null && r.published_at <= nowIso)
    .sort((x, y) => (x.published_at! < y.published_at! ? 1 : x.published_at! > y.published_at! ? -1 : y.id - x.id))
    .slice(0, limit);
}

export async function countVisible(db: Q, filter: ArticleFilter, nowIso: string): Promise<number> {
  const r = await (visibleQuery(db, filter, nowIso) as any).select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Newsroom listing: any status, newest change first, optional headline search. */
export async function listAllRows(db: Q, filter: ArticleFilter, limit: number, offset: number, likeOp: 'like' | 'ilike'): Promise<{ rows: SummaryRow[]; total: number }> {
  let q = applyFilter(db.selectFrom('articles as a') as any, filter) as any;
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.search) q = q.where(containsText(likeOp, 'a.headline', filter.search));
  const rows = await pageOf(q.select(SUMMARY_COLUMNS).orderBy('a.updated_at', 'desc').orderBy('a.id', 'desc'), limit, offset).execute();
  const c = await q.select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst();
  return { rows, total: Number(c?.n ?? 0) };
}

/**
 * Flips due scheduled stories to published; one statement, so concurrent
 * instances cannot double-publish. `first` lists the flipped stories that
 * had never been public (they may take their headline's clean slug): read
 * before the flip, since the flip fills `first_published_at`, and kept only
 * for rows this flip published (another instance's flip returns them there).
 */
export async function publishDueRows(db: Q, nowIso: string): Promise<{ ids: number[]; first: number[] }> {
  const neverPublic = await db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', nowIso)
    .where('first_published_at', 'is', null)
    .execute();
  const rows = await db
    .updateTable('articles')
    .set((eb) => ({ status: 'published', first_published_at: eb.fn.coalesce('first_published_at', 'published_at'), version: eb('version', '+', 1) }))
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', nowIso)
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  const flipped = new Set(ids);
  return { ids, first: neverPublic.map((r) => r.id).filter((id) => flipped.has(id)) };
}

/** Latest change to anything public: drives Last-Modified on lists and feeds. */
export async function lastVisibleChange(db: Q, nowIso: string): Promise<string | null> {
  const r = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .where('status', '=', 'published')
    .where('published_at', '<=', nowIso)
    .executeTakeFirst();
  return (r?.at as string | null) ?? null;
}
