import type { Doc } from '../articles/index.ts';
import { pageSlugProblem, type PagesService } from '../pages/index.ts';
import { AppError } from '../shared/errors.ts';
import { findImported, rememberImported } from './import.repo.ts';
import type { ImportCounts } from './import.types.ts';

/** A source's page (WordPress `page` items, Ghost `type: page` posts), converted. */
export interface PageRecord {
  sourceId: string;
  title: string;
  slug: string;
  body: Doc;
  status: 'draft' | 'published';
}

/** Pages are few (About, Contact, Terms); a file with more is not a site's pages but something else. */
export const MAX_IMPORTED_PAGES = 2000;

/**
 * Static pages, written through the pages service (its slug rules, its
 * revisions and change rows) after the run's stories are released, one
 * page per transaction: a re-run finds each by its source id and updates
 * it. The page keeps its old slug when that is free and not a name the
 * site uses itself (then one is made from its title). A run that dies among
 * the pages leaves the stories public and the rest of the pages to the
 * next run of the same file.
 */
export async function writePages(deps: { pages: PagesService; db: Parameters<typeof findImported>[0]; now: () => Date }, source: string, records: PageRecord[], counts: ImportCounts): Promise<void> {
  const actor = `import:${source}`;
  for (const r of records) {
    const input = { title: r.title.replace(/\s+/g, ' ').trim().slice(0, 200) || 'Untitled page', body: r.body, status: r.status };
    const existing = await findImported(deps.db, source, 'page', r.sourceId);
    if (existing !== undefined) {
      try {
        await deps.pages.update(existing, input, actor);
        counts.pagesUpdated += 1;
        continue;
      } catch (e) {
        // Deleted here since the last run: made again below.
        if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
      }
    }
    const slug = pageSlugProblem(r.slug) ? undefined : r.slug;
    let id: number;
    try {
      id = (await deps.pages.create({ ...input, slug }, actor)).id;
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'SLUG_TAKEN' && slug)) throw e;
      id = (await deps.pages.create(input, actor)).id;
    }
    await rememberImported(deps.db, source, 'page', r.sourceId, id, deps.now().toISOString());
    counts.pages += 1;
  }
}
