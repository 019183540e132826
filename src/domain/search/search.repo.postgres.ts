import { sql, type RawBuilder } from 'kysely';
import { PG_SEARCH_CONFIG } from '../../storage/migrations/0002-search.ts';
import { PRIVATE_TOKEN } from '../../storage/migrations/0008-search-speed.ts';
import { lockForStoryWrite, pairsOf, phrasePairs } from './search.grams.repo.postgres.ts';
import { withPhraseGrams, writeGramWords } from './search.grams.repo.ts';
import { foldText, matchUnits, type MatchUnit } from './search.query.ts';
import { inverseDocumentFrequency } from './search.ranking.ts';
import { filterFacets, keyRange } from './search.repo.ts';
import type { LeadRow, MatchArgs, PageRow, ParsedQuery, Q, SearchDocument, SearchRepo } from './search.types.ts';

/**
 * PostgreSQL full text (scale-out; docs/architecture.md): one tsvector per story in
 * `search_documents.document` with a GIN index. Words of headline (weight A),
 * standfirst, bylines, tags (B) and body (D) are folded in JS and parsed by
 * the `dateline_search` configuration; name keys (C) and facets are private
 * lexemes written as they are (0008-search-speed: they start with U+001F,
 * which no parsed word contains). So a query has no weight restrictions and
 * the GIN index answers words, names and filters exactly, without reading a
 * single tsvector back from the table (only phrases need that recheck).
 */

const CFG = sql.raw(`'${PG_SEARCH_CONFIG}'::regconfig`);

/** Text as the tsvector sees it: folded, and never markup (the default parser drops `<script>` as an HTML tag). */
export const foldForIndex = (s: string): string => foldText(s).replace(/[<>&]/g, ' ');

/** A quoted lexeme for tsvector or tsquery input: nothing inside it is an operator. */
const quoted = (w: string): string => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** Name keys as private lexemes with positions (a key of two words is a phrase): `'\u001fkani':1 '\u001fjn':2 …`. */
export function namesVectorText(names: string): string {
  const words = names.split(/\s+/).filter((w) => w && w !== ';');
  return words.map((w, i) => `${quoted(PRIVATE_TOKEN + w)}:${i + 1}`).join(' ');
}

/** Facet tokens (already private) as lexemes. */
export const facetsVectorText = (facets: string): string => facets.split(' ').filter(Boolean).map(quoted).join(' ');

type Part = string | RawBuilder<unknown>;

/**
 * A private lexeme between two columns: `||` numbers the right-hand words on
 * from the left's last, so without it the headline's last word and the
 * standfirst's first would make a phrase (FTS5 never matches across columns).
 */
const GAP = sql.raw(`'${PRIVATE_TOKEN}:1'::tsvector`);

/**
 * The tsvector of a story from its folded text, and the names and facets
 * vector texts above. The bench's bulk load builds it from this same SQL.
 */
export function documentVector(p: { headline: Part; dek: Part; people: Part; tags: Part; names: Part; body: Part; facets: Part }): RawBuilder<unknown> {
  return sql`setweight(to_tsvector(${CFG}, ${p.headline}), 'A') || ${GAP} || setweight(to_tsvector(${CFG}, ${p.dek}), 'B')
    || ${GAP} || setweight(to_tsvector(${CFG}, ${p.people}), 'B') || ${GAP} || setweight(to_tsvector(${CFG}, ${p.tags}), 'B')
    || ${GAP} || setweight((${p.names})::tsvector, 'C') || ${GAP} || setweight(to_tsvector(${CFG}, ${p.body}), 'D') || (${p.facets})::tsvector`;
}

interface LexemeStats {
  freq: Map<string, number>;
  /** Every lexeme not in `freq` is in fewer stories than this share. */
  rarest: number;
  stories: number;
}

const STATS_TTL_MS = 60_000;
const statsCache = new WeakMap<object, { at: number; stats: Promise<LexemeStats | null> }>();

/**
 * ANALYZE keeps the share of stories holding each of the most common
 * lexemes of `document`. Reading them costs 5–40 ms (the view converts a
 * thousand-element array), so they are kept for a minute per database handle.
 */
function lexemeStats(db: Q): Promise<LexemeStats | null> {
  const hit = statsCache.get(db);
  if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.stats;
  const stats = (async () => {
    const r = await sql<{ e: string[] | null; f: number[] | null; n: number }>`
      select s.most_common_elems::text::text[] as e, s.most_common_elem_freqs as f, greatest(c.reltuples, 1)::float8 as n
      from pg_stats s join pg_class c on c.relname = s.tablename and c.relnamespace = (select oid from pg_namespace where nspname = s.schemaname)
      where s.schemaname = current_schema() and s.tablename = 'search_documents' and s.attname = 'document'`.execute(db);
    const row = r.rows[0];
    if (!row?.e || !row.f) return null;
    return { freq: new Map(row.e.map((lex, i) => [lex, row.f![i]])), rarest: row.f[row.e.length] ?? 0, stories: row.n };
  })();
  statsCache.set(db, { at: Date.now(), stats });
  return stats;
}

const share = (st: LexemeStats, lexeme: string): number => st.freq.get(lexeme) ?? st.rarest / 2;

/** The share of stories a word or phrase matches: its rarest word, or its key, whichever way it matches; a phrase is rarer than its words. */
function unitFrequency(st: LexemeStats, u: MatchUnit): number {
  const text = Math.min(...u.parts.map((w) => share(st, w))) * (u.parts.length > 1 ? PHRASE_SHARE : 1);
  const key = u.key ? Math.min(...u.key.split(' ').map((w) => share(st, PRIVATE_TOKEN + w))) : 0;
  return Math.min(1, text + key);
}

/** How much rarer a phrase is than its rarest word, roughly, for choosing a plan. */
const PHRASE_SHARE = 0.05;
/** Measured on the bench (docs/search.md): testing one tsvector in a walk, and one GIN match in a bitmap, in µs. */
const WALK_ROW_US = 20;
const BITMAP_MATCH_US = 0.3;

type Plan = 'walk' | 'slices' | 'bitmap';

/**
 * Walk when stopping at `limit` dense matches costs less than collecting
 * every match from GIN; collect them all at once when they are few (each
 * slice is a scan of the words' whole GIN entries); otherwise slice.
 */
function choosePlan(st: LexemeStats | null, args: MatchArgs, f: { sections: string[] | null; author: string | null }): Plan {
  if (!st) return 'slices';
  let density = matchUnits(args.query).reduce((d, u) => d * unitFrequency(st, u), 1);
  if (f.sections) density *= Math.min(1, f.sections.reduce((d, t) => d + share(st, t), 0));
  if (f.author) density *= share(st, f.author);
  const matches = density * st.stories;
  if ((args.limit / Math.max(density, 1e-9)) * WALK_ROW_US < matches * BITMAP_MATCH_US) return 'walk';
  return matches <= FEW_MATCHES * args.limit ? 'bitmap' : 'slices';
}

/** Up to this many times `limit` expected matches, one GIN bitmap over the whole range beats slicing. */
const FEW_MATCHES = 10;

/** Shares of the key range searched in turn, newest first (the last share is the rest of the range). */
const SLICES = [1 / 256, 1 / 32, 1 / 4, 1];

const phraseText = (words: readonly string[]): string => words.map(quoted).join(' <-> ');

/**
 * One word (its text, or its key among the names) or one phrase. `pairs`
 * are the pair tokens of its text (common-grams): ANDed with the phrase
 * they let GIN skip to the stories that can hold it; the phrase decides.
 */
function unitQuery(u: MatchUnit, pairs: readonly string[] = []): RawBuilder<unknown> {
  let text = sql`to_tsquery(${CFG}, ${phraseText(u.parts)})`;
  if (pairs.length) text = sql`(${pairs.map(quoted).join(' & ')}::tsquery && ${text})`;
  return u.key ? sql`(${text} || ${phraseText(u.key.split(' ').map((w) => PRIVATE_TOKEN + w))}::tsquery)` : text;
}

/**
 * The tsquery of a query and its facets, from sanitised parts only, every
 * lexeme quoted; `pairs[i]` are the pair tokens of the i-th unit of matchUnits(q).
 */
export function tsquery(q: ParsedQuery, sections: string[] | null, author: string | null, pairs: ReadonlyArray<readonly string[]> = []): RawBuilder<unknown> {
  const parts = matchUnits(q).map((u, i) => unitQuery(u, pairs[i]));
  if (sections) parts.push(sql`${sections.map(quoted).join(' | ')}::tsquery`);
  if (author) parts.push(sql`${quoted(author)}::tsquery`);
  return sql.join(parts, sql` && `);
}

/**
 * A story's row, its tsvector carrying the pairs of every live list of
 * common words (pairsOf), made from the tsvector itself in the same statement.
 */
async function upsertRow(trx: Q, doc: SearchDocument): Promise<void> {
  await lockForStoryWrite(trx);
  const { words, version } = await writeGramWords(trx);
  const f = foldForIndex;
  const vector = documentVector({
    headline: f(doc.headline), dek: f(doc.dek), people: f(doc.people), tags: f(doc.tags), body: f(doc.body),
    names: namesVectorText(doc.names), facets: facetsVectorText(doc.facets),
  });
  await sql`with v as (select ${vector} as d), p as (select d, ${pairsOf(sql`d`, words)} as p from v)
    insert into search_documents (article_id, order_key, status, published_at, section_id, headline, dek, body, people, tags, names, facets, grams, grams_list, document)
    select ${doc.articleId}, ${doc.orderKey}, ${doc.status}, ${doc.publishedAt}, ${doc.sectionId}, ${doc.headline}, ${doc.dek}, ${doc.body},
      ${doc.people}, ${doc.tags}, ${doc.names}, ${doc.facets}, array_to_string(p.p, ' '), ${version}, p.d || array_to_tsvector(p.p) from p
    on conflict (article_id) do update set
      order_key = excluded.order_key, status = excluded.status, published_at = excluded.published_at, section_id = excluded.section_id,
      headline = excluded.headline, dek = excluded.dek, body = excluded.body, people = excluded.people, tags = excluded.tags,
      names = excluded.names, facets = excluded.facets, grams = excluded.grams, grams_list = excluded.grams_list, document = excluded.document`.execute(trx);
}

export const postgresSearchRepo: SearchRepo = {
  async upsert(db, doc: SearchDocument) {
    // The lock, the lists read and the row written in one transaction (lockForStoryWrite).
    await (db.isTransaction ? upsertRow(db, doc) : db.transaction().execute((trx) => upsertRow(trx, doc)));
  },

  async remove(db, articleId) {
    await db.deleteFrom('search_documents').where('article_id', '=', articleId).execute();
  },

  /**
   * Newest first, by the cheapest of three plans (choosePlan): a walk down
   * the order key index testing each story's tsvector, which stops early
   * when matches are dense, or the GIN index's matches for a slice of the
   * key range, newest slice first, growing until there are enough, which
   * suits sparse matches, or all of GIN's matches at once when they are
   * few. The planner picks the walk whenever there is a LIMIT, even for a
   * name in 3% of stories (a quarter of a second), so the choice is made
   * here and the other kind of scan is switched off for the statement.
   */
  async matchKeys(db, args) {
    const f = await filterFacets(db, args.filters);
    if (f === null) return [];
    const { lo, hi } = keyRange(args.filters, args.nowIso);
    const plan = choosePlan(await lexemeStats(db), args, f);
    const run = async (trx: Q, q: RawBuilder<unknown>) => {
      await sql.raw(plan === 'walk' ? 'set local enable_bitmapscan = off' : 'set local enable_indexscan = off').execute(trx);
      const keys: number[] = [];
      let top = hi;
      for (const share of plan === 'slices' ? SLICES : [1]) {
        const from = share === 1 ? lo : Math.max(lo, Math.floor(hi - (hi - lo) * share));
        if (from >= top) continue;
        const r = await sql<{ k: number }>`select order_key as k from search_documents
          where document @@ (${q}) and order_key >= ${from} and order_key < ${top}
          order by order_key desc limit ${args.limit - keys.length}`.execute(trx);
        for (const x of r.rows) keys.push(Number(x.k));
        if (keys.length >= args.limit || from <= lo) break;
        top = from;
      }
      return keys;
    };
    return withPhraseGrams(db, args.query, phrasePairs, (pairs) => {
      const q = tsquery(args.query, f.sections, f.author, pairs);
      return db.isTransaction ? run(db, q) : db.transaction().execute((trx) => run(trx, q));
    });
  },

  async leadRows(db, keys) {
    if (!keys.length) return new Map<number, LeadRow>();
    const r = await sql<LeadRow>`select order_key as key, headline || chr(30) || dek || chr(30) || people || chr(30) || tags || chr(30) || names as lead
      from search_documents where order_key = any(${keys}::bigint[])`.execute(db);
    return new Map(r.rows.map((x) => [Number(x.key), { key: Number(x.key), lead: x.lead }]));
  },

  async pageRows(db, keys) {
    if (!keys.length) return new Map<number, PageRow>();
    const r = await sql<PageRow>`select order_key as key, article_id as id, headline, body, names from search_documents where order_key = any(${keys}::bigint[])`.execute(db);
    return new Map(r.rows.map((x) => [Number(x.key), { ...x, key: Number(x.key) }]));
  },

  /**
   * From the planner's statistics (lexemeStats): no tsvector is read.
   * Without statistics (a new database) every unit weighs the same.
   */
  async unitIdf(db, units) {
    const st = await lexemeStats(db);
    if (!st) return units.map(() => 1);
    return units.map((u) => inverseDocumentFrequency(unitFrequency(st, u) * st.stories, st.stories));
  },
};
