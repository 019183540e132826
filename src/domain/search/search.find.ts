import { PRIVATE_TOKEN } from '../../storage/migrations/0008-search-speed.ts';
import { excerpt, markWords } from './search.excerpt.ts';
import { matchUnits } from './search.query.ts';
import { RANK_WINDOW, rankWindow } from './search.ranking.ts';
import type { Q, RepoHit, RepoSearchArgs, SearchRepo } from './search.types.ts';

/**
 * One search, the same on both engines: the dialect finds the matches
 * (newest first) and reads rows; the order, the count and the marks are
 * decided here.
 *
 * One walk finds the countCap + 1 most recent matches (more when a deep page
 * asks for it): that is the count, capped, and the candidates. `newest`
 * pages through them as they are. `relevance` re-orders the RANK_WINDOW
 * most recent by score (search.ranking.ts) and lets the older ones follow,
 * newest first, so every match is on exactly one page either way. Headline
 * and excerpt are marked for the page only.
 */
export async function findHits(repo: SearchRepo, db: Q, args: RepoSearchArgs): Promise<{ hits: RepoHit[]; total: number }> {
  const keys = await repo.matchKeys(db, {
    query: args.query, filters: args.filters, nowIso: args.nowIso, limit: Math.max(args.countCap + 1, args.offset + args.limit),
  });
  const units = matchUnits(args.query);
  let order = keys;
  if (args.sort === 'relevance' && args.offset < RANK_WINDOW && keys.length > 1) {
    const window = keys.slice(0, RANK_WINDOW);
    const rows = await repo.leadRows(db, window);
    // With one unit, its IDF scales every score alike.
    const idf = units.length > 1 ? await repo.unitIdf(db, units, args.nowIso) : [1];
    order = [...rankWindow(window, rows, units, idf), ...keys.slice(RANK_WINDOW)];
  }
  const page = order.slice(args.offset, args.offset + args.limit);
  const rows = await repo.pageRows(db, page);
  const hits = page.flatMap((k) => {
    const r = rows.get(k);
    if (!r) return [];
    const nameKeys = new Set(r.names.split(' ; ').map((k) => k.replaceAll(PRIVATE_TOKEN, '')));
    return [{ id: r.id, headlineMarked: markWords(r.headline, units), snippetMarked: excerpt(r.body, units), nameKeys }];
  });
  return { hits, total: keys.length };
}
