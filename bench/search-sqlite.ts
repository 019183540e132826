/**
 * Bulk load of the search bench corpus into a fresh SQLite database. It
 * bypasses the articles service (a million service creates would take hours)
 * but not the search module: every row goes through the `buildSearchDocument`
 * the indexer uses, into the tables the migrations create, and the FTS5
 * index is then built in one `rebuild` so its time can be reported alone.
 */
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { buildSearchDocument } from '../src/domain/search/index.ts';
import { sqliteGramEngine } from '../src/domain/search/search.grams.repo.sqlite.ts';
import { buildCommonGrams } from '../src/domain/search/search.grams.service.ts';
import { createSqliteDb, migrateToLatest } from '../src/storage/index.ts';
import { privateNames } from '../src/storage/migrations/0008-search-speed.ts';
import { SQLITE_FTS_TRIGGERS, SQLITE_FTS_TRIGGER_NAMES } from '../src/storage/migrations/0010-search-common-grams.ts';
import { PEOPLE, SECTION_COUNT, storyGenerator } from './search-corpus.ts';

export interface LoadTimes {
  loadMs: number;
  /** Choosing the common words and giving every story its pairs (0 when skipped). */
  gramsMs?: number;
  gramsNote?: string;
  buildMs: number;
  optimizeMs: number;
}

const BATCH = 20_000;

export async function loadSqliteCorpus(file: string, stories: number, log: (s: string) => void, withGrams = true): Promise<LoadTimes> {
  const setup = createSqliteDb(file);
  await migrateToLatest(setup);
  await setup.close();
  const raw = new BetterSqlite3(file);
  // A throwaway database: no journal while loading; WAL again before the queries run.
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -400000');
  const now = new Date().toISOString();
  for (let s = 1; s <= SECTION_COUNT; s++) raw.prepare('insert into sections (slug, name, created_at, updated_at) values (?, ?, ?, ?)').run(`s${s}`, `Section ${s}`, now, now);
  PEOPLE.forEach((name, i) => raw.prepare('insert into people (slug, name, created_at, updated_at) values (?, ?, ?, ?)').run(`p${i + 1}`, name, now, now));
  for (const t of SQLITE_FTS_TRIGGER_NAMES) raw.exec(`drop trigger ${t}`);

  const insArticle = raw.prepare(`insert into articles (id, slug, headline, dek, body, body_text, word_count, language, section_id, status, published_at, first_published_at, created_at, updated_at)
    values (?, ?, ?, ?, '{"type":"doc","content":[]}', '', ?, 'en', ?, 'published', ?, ?, ?, ?)`);
  const insByline = raw.prepare('insert into article_bylines (article_id, person_id, position) values (?, ?, ?)');
  const insDoc = raw.prepare(`insert into search_documents (article_id, order_key, status, published_at, section_id, headline, dek, body, people, tags, names, facets)
    values (?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const gen = storyGenerator(stories);
  const t0 = performance.now();
  const batch = raw.transaction((count: number) => {
    for (let i = 0; i < count; i++) {
      const s = gen.next();
      insArticle.run(s.id, `story-${s.id}`, s.headline, s.dek, 120, s.sectionId, s.publishedAt, s.publishedAt, s.publishedAt, s.publishedAt);
      insByline.run(s.id, s.personId, 0);
      const d = buildSearchDocument({
        id: s.id, status: 'published', publishedAt: s.publishedAt, sectionId: s.sectionId, headline: s.headline, dek: s.dek, bodyText: s.body,
        people: [PEOPLE[s.personId - 1]], personIds: [s.personId], tags: s.tags,
      });
      insDoc.run(s.id, d.orderKey, s.publishedAt, s.sectionId, d.headline, d.dek, d.body, d.people, d.tags, privateNames(d.names), d.facets);
    }
  });
  for (let done = 0; done < stories; done += BATCH) {
    batch(Math.min(BATCH, stories - done));
    if (done > 0 && done % 200_000 === 0) log(`  sqlite: loaded ${done.toLocaleString('en')} rows`);
  }
  const t1 = performance.now();
  raw.close();
  const grams = withGrams ? await loadGrams(file) : { note: 'skipped (--no-grams)' };
  const t2 = performance.now();
  const fts = new BetterSqlite3(file);
  fts.pragma('journal_mode = OFF');
  fts.pragma('synchronous = OFF');
  fts.pragma('cache_size = -400000');
  fts.exec(`insert into search_fts(search_fts) values ('rebuild')`);
  const t3 = performance.now();
  fts.exec(`insert into search_fts(search_fts) values ('optimize')`);
  const t4 = performance.now();
  for (const t of SQLITE_FTS_TRIGGERS) fts.exec(t);
  fts.exec('analyze');
  fts.pragma('journal_mode = WAL');
  fts.close();
  return { loadMs: t1 - t0, gramsMs: t2 - t1, gramsNote: grams.note, buildMs: t3 - t2, optimizeMs: t4 - t3 };
}

/**
 * The list of common words and every story's pairs, by the code
 * `dateline search-grams build` runs (the triggers are off, so the rows
 * are rewritten without touching the FTS5 index, built next).
 */
async function loadGrams(file: string): Promise<{ note: string }> {
  const db = createSqliteDb(file);
  try {
    // A throwaway database, as for the load: no journal.
    await sql`pragma journal_mode = OFF`.execute(db.kysely);
    await sql`pragma synchronous = OFF`.execute(db.kysely);
    await sql`pragma cache_size = -400000`.execute(db.kysely);
    const r = await buildCommonGrams(db.kysely, sqliteGramEngine, { nowIso: new Date().toISOString(), batch: 2000 });
    if (r.outcome !== 'built') return { note: r.outcome === 'skipped' ? `skipped: ${r.reason}` : 'unchanged' };
    const size = await sql<{ n: number }>`select sum(length(grams)) as n from search_documents`.execute(db.kysely);
    return { note: `list ${r.version}: ${r.words} words, ${r.rewritten.toLocaleString('en')} stories, ${(Number(size.rows[0].n) / 1e6).toFixed(0)} MB of pair tokens in search_documents` };
  } finally {
    await db.close();
  }
}

/** One number from a kept bench database, opened read-only. */
function readNumber(file: string, query: string): number {
  const raw = new BetterSqlite3(file, { readonly: true });
  try {
    return Number((raw.prepare(query).get() as { n: number | null }).n ?? 0);
  } finally {
    raw.close();
  }
}

/** How many stories a kept bench database holds (for `--reuse`). */
export function sqliteCorpusSize(file: string): number {
  return readNumber(file, 'select max(id) as n from articles');
}

/** Bytes of the FTS5 index's segments (search_fts_data). */
export function sqliteIndexBytes(file: string): number {
  return readNumber(file, 'select sum(length(block)) as n from search_fts_data');
}
