import { sql } from 'kysely';
import { PRIVATE_TOKEN } from '../../storage/migrations/0008-search-speed.ts';
import { matchUnits, type MatchUnit } from './search.query.ts';
import type { ParsedQuery, Q } from './search.types.ts';

/**
 * How much of the archive a PostgreSQL search reads (docs/search.md): from
 * the planner's statistics of `search_index`, the share of stories holding
 * each common lexeme and the order keys that cut the stories into equal
 * parts, the newest slice of the order-key range expected to hold the
 * matches a search needs.
 */

export interface IndexStats {
  freq: Map<string, number>;
  /** Every lexeme not in `freq` is in fewer stories than this share. */
  rarest: number;
  stories: number;
  /** Order keys at equal steps of stories, ascending (ANALYZE's histogram), or [] without one. */
  bounds: number[];
}

const STATS_TTL_MS = 60_000;
const statsCache = new WeakMap<object, { at: number; stats: Promise<IndexStats | null> }>();

/**
 * ANALYZE keeps the share of stories holding each of the most common
 * lexemes of `document`, and a histogram of `order_key`. Reading them costs
 * 5–40 ms (the view converts a thousand-element array), so they are kept for
 * a minute per database handle.
 */
export function indexStats(db: Q): Promise<IndexStats | null> {
  const hit = statsCache.get(db);
  if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.stats;
  const stats = (async () => {
    const r = await sql<{ attname: string; e: string[] | null; f: number[] | null; h: string[] | null; n: number }>`
      select s.attname, s.most_common_elems::text::text[] as e, s.most_common_elem_freqs as f, s.histogram_bounds::text::text[] as h,
        greatest(c.reltuples, 1)::float8 as n
      from pg_stats s join pg_class c on c.relname = s.tablename and c.relnamespace = (select oid from pg_namespace where nspname = s.schemaname)
      where s.schemaname = current_schema() and s.tablename = 'search_index' and s.attname in ('document', 'order_key')`.execute(db);
    const doc = r.rows.find((x) => x.attname === 'document');
    if (!doc?.e || !doc.f) return null;
    const bounds = (r.rows.find((x) => x.attname === 'order_key')?.h ?? []).map(Number);
    return { freq: new Map(doc.e.map((lex, i) => [lex, doc.f![i]])), rarest: doc.f[doc.e.length] ?? 0, stories: doc.n, bounds };
  })();
  statsCache.set(db, { at: Date.now(), stats });
  return stats;
}

export const share = (st: IndexStats, lexeme: string): number => st.freq.get(lexeme) ?? st.rarest / 2;

/** How much rarer a phrase is than its rarest word, roughly, when it has no pair lexeme to go by. */
const PHRASE_SHARE = 0.05;

/**
 * The share of stories a word or phrase matches: its rarest word (or its
 * pair lexemes, which ANALYZE counts like words), or its key, whichever way
 * it matches.
 */
export function unitFrequency(st: IndexStats, u: MatchUnit, pairs: readonly string[] = []): number {
  const words = Math.min(...u.parts.map((w) => share(st, w)));
  const text = pairs.length ? Math.min(words, ...pairs.map((p) => share(st, p))) : words * (u.parts.length > 1 ? PHRASE_SHARE : 1);
  const key = u.key ? Math.min(...u.key.split(' ').map((w) => share(st, PRIVATE_TOKEN + w))) : 0;
  return Math.min(1, text + key);
}

/** The expected share of stories matching the whole query and its filters (words assumed independent). */
export function matchDensity(st: IndexStats, q: ParsedQuery, f: { sections: string[] | null; author: string | null }, pairs: ReadonlyArray<readonly string[]>): number {
  let d = matchUnits(q).reduce((acc, u, i) => acc * unitFrequency(st, u, pairs[i]), 1);
  if (f.sections) d *= Math.min(1, f.sections.reduce((acc, t) => acc + share(st, t), 0));
  if (f.author) d *= share(st, f.author);
  return Math.max(d, 1e-9);
}

/** Stories before order key `key`, from the histogram (linear inside a step). */
function rankOf(st: IndexStats, key: number): number {
  const b = st.bounds;
  const step = st.stories / (b.length - 1);
  if (key <= b[0]) return 0;
  if (key >= b[b.length - 1]) return st.stories;
  let i = 0;
  while (b[i + 1] <= key) i++;
  return (i + (key - b[i]) / (b[i + 1] - b[i] || 1)) * step;
}

function keyOfRank(st: IndexStats, rank: number): number {
  const b = st.bounds;
  const step = st.stories / (b.length - 1);
  const i = Math.min(b.length - 2, Math.floor(rank / step));
  return Math.floor(b[i] + (rank / step - i) * (b[i + 1] - b[i]));
}

/**
 * The order key from which [key, hi) holds about `stories` stories, or
 * null when that is all of them (or there is no histogram to tell).
 */
export function keyForNewest(st: IndexStats | null, hi: number, stories: number): number | null {
  if (!st || st.bounds.length < 2) return null;
  const rank = rankOf(st, hi) - stories;
  return rank <= 0 ? null : keyOfRank(st, rank);
}
