import type { SearchService } from '../../domain/search/index.ts';
import { EXIT, parseFlags, UsageError, type Io } from '../io.ts';
import { configFrom, withServices } from './services.ts';

export const SEARCH_REINDEX_USAGE = `usage: dateline search-reindex [--batch N]

Rebuilds every story's search entry from the stories themselves: after
restoring a database whose index was behind its stories, or after the site
stopped while re-indexing the stories of a renamed tag or person (that runs
in the background, after the rename commits). N stories a transaction (500
by default), each committed on its own, so the site keeps running and a
stopped run leaves every entry whole; run it again to finish. Both
databases.`;

async function run(batch: number | undefined, search: SearchService, io: Io): Promise<number> {
  const started = Date.now();
  const n = await search.reindexAll(batch);
  io.out(`${n.toLocaleString('en')} published stories indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return EXIT.ok;
}

/** `dateline search-reindex [--batch N]`. */
export async function searchReindexCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(args, { batch: { type: 'string' } }, true);
  if (values.help) return (io.out(SEARCH_REINDEX_USAGE), EXIT.ok);
  if (positionals.length) throw new UsageError('search-reindex takes no arguments besides --batch N');
  const batch = values.batch === undefined ? undefined : Number(values.batch);
  if (batch !== undefined && !(Number.isInteger(batch) && batch >= 1 && batch <= 10_000)) throw new UsageError('--batch must be a whole number from 1 to 10000');
  return withServices(configFrom(io), (s) => run(batch, s.search, io));
}
