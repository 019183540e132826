/**
 * The search bench's synthetic newsroom: N stories over ten years and the
 * query mix, both from seeded generators, so a SQLite and a PostgreSQL load
 * of the same N hold the same stories and every run asks the same queries.
 */
import type { SearchParams } from '../src/domain/search/index.ts';
import { prng } from './fixtures.ts';

/** A 20,000-word vocabulary with a Zipf (s = 1) frequency, like newsroom prose. */
const SYL = ['ba', 'ko', 'ri', 'ta', 'mel', 'son', 'dar', 'vi', 'lu', 'pen', 'gro', 'ste', 'ham', 'wil', 'cor', 'est', 'ine', 'ul', 'ay', 'not'];
export const VOCAB: string[] = [];
for (let i = 0; VOCAB.length < 20_000; i++) {
  let w = '';
  for (let n = i + 20; n > 0; n = Math.floor(n / 20)) w += SYL[n % 20];
  VOCAB.push(w);
}
const CUM: number[] = [];
VOCAB.reduce((acc, _w, i) => (CUM.push(acc + 1 / (i + 1)), acc + 1 / (i + 1)), 0);

/** Names in the spellings wire copy really uses (docs/search.md), plus distractors that must stay apart. */
export const NAME_GROUPS = [
  ['Ghaani', 'Qaani', "Qa'ani"], ['Gaddafi', 'Qaddafi', 'Kadhafi'], ['Qassem', 'Qasem'], ['Mohammed', 'Muhammad'],
  ['Hamas'], ['Hamad'], ['Zürich', 'Zurich'], ['Erdoğan', 'Erdogan'], ['Nasrallah', 'Nasrollah'], ['Khamenei', 'Khamene\'i'],
];
const FIRST = ['Esmail', 'Ali', 'Sara', 'Leila', 'Omar', 'Reza', 'Nadia', 'Karim', 'Yusuf', 'Dana'];
const LAST = ['Ahmadi', 'Karimi', 'Haddad', 'Park', 'Becker', 'Novak', 'Rossi', 'Sato', 'Silva', 'Okafor'];

export const SECTION_COUNT = 10;
/** Bylines: 200 people, `p1`…`p200`. */
export const PEOPLE = Array.from({ length: 200 }, (_, i) => `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]}${i >= 100 ? ' Jr' : ''}`);
/** Ten years of stories, oldest first, so ids rise with publication time as in a real archive. */
export const FIRST_STORY_AT = Date.parse('2016-01-01T00:00:00Z');

export interface BenchStory {
  id: number;
  publishedAt: string;
  sectionId: number;
  personId: number;
  headline: string;
  dek: string;
  body: string;
  tags: string[];
}

/** Stories 1…n in order: call `next()` n times. The same seed gives the same stories on every load. */
export function storyGenerator(n: number, seed = 7): { step: number; last: number; next(): BenchStory } {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const zipfWord = (): string => {
    const x = rand() * CUM[CUM.length - 1];
    let lo = 0;
    let hi = CUM.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (CUM[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return VOCAB[lo];
  };
  const sentence = (len: number, name?: string): string => {
    const w = Array.from({ length: len }, zipfWord);
    if (name) w.splice(1 + Math.floor(rand() * (len - 1)), 0, name);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return `${w.join(' ')}.`;
  };
  const step = Math.floor((10 * 365 * 86_400_000) / n);
  let id = 0;
  return {
    step,
    last: FIRST_STORY_AT + n * step,
    next() {
      id++;
      const personId = 1 + Math.floor(rand() * PEOPLE.length);
      const withName = rand() < 0.3 ? pick(pick(NAME_GROUPS)) : undefined;
      const headline = sentence(7, rand() < 0.3 ? withName : undefined).slice(0, -1);
      const dek = sentence(16);
      const body = [sentence(14, withName), sentence(12), sentence(14, `${pick(FIRST)} ${pick(LAST)}`), sentence(12), sentence(14), sentence(12), sentence(14), sentence(13)].join(' ');
      const tags = [pick(VOCAB.slice(0, 300)), pick(VOCAB.slice(0, 300))];
      return { id, publishedAt: new Date(FIRST_STORY_AT + id * step).toISOString(), sectionId: 1 + (id % SECTION_COUNT), personId, headline, dek, body, tags };
    },
  };
}

export const QUERY_KINDS = ['very common word', 'common word', 'rare word', 'name variant', 'phrase', 'two words', 'filtered'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/**
 * The query mix (unchanged since the first bench): 5% one of the 20 most
 * common words, 30% a common word, 15% a rare one, 20% a name in one of its
 * spellings, 10% a quoted phrase of two top-200 words, 10% two words (a
 * third of them page 2), 10% a word or name inside a section, a 90-day range
 * and, for 30%, an author, half of them newest first.
 */
export function queryMix(count: number, first: number, last: number, seed = 11): Array<{ kind: QueryKind; params: SearchParams }> {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const rank = (lo: number, hi: number) => VOCAB[lo + Math.floor(rand() * (hi - lo))];
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const one = (): { kind: QueryKind; params: SearchParams } => {
    const r = rand();
    if (r < 0.05) return { kind: 'very common word', params: { q: rank(0, 20) } };
    if (r < 0.35) return { kind: 'common word', params: { q: rank(20, 1000) } };
    if (r < 0.5) return { kind: 'rare word', params: { q: rank(1000, 20_000) } };
    if (r < 0.7) return { kind: 'name variant', params: { q: pick(pick(NAME_GROUPS)), sort: rand() < 0.3 ? 'newest' : 'relevance' } };
    if (r < 0.8) return { kind: 'phrase', params: { q: `"${rank(0, 200)} ${rank(0, 200)}"` } };
    if (r < 0.9) return { kind: 'two words', params: { q: `${rank(20, 2000)} ${rank(20, 2000)}`, offset: rand() < 0.3 ? '20' : undefined } };
    const from = first + rand() * (last - first) * 0.9;
    return {
      kind: 'filtered',
      params: {
        q: rand() < 0.5 ? rank(20, 1000) : pick(pick(NAME_GROUPS)), section: `s${1 + Math.floor(rand() * SECTION_COUNT)}`,
        author: rand() < 0.3 ? `p${1 + Math.floor(rand() * PEOPLE.length)}` : undefined, from: day(from), to: day(from + 90 * 86_400_000),
        sort: rand() < 0.5 ? 'newest' : 'relevance',
      },
    };
  };
  return Array.from({ length: count }, one);
}
