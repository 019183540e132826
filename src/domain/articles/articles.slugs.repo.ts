import type { Q } from './articles.repo.ts';

export interface SlugHolder {
  id: number;
  status: string;
  firstPublishedAt: string | null;
}

export async function findSlugHolder(db: Q, slug: string): Promise<SlugHolder | undefined> {
  const r = await db.selectFrom('articles').select(['id', 'status', 'first_published_at']).where('slug', '=', slug).executeTakeFirst();
  return r && { id: r.id, status: r.status, firstPublishedAt: r.first_published_at };
}

/**
 * Two stories trade slugs inside the caller's transaction. The unique index
 * is checked per statement, so the first story steps aside to a slug no
 * story can have (slugs never start with "~") while the other moves in; its
 * version moves on, so an editor still open on it reloads instead of saving
 * the old slug back.
 */
export async function swapSlugs(db: Q, a: { id: number; slug: string }, b: { id: number; slug: string }): Promise<void> {
  await db.updateTable('articles').set({ slug: `~${a.id}` }).where('id', '=', a.id).execute();
  await db.updateTable('articles').set({ slug: a.slug }).where('id', '=', b.id).execute();
  await db.updateTable('articles').set((eb) => ({ slug: b.slug, version: eb('version', '+', 1) })).where('id', '=', a.id).execute();
}
