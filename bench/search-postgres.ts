/**
 * Bulk load of the search bench corpus into a PostgreSQL schema of its own:
 * the same stories as the SQLite load, through the same `buildSearchDocument`,
 * with the tsvector built by the repo's own `documentVector` SQL. Rows go in
 * 2,000 at a time as arrays (`insert … select from unnest(…)`), with the GIN
 * index dropped first and built once at the end so its time is reported alone.
 * Common-grams are built before the index, as on SQLite (`--no-grams` leaves them out).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { buildSearchDocument } from '../src/domain/search/index.ts';
import { postgresGramEngine } from '../src/domain/search/search.grams.repo.postgres.ts';
import { liveGramLists } from '../src/domain/search/search.grams.repo.ts';
import { buildCommonGrams } from '../src/domain/search/search.grams.service.ts';
import { documentVector, facetsVectorText, foldForIndex, namesVectorText } from '../src/domain/search/search.repo.postgres.ts';
import { createPostgresDb, migrateToLatest, type Db } from '../src/storage/index.ts';
import { PEOPLE, SECTION_COUNT, storyGenerator } from './search-corpus.ts';
import type { LoadTimes } from './search-sqlite.ts';

const BATCH = 2_000;

async function admin(url: string, text: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** A schema holding `stories` stories, or null; for `--pg-reuse`. */
export async function postgresCorpusSize(url: string, schema: string): Promise<number | null> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const exists = await c.query('select 1 from pg_namespace where nspname = $1', [schema]);
    if (!exists.rowCount) return null;
    const r = await c.query(`select count(*)::int as n from ${schema}.search_documents`);
    return r.rows[0].n as number;
  } catch {
    return null;
  } finally {
    await c.end();
  }
}

export async function dropPostgresCorpus(url: string, schema: string): Promise<void> {
  await admin(url, `drop schema if exists ${schema} cascade`);
}

async function insertBatch(db: Db, gen: ReturnType<typeof storyGenerator>, count: number): Promise<void> {
  const cols = { id: [] as number[], k: [] as number[], at: [] as string[], sec: [] as number[], person: [] as number[], h: [] as string[], d: [] as string[], b: [] as string[],
    p: [] as string[], t: [] as string[], n: [] as string[], f: [] as string[], nv: [] as string[], fv: [] as string[], fh: [] as string[], fd: [] as string[], fb: [] as string[], fp: [] as string[], ft: [] as string[] };
  for (let i = 0; i < count; i++) {
    const s = gen.next();
    const doc = buildSearchDocument({
      id: s.id, status: 'published', publishedAt: s.publishedAt, sectionId: s.sectionId, headline: s.headline, dek: s.dek, bodyText: s.body,
      people: [PEOPLE[s.personId - 1]], personIds: [s.personId], tags: s.tags,
    });
    cols.id.push(s.id); cols.k.push(doc.orderKey); cols.at.push(s.publishedAt); cols.sec.push(s.sectionId); cols.person.push(s.personId);
    cols.h.push(doc.headline); cols.d.push(doc.dek); cols.b.push(doc.body); cols.p.push(doc.people); cols.t.push(doc.tags); cols.n.push(doc.names); cols.f.push(doc.facets);
    cols.nv.push(namesVectorText(doc.names)); cols.fv.push(facetsVectorText(doc.facets));
    cols.fh.push(foldForIndex(doc.headline)); cols.fd.push(foldForIndex(doc.dek)); cols.fb.push(foldForIndex(doc.body)); cols.fp.push(foldForIndex(doc.people)); cols.ft.push(foldForIndex(doc.tags));
  }
  const vector = documentVector({
    headline: sql.ref('u.fh'), dek: sql.ref('u.fd'), people: sql.ref('u.fp'), tags: sql.ref('u.ft'), names: sql.ref('u.nv'), body: sql.ref('u.fb'), facets: sql.ref('u.fv'),
  });
  await db.kysely.transaction().execute(async (trx) => {
    await sql`insert into articles (id, slug, headline, dek, body, body_text, word_count, language, section_id, status, published_at, first_published_at, created_at, updated_at)
      select u.id, 'story-' || u.id, u.h, u.d, '{"type":"doc","content":[]}', '', 120, 'en', u.sec, 'published', u.at, u.at, u.at, u.at
      from unnest(${cols.id}::int[], ${cols.h}::text[], ${cols.d}::text[], ${cols.sec}::int[], ${cols.at}::text[]) as u(id, h, d, sec, at)`.execute(trx);
    await sql`insert into article_bylines (article_id, person_id, position) select u.id, u.p, 0 from unnest(${cols.id}::int[], ${cols.person}::int[]) as u(id, p)`.execute(trx);
    await sql`insert into search_documents (article_id, order_key, status, published_at, section_id, headline, dek, body, people, tags, names, facets)
      select u.id, u.k, 'published', u.at, u.sec, u.h, u.d, u.b, u.p, u.t, u.n, u.f
      from unnest(${cols.id}::int[], ${cols.k}::bigint[], ${cols.at}::text[], ${cols.sec}::int[], ${cols.h}::text[], ${cols.d}::text[], ${cols.b}::text[],
        ${cols.p}::text[], ${cols.t}::text[], ${cols.n}::text[], ${cols.f}::text[]) as u(id, k, at, sec, h, d, b, p, t, n, f)`.execute(trx);
    await sql`insert into search_index (article_id, order_key, document)
      select u.id, u.k, ${vector}
      from unnest(${cols.id}::int[], ${cols.k}::bigint[], ${cols.fh}::text[], ${cols.fd}::text[], ${cols.fb}::text[], ${cols.fp}::text[], ${cols.ft}::text[],
        ${cols.nv}::text[], ${cols.fv}::text[]) as u(id, k, fh, fd, fb, fp, ft, nv, fv)`.execute(trx);
  });
}

/** The GIN index, built in one session so the memory setting applies. */
async function buildIndex(db: Db): Promise<void> {
  await db.kysely.connection().execute(async (c) => {
    await sql`set maintenance_work_mem = '512MB'`.execute(c);
    await sql`create index search_index_document on search_index using gin (document) with (fastupdate = off)`.execute(c);
  });
}

/** The list of common words and every story's pairs, by the code `dateline search-grams build` runs. */
async function loadGrams(db: Db): Promise<string> {
  const r = await buildCommonGrams(db.kysely, postgresGramEngine, { nowIso: new Date().toISOString(), batch: 2000 });
  if (r.outcome !== 'built') return r.outcome === 'skipped' ? `skipped: ${r.reason}` : 'unchanged';
  const size = await sql<{ n: string }>`select sum(length(grams))::text as n from search_documents`.execute(db.kysely);
  return `list ${r.version}: ${r.words} words, ${r.rewritten.toLocaleString('en')} stories, ${(Number(size.rows[0].n) / 1e6).toFixed(0)} MB of pair tokens in search_documents`;
}

/**
 * A kept schema brought up to date: migrations, and common-grams when it
 * has none (the GIN index dropped meanwhile and built again after).
 */
export async function upgradePostgresCorpus(url: string, schema: string, grams: boolean, log: (s: string) => void): Promise<void> {
  const db = createPostgresDb(url, { schema, max: 2 });
  try {
    await migrateToLatest(db);
    if (!grams || (await liveGramLists(db.kysely)).active) return;
    const t0 = performance.now();
    await sql`drop index search_index_document`.execute(db.kysely);
    const note = await loadGrams(db);
    await buildIndex(db);
    await sql`vacuum (analyze) search_documents, search_index`.execute(db.kysely);
    log(`  postgres: common-grams added to the kept schema in ${((performance.now() - t0) / 1000).toFixed(1)} s (${note})`);
  } finally {
    await db.close();
  }
}

export async function loadPostgresCorpus(url: string, schema: string, stories: number, log: (s: string) => void, grams: boolean): Promise<LoadTimes> {
  await dropPostgresCorpus(url, schema);
  await admin(url, `create schema ${schema}`);
  const db = createPostgresDb(url, { schema, max: 2 });
  try {
    await migrateToLatest(db);
    const now = new Date().toISOString();
    for (let s = 1; s <= SECTION_COUNT; s++) await sql`insert into sections (slug, name, created_at, updated_at) values (${`s${s}`}, ${`Section ${s}`}, ${now}, ${now})`.execute(db.kysely);
    for (const [i, name] of PEOPLE.entries()) await sql`insert into people (slug, name, created_at, updated_at) values (${`p${i + 1}`}, ${name}, ${now}, ${now})`.execute(db.kysely);
    await sql`drop index search_index_document`.execute(db.kysely);
    const gen = storyGenerator(stories);
    const t0 = performance.now();
    for (let done = 0; done < stories; done += BATCH) {
      await insertBatch(db, gen, Math.min(BATCH, stories - done));
      if (done > 0 && done % 200_000 === 0) log(`  postgres: loaded ${done.toLocaleString('en')} rows`);
    }
    const t1 = performance.now();
    const gramsNote = grams ? await loadGrams(db) : undefined;
    const t2 = performance.now();
    await buildIndex(db);
    const t3 = performance.now();
    await sql`vacuum (analyze) search_documents, search_index`.execute(db.kysely);
    await sql`analyze`.execute(db.kysely);
    return { loadMs: t1 - t0, ...(gramsNote ? { gramsMs: t2 - t1, gramsNote } : {}), buildMs: t3 - t2, optimizeMs: performance.now() - t3 };
  } finally {
    await db.close();
  }
}
