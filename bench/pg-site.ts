/**
 * The benchmark's Dateline on PostgreSQL: the same stories as the SQLite run
 * (the first 1,000 through the real articles service, the rest SQL copies of
 * them with their tags and bylines, as bench/bulk-stories.ts does on SQLite),
 * in a schema of its own in BENCH_DATABASE_URL's database, served by the same
 * bundle with DATABASE_URL pointing there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seedSite } from './site-server.ts';

export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface PgSite {
  /** DATABASE_URL for the server: the bench schema on the search path. */
  url: string;
  /** The data folder (media, key file); the stories are in PostgreSQL. */
  dir: string;
  paths: string[];
  drop(): Promise<void>;
}

async function withClient<T>(fn: (c: pg.Client) => Promise<T>, url = PG_URL): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh schema holding `stories` published stories; dropped by `drop()`. */
export async function seedPgSite(stories: number, base = 1000): Promise<PgSite> {
  const schema = `bench_site_${process.pid}`;
  await withClient((c) => c.query(`drop schema if exists ${schema} cascade; create schema ${schema}`));
  const u = new URL(PG_URL);
  u.searchParams.set('options', `-c search_path=${schema}`);
  const url = u.toString();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-bench-pg-'));
  const t0 = Date.now();
  await seedSite(dir, Math.min(stories, base), { DATABASE_URL: url });
  if (stories > base) await withClient((c) => replicate(c, base, stories), url);
  const paths = await withClient((c) => storyPathsPg(c), url);
  console.log(`seeded ${paths.length.toLocaleString('en')} stories on PostgreSQL in ${((Date.now() - t0) / 1000).toFixed(1)} s (schema ${schema})`);
  return {
    url,
    dir,
    paths,
    async drop() {
      await withClient((c) => c.query(`drop schema if exists ${schema} cascade`));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** bench/bulk-stories.ts's copies, in PostgreSQL's SQL: copy c of story i is story base * c + i, published c spans earlier. */
async function replicate(c: pg.Client, base: number, total: number): Promise<void> {
  const r = (await c.query('select count(*)::int as n, min(id) as lo, max(id) as hi from articles')).rows[0];
  if (r.n !== base || r.lo !== 1 || r.hi !== base) throw new Error(`expected stories 1..${base}, found ${r.n} (${r.lo}..${r.hi})`);
  const span = (await c.query(`select ceil(extract(epoch from max(published_at::timestamptz) - min(published_at::timestamptz)) / 60 + 10)::int as m from articles`)).rows[0].m as number;
  await c.query('begin');
  for (let k = 1; base * k < total; k++) {
    const count = Math.min(base, total - base * k);
    const offset = base * k;
    await c.query(
      `insert into articles (id, slug, headline, dek, dateline, body, body_text, word_count, language, direction, section_id,
         featured_image_id, credit, status, published_at, first_published_at, created_at, updated_at, comment_mode,
         canonical_url, seo_title, seo_description, social_title, social_description, version, created_by)
       select id + $1, slug || '-' || $2, headline || ' (' || $2 || ')', dek, dateline, body, body_text, word_count, language,
         direction, section_id, featured_image_id, credit, status, shifted, shifted, shifted, shifted, comment_mode, canonical_url,
         seo_title, seo_description, social_title, social_description, version, created_by
       from (select *, to_char((published_at::timestamptz - make_interval(mins => $2::int * $3::int)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as shifted
             from articles where id <= $4) s
       order by id`,
      [offset, k, span, count],
    );
    await c.query('insert into article_tags (article_id, tag_id, position) select article_id + $1, tag_id, position from article_tags where article_id <= $2', [offset, count]);
    await c.query('insert into article_bylines (article_id, person_id, position) select article_id + $1, person_id, position from article_bylines where article_id <= $2', [offset, count]);
  }
  await c.query(`select setval(pg_get_serial_sequence('articles', 'id'), (select max(id) from articles))`);
  await c.query('commit');
  await c.query('analyze');
}

/** `/news/{id}/{slug}` of every visible story, newest first (bench/bulk-stories.ts's storyPaths on PostgreSQL). */
async function storyPathsPg(c: pg.Client): Promise<string[]> {
  const rows = (await c.query("select id, slug from articles where status = 'published' and published_at <= $1 order by published_at desc, id desc", [new Date().toISOString()])).rows as Array<{ id: number; slug: string }>;
  return rows.map((r) => `/news/${r.id}/${encodeURIComponent(r.slug)}`);
}
