import { sql } from 'kysely';
import type { Q } from '../../storage/index.ts';

/** Kinds of thing an import keys by the source's id. */
export type SourceKind = 'article' | 'section' | 'tag' | 'person' | 'person-email' | 'comment' | 'page' | 'media' | 'image' | 'user' | 'redirect-rule';

export async function findImported(db: Q, source: string, kind: SourceKind, sourceId: string): Promise<number | undefined> {
  const r = await db
    .selectFrom('import_sources')
    .select('entity_id')
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return r?.entity_id;
}

export async function rememberImported(db: Q, source: string, kind: SourceKind, sourceId: string, entityId: number, at: string): Promise<void> {
  await db
    .insertInto('import_sources')
    .values({ source, kind, source_id: sourceId, entity_id: entityId, held_status: null, held_published_at: null, imported_at: at })
    .onConflict((oc) => oc.columns(['source', 'kind', 'source_id']).doUpdateSet({ entity_id: entityId, imported_at: at }))
    .execute();
}

/** A new story waits as a draft; this is the status it takes when the run ends. */
export async function holdStatus(db: Q, source: string, sourceId: string, status: string, publishedAt: string | null): Promise<void> {
  await db
    .updateTable('import_sources')
    .set({ held_status: status, held_published_at: publishedAt })
    .where('source', '=', source)
    .where('kind', '=', 'article')
    .where('source_id', '=', sourceId)
    .execute();
}

export async function isHeld(db: Q, source: string, sourceId: string): Promise<boolean> {
  const r = await db
    .selectFrom('import_sources')
    .select('held_status')
    .where('source', '=', source)
    .where('kind', '=', 'article')
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return r?.held_status != null;
}

export async function heldStories(db: Q, source: string, limit: number) {
  return db
    .selectFrom('import_sources')
    .select(['source_id', 'entity_id', 'held_status', 'held_published_at'])
    .where('source', '=', source)
    .where('kind', '=', 'article')
    .where('held_status', 'is not', null)
    .orderBy('entity_id')
    .limit(limit)
    .execute();
}

export async function updateStoryRow(db: Q, id: number, patch: Record<string, unknown>): Promise<void> {
  await db.updateTable('articles').set(patch).where('id', '=', id).execute();
}

export async function updateCommentRow(db: Q, id: number, patch: { body: string; body_hash: string; status: string; author_name: string; author_url: string; parent_id: number | null; updated_at: string }): Promise<void> {
  await db.updateTable('comments').set(patch).where('id', '=', id).execute();
}

export async function commentExists(db: Q, id: number): Promise<boolean> {
  return (await db.selectFrom('comments').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** An old address answered by a story; a later import of the same address moves it. */
export async function putRedirect(db: Q, path: string, articleId: number, at: string): Promise<void> {
  await db
    .insertInto('redirects')
    .values({ path, article_id: articleId, status_code: 301, created_at: at })
    .onConflict((oc) => oc.column('path').doUpdateSet({ article_id: articleId }))
    .execute();
}

export async function tagIdBySlug(db: Q, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

export async function personSlugTaken(db: Q, slug: string): Promise<boolean> {
  return (await db.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

export async function sectionSlugTaken(db: Q, slug: string): Promise<number | undefined> {
  return (await db.selectFrom('sections').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

/**
 * The images an earlier run made from these source URLs (kind `media`) and
 * that are still in the library: one read per batch, not one per picture.
 */
export async function importedImages(db: Q, source: string, urls: string[]): Promise<Map<string, number>> {
  if (!urls.length) return new Map();
  const rows = await db
    .selectFrom('import_sources')
    .innerJoin('images', 'images.id', 'import_sources.entity_id')
    .select(['import_sources.source_id', 'import_sources.entity_id'])
    .where('import_sources.source', '=', source)
    .where('import_sources.kind', '=', 'media')
    .where('import_sources.source_id', 'in', urls)
    .execute();
  return new Map(rows.map((r) => [r.source_id, r.entity_id]));
}

/**
 * Rows per multi-row statement: under SQLite's 32,766 bound variables and
 * PostgreSQL's 65,535 parameters for the widest row the importer writes
 * (a story, some twenty columns).
 */
export const ROWS_PER_STATEMENT = 500;

export function chunked<T>(rows: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** findImported for a whole batch: one statement per 500 ids instead of one per item (a round trip each on PostgreSQL). */
export async function findImportedMany(db: Q, source: string, kind: SourceKind, sourceIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const ids of chunked([...new Set(sourceIds)])) {
    const rows = await db
      .selectFrom('import_sources')
      .select(['source_id', 'entity_id'])
      .where('source', '=', source)
      .where('kind', '=', kind)
      .where('source_id', 'in', ids)
      .execute();
    for (const r of rows) out.set(r.source_id, r.entity_id);
  }
  return out;
}

export interface ImportedRow {
  kind: SourceKind;
  sourceId: string;
  entityId: number;
  /** For a new story: the status it takes at the flip (holdStatus in the same statement). */
  held?: { status: string; publishedAt: string | null };
}

/**
 * rememberImported (and holdStatus) for a batch. One key twice in a
 * statement is refused by PostgreSQL's ON CONFLICT, so the last one wins
 * here, as it would have row by row.
 */
export async function rememberImportedMany(db: Q, source: string, rows: readonly ImportedRow[], at: string): Promise<void> {
  const last = new Map(rows.map((r) => [`${r.kind}\u0000${r.sourceId}`, r]));
  const values = [...last.values()].map((r) => ({
    source, kind: r.kind, source_id: r.sourceId, entity_id: r.entityId, held_status: r.held?.status ?? null, held_published_at: r.held?.publishedAt ?? null, imported_at: at,
  }));
  for (const chunk of chunked(values)) {
    await db
      .insertInto('import_sources')
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(['source', 'kind', 'source_id']).doUpdateSet((eb) => ({
          entity_id: eb.ref('excluded.entity_id'),
          imported_at: eb.ref('excluded.imported_at'),
          held_status: eb.ref('excluded.held_status'),
          held_published_at: eb.ref('excluded.held_published_at'),
        })),
      )
      .execute();
  }
}

/** The ids among `ids` that still have a story (an imported story may have been deleted since). */
export async function existingArticleIds(db: Q, ids: readonly number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (const chunk of chunked([...new Set(ids)])) {
    for (const r of await db.selectFrom('articles').select('id').where('id', 'in', chunk).execute()) out.add(r.id);
  }
  return out;
}

/** Which of `slugs` stories already use. */
export async function takenSlugs(db: Q, slugs: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const chunk of chunked([...new Set(slugs)])) {
    for (const r of await db.selectFrom('articles').select('slug').where('slug', 'in', chunk).execute()) out.add(r.slug);
  }
  return out;
}

/** putRedirect for a batch; a path twice keeps its last story, as row by row. */
export async function putRedirects(db: Q, rows: ReadonlyArray<{ path: string; articleId: number }>, at: string): Promise<void> {
  const last = new Map(rows.map((r) => [r.path, r.articleId]));
  for (const chunk of chunked([...last])) {
    await db
      .insertInto('redirects')
      .values(chunk.map(([path, articleId]) => ({ path, article_id: articleId, status_code: 301, created_at: at })))
      .onConflict((oc) => oc.column('path').doUpdateSet((eb) => ({ article_id: eb.ref('excluded.article_id') })))
      .execute();
  }
}

/** A batch of new stories' tags, bylines and first revisions: one statement per table (per 500 rows). */
export async function insertStoryLinks(
  db: Q,
  tags: ReadonlyArray<{ article_id: number; tag_id: number; position: number }>,
  bylines: ReadonlyArray<{ article_id: number; person_id: number; position: number }>,
  revisions: ReadonlyArray<{ article_id: number; version: number; snapshot: string; actor: string; created_at: string }>,
): Promise<void> {
  for (const chunk of chunked(tags)) await db.insertInto('article_tags').values(chunk).execute();
  for (const chunk of chunked(bylines)) await db.insertInto('article_bylines').values(chunk).execute();
  for (const chunk of chunked(revisions)) await db.insertInto('revisions').values(chunk).execute();
}

/** The held status of these stories is spent: they have taken it. */
export async function clearHeld(db: Q, source: string, ids: readonly number[]): Promise<void> {
  await db
    .updateTable('import_sources')
    .set({ held_status: null, held_published_at: null })
    .where('source', '=', source)
    .where('kind', '=', 'article')
    .where('entity_id', 'in', [...ids])
    .execute();
}

/**
 * The flip for a chunk of held stories in two statements: each takes its
 * held status, and its hold is cleared. The rule, in SQL so that no row
 * has to travel: a published or scheduled story with a date is published
 * when the date has come and scheduled when it has not; one without a date
 * stays a draft; any other status (draft, review) is kept as it is, with
 * no date. Returns the new statuses, for the change rows.
 */
export async function applyHeldStatuses(db: Q, source: string, ids: readonly number[], nowIso: string): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const live = sql`s.held_status in ('published', 'scheduled') and s.held_published_at is not null`;
  await db
    .updateTable('articles')
    .from('import_sources as s')
    .set({
      status: sql`case when ${live} then (case when s.held_published_at > ${nowIso} then 'scheduled' else 'published' end) when s.held_status in ('published', 'scheduled') then 'draft' else s.held_status end`,
      published_at: sql`case when ${live} then s.held_published_at else null end`,
      first_published_at: sql`case when ${live} and s.held_published_at <= ${nowIso} then s.held_published_at else null end`,
    })
    .whereRef('s.entity_id', '=', 'articles.id')
    .where('s.source', '=', source)
    .where('s.kind', '=', 'article')
    .where('s.held_status', 'is not', null)
    .where('articles.id', 'in', [...ids])
    .execute();
  await clearHeld(db, source, ids);
  const rows = await db.selectFrom('articles').select(['id', 'status']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.status]));
}
