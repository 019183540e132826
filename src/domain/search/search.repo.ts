import { sql } from 'kysely';
import { authorFacet, sectionFacet } from '../../storage/migrations/0008-search-speed.ts';
import { orderKeyAt, type DocumentSource } from './search.document.ts';
import type { Q, SearchFilters } from './search.types.ts';

/**
 * SQL both dialects share: reading what a story's index entry is built from,
 * resolving the filters, and hydrating a page of hits. The engine-specific index lives in
 * search.repo.sqlite.ts and search.repo.postgres.ts.
 */
/** Ids per read: well under either database's limit on bound values. */
const IDS_PER_READ = 500;

/**
 * What the index entries of many stories are built from, in three reads per
 * 500 stories whatever their number (a round trip each on PostgreSQL): the
 * import's flip indexes its stories this way, not one by one. A story that
 * is gone or has no publication time is not in the map.
 */
export async function loadDocumentSources(db: Q, articleIds: readonly number[]): Promise<Map<number, DocumentSource>> {
  const out = new Map<number, DocumentSource>();
  const all = [...new Set(articleIds)];
  for (let i = 0; i < all.length; i += IDS_PER_READ) {
    const ids = all.slice(i, i + IDS_PER_READ);
    const [articles, people, tags] = await Promise.all([
      db.selectFrom('articles').select(['id', 'status', 'published_at', 'section_id', 'headline', 'dek', 'body_text']).where('id', 'in', ids).execute(),
      db
        .selectFrom('article_bylines as b')
        .innerJoin('people as p', 'p.id', 'b.person_id')
        .select(['b.article_id', 'p.id', 'p.name'])
        .where('b.article_id', 'in', ids)
        .orderBy('b.article_id')
        .orderBy('b.position')
        .execute(),
      db
        .selectFrom('article_tags as t')
        .innerJoin('tags as g', 'g.id', 't.tag_id')
        .select(['t.article_id', 'g.name'])
        .where('t.article_id', 'in', ids)
        .orderBy('t.article_id')
        .orderBy('t.position')
        .execute(),
    ]);
    for (const a of articles) {
      if (!a.published_at) continue;
      out.set(a.id, {
        id: a.id, status: a.status, publishedAt: a.published_at, sectionId: a.section_id, headline: a.headline, dek: a.dek, bodyText: a.body_text,
        people: [], personIds: [], tags: [],
      });
    }
    for (const p of people) {
      const src = out.get(p.article_id);
      src?.people.push(p.name);
      src?.personIds.push(p.id);
    }
    for (const t of tags) out.get(t.article_id)?.tags.push(t.name);
  }
  return out;
}

export interface HitRow {
  id: number;
  slug: string;
  headline: string;
  dek: string;
  publishedAt: string;
  section: { slug: string; name: string } | null;
  bylines: Array<{ slug: string; name: string }>;
}

/**
 * One page of hits in two queries, whatever the page size. The story itself
 * must still be published and due: an index entry that fell out of step
 * (a write made around the articles service) is left out rather than shown.
 */
export async function hydrateHits(db: Q, ids: number[], nowIso: string): Promise<Map<number, HitRow>> {
  const out = new Map<number, HitRow>();
  if (!ids.length) return out;
  const [rows, bylines] = await Promise.all([
    db
      .selectFrom('articles as a')
      .leftJoin('sections as s', 's.id', 'a.section_id')
      .select(['a.id', 'a.slug', 'a.headline', 'a.dek', 'a.published_at', 's.slug as section_slug', 's.name as section_name'])
      .where('a.id', 'in', ids)
      .where('a.status', '=', 'published')
      .where('a.published_at', '<=', nowIso)
      .execute(),
    db
      .selectFrom('article_bylines as b')
      .innerJoin('people as p', 'p.id', 'b.person_id')
      .select(['b.article_id', 'p.slug', 'p.name'])
      .where('b.article_id', 'in', ids)
      .orderBy('b.article_id')
      .orderBy('b.position')
      .execute(),
  ]);
  for (const r of rows) {
    out.set(r.id, {
      id: r.id,
      slug: r.slug,
      headline: r.headline,
      dek: r.dek,
      publishedAt: r.published_at ?? '',
      section: r.section_slug && r.section_name ? { slug: r.section_slug, name: r.section_name } : null,
      bylines: [],
    });
  }
  for (const b of bylines) out.get(b.article_id)?.bylines.push({ slug: b.slug, name: b.name });
  return out;
}

/** The order key range that "published by now" and the date filters allow: [lo, hi). */
export function keyRange(f: SearchFilters, nowIso: string): { lo: number; hi: number } {
  const ends = [orderKeyAt(nowIso, true), ...(f.toIso ? [orderKeyAt(f.toIso)] : [])];
  return { lo: f.fromIso ? orderKeyAt(f.fromIso) : 0, hi: Math.min(...ends) };
}

/**
 * The facet tokens the section and author filters ask for (0008-search-speed):
 * any of the section and its subsections, and the person. null when a filter
 * names no section or person, so nothing can match.
 */
export async function filterFacets(db: Q, f: SearchFilters): Promise<{ sections: string[] | null; author: string | null } | null> {
  let sections: string[] | null = null;
  let author: string | null = null;
  if (f.sectionSlug) {
    // The section and every section below it, however deep (UNION, not UNION ALL: a cycle ends).
    const r = await sql<{ id: number }>`with recursive tree(id) as (
        select id from sections where slug = ${f.sectionSlug}
        union select s.id from sections s join tree t on s.parent_id = t.id
      ) select id from tree`.execute(db);
    if (!r.rows.length) return null;
    sections = r.rows.map((x) => sectionFacet(x.id));
  }
  if (f.authorSlug) {
    const r = await sql<{ id: number }>`select id from people where slug = ${f.authorSlug}`.execute(db);
    if (!r.rows.length) return null;
    author = authorFacet(r.rows[0].id);
  }
  return { sections, author };
}
