import type { Q } from '../../storage/index.ts';

/** The story an old address points at, if that story is public now. */
export async function findVisibleTarget(db: Q, path: string, nowIso: string) {
  return db
    .selectFrom('redirects as r')
    .innerJoin('articles as a', 'a.id', 'r.article_id')
    .select(['r.status_code', 'a.id', 'a.slug'])
    .where('r.path', '=', path)
    .where('a.status', '=', 'published')
    .where('a.published_at', '<=', nowIso)
    .executeTakeFirst();
}
