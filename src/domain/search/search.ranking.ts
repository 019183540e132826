import type { MatchUnit } from './search.query.ts';
import type { LeadRow } from './search.types.ts';
import { COLUMN_SEPARATOR, foldForMatch, hasWords } from './search.words.ts';

/**
 * Relevance, the same on both engines: a score per candidate computed in JS
 * from its short columns, over the RANK_WINDOW most recent matches
 * (search.find.ts; docs/search.md tells the whole story).
 *
 * Why not FTS5's bm25(): before it scores the first row, bm25 counts the
 * documents of each phrase by walking that phrase's whole doclist
 * (xQueryPhrase). For a word in 40% of a million stories that walk alone is
 * 30–120 ms, whatever the LIMIT. (PostgreSQL's ts_rank reads every ranked
 * row's tsvector back from TOAST.)
 *
 * The score: for each word or phrase of the query, the weights of the
 * columns it appears in (headline 10, bylines or tags 5, standfirst 4, its
 * key among the story's names 2: the column weights bm25 had here), or 1
 * when it is only in the body, times its inverse document frequency; equal
 * scores go to the newer story. What this gives up against bm25 is term
 * frequency and length normalisation: a story that says a word five times in
 * its body does not beat one that says it once. For news, where headline and
 * standfirst carry the subject and the reader wants recent stories, that is
 * a fair trade for a p95 under 25 ms.
 */

/** Matches ranked by score; the matches after them follow newest first. Five pages of 20. */
export const RANK_WINDOW = 100;
/** Stories in the sample SQLite counts document frequencies over. */
export const IDF_SAMPLE = 10_000;

export const WEIGHTS = { headline: 10, bylinesTags: 5, dek: 4, nameKey: 2, bodyOnly: 1 } as const;

/**
 * bm25's IDF, ln((N − n + 0.5) / (n + 0.5)), with FTS5's floor for a unit
 * in more than half the stories (which then barely counts).
 */
export function inverseDocumentFrequency(matching: number, stories: number): number {
  const idf = Math.log((stories - matching + 0.5) / (matching + 0.5));
  return idf > 1e-6 ? idf : 1e-6;
}

const HEADLINE = 0;
const DEK = 1;
const PEOPLE = 2;
const TAGS = 3;
const NAMES = 4;

function unitScore(u: MatchUnit, lead: string, cols: number[]): number {
  const has = (parts: readonly string[], c: number) => hasWords(lead, parts, cols[c], cols[c + 1] - 1);
  let s = 0;
  if (has(u.parts, HEADLINE)) s += WEIGHTS.headline;
  if (has(u.parts, PEOPLE) || has(u.parts, TAGS)) s += WEIGHTS.bylinesTags;
  if (has(u.parts, DEK)) s += WEIGHTS.dek;
  if (u.key && has(u.key.split(' '), NAMES)) s += WEIGHTS.nameKey;
  return s || WEIGHTS.bodyOnly;
}

/** Where each column starts in a lead string, and one past its end. */
function columnStarts(lead: string): number[] {
  const out = [0];
  for (let i = lead.indexOf(COLUMN_SEPARATOR); i >= 0; i = lead.indexOf(COLUMN_SEPARATOR, i + 1)) out.push(i + 1);
  while (out.length <= NAMES + 1) out.push(lead.length + 1);
  return out;
}

/**
 * `window` in order keys, newest first (as FTS5 returned them); the result is
 * the same keys best first. A key without its row scores as a body-only match.
 */
export function rankWindow(window: readonly number[], rows: ReadonlyMap<number, LeadRow>, units: readonly MatchUnit[], idf: readonly number[]): number[] {
  const score = new Map<number, number>();
  for (const k of window) {
    const r = rows.get(k);
    let s = 0;
    if (r) {
      const lead = foldForMatch(r.lead);
      const cols = columnStarts(lead);
      units.forEach((u, i) => (s += (idf[i] ?? 1) * unitScore(u, lead, cols)));
    }
    score.set(k, s);
  }
  return [...window].sort((a, b) => score.get(b)! - score.get(a)! || b - a);
}
