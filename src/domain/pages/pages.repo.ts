import type { Q } from '../../storage/index.ts';
import type { PageRow } from '../../storage/schema.ts';

export async function listPageRows(db: Q): Promise<PageRow[]> {
  return db.selectFrom('pages').selectAll().orderBy('title').execute();
}

export async function findPageRow(db: Q, id: number): Promise<PageRow | undefined> {
  return db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPublishedPageRow(db: Q, slug: string): Promise<PageRow | undefined> {
  return db.selectFrom('pages').selectAll().where('slug', '=', slug).where('status', '=', 'published').executeTakeFirst();
}

/** Public pages in the footer menu, in the editors' order. */
export async function menuPageRows(db: Q): Promise<Array<Pick<PageRow, 'id' | 'slug' | 'title' | 'menu_position'>>> {
  return db
    .selectFrom('pages')
    .select(['id', 'slug', 'title', 'menu_position'])
    .where('status', '=', 'published')
    .where('menu_position', 'is not', null)
    .orderBy('menu_position')
    .orderBy('id')
    .execute();
}

/** Every page in the menu, public or not: the order editors arrange. */
export async function menuOrder(db: Q): Promise<number[]> {
  const rows = await db.selectFrom('pages').select('id').where('menu_position', 'is not', null).orderBy('menu_position').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function renumberMenu(db: Q, ids: number[]): Promise<void> {
  for (const [position, id] of ids.entries()) await db.updateTable('pages').set({ menu_position: position }).where('id', '=', id).execute();
}

export async function insertPageRow(db: Q, row: Omit<PageRow, 'id'>): Promise<number> {
  return (await db.insertInto('pages').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Applies only if the page is still at `version`: 0 rows means someone saved in between. */
export async function updatePageRow(db: Q, id: number, version: number, patch: Partial<Omit<PageRow, 'id'>>): Promise<number> {
  const r = await db.updateTable('pages').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function deletePageRow(db: Q, id: number): Promise<void> {
  await db.deleteFrom('pages').where('id', '=', id).execute();
}

export async function slugInUse(db: Q, slug: string): Promise<boolean> {
  return (await db.selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
}

export async function insertPageRevision(db: Q, pageId: number, version: number, snapshot: unknown, actor: string, at: string): Promise<void> {
  await db.insertInto('page_revisions').values({ page_id: pageId, version, snapshot: JSON.stringify(snapshot), actor, created_at: at }).execute();
}

export async function listPageRevisions(db: Q, pageId: number) {
  return db.selectFrom('page_revisions').select(['version', 'actor', 'created_at', 'snapshot']).where('page_id', '=', pageId).orderBy('version', 'desc').execute();
}

export async function updatePageMenuNull(db: Q, id: number): Promise<void> {
  await db.updateTable('pages').set({ menu_position: null }).where('id', '=', id).execute();
}
