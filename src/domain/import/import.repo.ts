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

export async function releaseHeld(db: Q, source: string, sourceId: string): Promise<void> {
  await db
    .updateTable('import_sources')
    .set({ held_status: null, held_published_at: null })
    .where('source', '=', source)
    .where('kind', '=', 'article')
    .where('source_id', '=', sourceId)
    .execute();
}

export async function applyStatus(db: Q, id: number, status: string, publishedAt: string | null, firstPublishedAt: string | null): Promise<void> {
  await db.updateTable('articles').set({ status, published_at: publishedAt, first_published_at: firstPublishedAt }).where('id', '=', id).execute();
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
