import type { GramStatus, SearchService } from '../../domain/search/index.ts';
import { EXIT, parseFlags, UsageError, type Io } from '../io.ts';
import { configFrom, withServices } from './services.ts';

export const SEARCH_GRAMS_USAGE = `usage: dateline search-grams status
       dateline search-grams build [--force] [--batch N]
       dateline search-grams off

Common-grams make quoted phrases of common words ("prime minister") fast on
a large index, SQLite or PostgreSQL (docs/search.md). \`build\` chooses the common words
from the index's statistics over the most recent stories, gives every story
the pairs of the new list (a few hundred stories a transaction, while the
site runs), and only then lets queries use it. Stopped midway, it resumes
where it was when run again. Below 50,000 stories it does nothing (phrases
are fast on a small index) unless --force, which also rebuilds when the
words would not change. \`off\` stops queries using any list.`;

function printStatus(s: GramStatus, out: (line: string) => void): void {
  out(`stories indexed: ${s.stories.toLocaleString('en')}`);
  const a = s.active;
  out(a ? `active list: ${a.version}, ${a.wordCount} words from the ${a.sampleStories.toLocaleString('en')} most recent stories, active since ${a.activatedAt}: ${a.sample.join(' ')} …`
    : 'active list: none (phrases are matched without pairs)');
  const b = s.building;
  out(b ? `building: list ${b.version}, ${b.pending.toLocaleString('en')} stories still to rewrite (run \`dateline search-grams build\` to go on)` : 'building: none');
}

async function run(sub: string, values: { force?: boolean; batch?: string }, search: SearchService, io: Io): Promise<number> {
  if (sub === 'status') {
    printStatus(await search.commonGramsStatus(), io.out);
    return EXIT.ok;
  }
  if (sub === 'off') {
    const n = await search.retireCommonGrams();
    io.out(`${n} list${n === 1 ? '' : 's'} retired; phrases are matched without pairs`);
    return EXIT.ok;
  }
  const batch = values.batch === undefined ? undefined : Number(values.batch);
  if (batch !== undefined && !(Number.isInteger(batch) && batch >= 1 && batch <= 10_000)) throw new UsageError('--batch must be a whole number from 1 to 10000');
  const started = Date.now();
  const r = await search.buildCommonGrams({ force: values.force, batch, log: io.err });
  if (r.outcome === 'skipped') io.out(`nothing built: ${r.reason}`);
  else if (r.outcome === 'unchanged') io.out(`list ${r.version} is active and the words would not change (--force rebuilds it)`);
  else io.out(`list ${r.version} active: ${r.words} words, ${r.rewritten.toLocaleString('en')} stories rewritten${r.resumed ? ' (resumed)' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return EXIT.ok;
}

/** `dateline search-grams status|build|off`. */
export async function searchGramsCommand(args: string[], io: Io, services?: { search: SearchService }): Promise<number> {
  const { values, positionals } = parseFlags(args, { force: { type: 'boolean' }, batch: { type: 'string' } }, true);
  if (values.help) return (io.out(SEARCH_GRAMS_USAGE), EXIT.ok);
  const [sub, ...rest] = positionals;
  if (!['status', 'build', 'off'].includes(sub ?? '') || rest.length) throw new UsageError('give one of status, build, off');
  if ((values.force || values.batch !== undefined) && sub !== 'build') throw new UsageError('--force and --batch go with build');
  if (services) return run(sub, values, services.search, io);
  return withServices(configFrom(io), (s) => run(sub, values, s.search, io));
}
