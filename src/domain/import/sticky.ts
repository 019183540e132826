import { MAX_TOP_STORIES } from '../front-page/index.ts';
import type { Q } from '../../storage/index.ts';
import { AppError } from '../shared/errors.ts';
import type { ImportDeps } from './import.types.ts';

/** Source ids per lookup: far under either database's limit on bound parameters, whatever a file marks sticky. */
const CHUNK = 500;

/**
 * The front page's top stories from the posts a source marked sticky
 * (WordPress `is_sticky`, Ghost `featured`): those public after the flip,
 * newest first, up to the front page's limit. Placed only while the front
 * page holds no editor's choice (FrontPageService.placeIfUnarranged), so an
 * import into a working newsroom leaves its page alone, and a re-run leaves
 * what its first run placed. The outcome is a note in the run's summary.
 */
export async function placeSticky(deps: ImportDeps, source: string, sourceIds: string[], actor: string, note: (n: string, count: number) => void): Promise<void> {
  if (!sourceIds.length) return;
  const ids = await newestPublic(deps.db.kysely, source, [...new Set(sourceIds)]);
  if (!ids.length) return note('sticky posts not placed: none is published', sourceIds.length);
  if (!deps.frontPage) return note('sticky posts not placed: no front page service', ids.length);
  let placed: boolean;
  try {
    placed = await deps.frontPage.placeIfUnarranged(ids, actor);
  } catch (e) {
    // The stories are in and public by now: a story unpublished by someone in the meantime costs the top stories, not the run.
    if (e instanceof AppError && e.code === 'VALIDATION_FAILED') return note(`sticky posts not placed: ${e.problems[0]?.message ?? e.message}`, ids.length);
    throw e;
  }
  note(placed ? 'sticky posts placed as top stories on the front page' : 'sticky posts not placed: the front page already has choices (an editor\'s, or an earlier import\'s)', ids.length);
}

async function newestPublic(db: Q, source: string, sourceIds: string[]): Promise<number[]> {
  const found: { id: number; published_at: string | null }[] = [];
  for (let i = 0; i < sourceIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('import_sources')
      .innerJoin('articles', 'articles.id', 'import_sources.entity_id')
      .select(['articles.id', 'articles.published_at'])
      .where('import_sources.source', '=', source)
      .where('import_sources.kind', '=', 'article')
      .where('import_sources.source_id', 'in', sourceIds.slice(i, i + CHUNK))
      .where('articles.status', '=', 'published')
      .execute();
    found.push(...rows);
  }
  // ISO 8601 UTC strings: their order is their time's; the id breaks ties the same way on both databases.
  found.sort((a, b) => (b.published_at ?? '').localeCompare(a.published_at ?? '') || b.id - a.id);
  return found.slice(0, MAX_TOP_STORIES).map((r) => r.id);
}
