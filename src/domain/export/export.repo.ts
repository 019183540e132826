import type { Q } from '../../storage/index.ts';
import type { Row } from './export.format.ts';

// The table and column names come from RECORDS (export.format.ts), never
// from input; Kysely cannot type a table chosen at run time, hence `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/**
 * One page of a table by its id, after `afterId`: keyset paging walks the
 * primary key, so each page costs one index range however deep the export
 * is, and memory holds one page (an OFFSET would rescan every row before it).
 */
export async function rowsAfter(db: Q, table: string, columns: string[], afterId: number, limit: number): Promise<Row[]> {
  return (db as Loose).selectFrom(table).select(columns).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** Tables keyed by a text key (settings, house spellings): small, read whole. */
export async function rowsByKey(db: Q, table: string, columns: string[], keys?: string[]): Promise<Row[]> {
  let q = (db as Loose).selectFrom(table).select(columns).orderBy('key');
  if (keys) q = q.where('key', 'in', keys);
  return q.execute();
}

/** Every section, for ordering parents before children (a site has tens of sections, not thousands). */
export async function allSections(db: Q, columns: string[]): Promise<Row[]> {
  return (db as Loose).selectFrom('sections').select(columns).orderBy('id').execute();
}

/** Tag ids and byline person ids of a page of stories, in their order. */
export async function linksOf(db: Q, articleIds: number[]): Promise<{ tags: Map<number, number[]>; bylines: Map<number, number[]> }> {
  const tags = new Map<number, number[]>();
  const bylines = new Map<number, number[]>();
  if (!articleIds.length) return { tags, bylines };
  const t = await db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', articleIds).orderBy('article_id').orderBy('position').execute();
  for (const r of t) tags.set(r.article_id, [...(tags.get(r.article_id) ?? []), r.tag_id]);
  const b = await db.selectFrom('article_bylines').select(['article_id', 'person_id']).where('article_id', 'in', articleIds).orderBy('article_id').orderBy('position').execute();
  for (const r of b) bylines.set(r.article_id, [...(bylines.get(r.article_id) ?? []), r.person_id]);
  return { tags, bylines };
}

export async function aliasesOf(db: Q, tagIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!tagIds.length) return out;
  const rows = await db.selectFrom('tag_aliases').select(['tag_id', 'slug']).where('tag_id', 'in', tagIds).orderBy('slug').execute();
  for (const r of rows) out.set(r.tag_id, [...(out.get(r.tag_id) ?? []), r.slug]);
  return out;
}

/** A page of stories for the WXR export, by id. */
export async function storiesAfter(db: Q, afterId: number, limit: number) {
  return db
    .selectFrom('articles')
    .select(['id', 'slug', 'headline', 'dek', 'body', 'status', 'published_at', 'created_at', 'updated_at', 'section_id', 'featured_image_id', 'comment_mode'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The comments of a page of stories, oldest first (a parent before its replies). */
export async function commentsFor(db: Q, articleIds: number[]) {
  if (!articleIds.length) return [];
  return db
    .selectFrom('comments')
    .select(['id', 'article_id', 'parent_id', 'author_name', 'author_email', 'author_url', 'body', 'status', 'created_at'])
    .where('article_id', 'in', articleIds)
    .orderBy('id')
    .execute();
}

export async function maxArticleId(db: Q): Promise<number> {
  const r = await db.selectFrom('articles').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0);
}
