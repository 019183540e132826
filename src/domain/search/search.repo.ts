import { sql, type RawBuilder } from 'kysely';
import type { DocumentSource } from './search.document.ts';
import type { Q, SearchFilters } from './search.types.ts';

/**
 * SQL both dialects share: reading what a story's index entry is built from,
 * and hydrating a page of hits. The engine-specific index lives in
 * search.repo.sqlite.ts and search.repo.postgres.ts.
 */
export async function loadDocumentSource(db: Q, articleId: number): Promise<DocumentSource | null> {
  const a = await db
    .selectFrom('articles')
    .select(['id', 'status', 'published_at', 'section_id', 'headline', 'dek', 'body_text'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!a || !a.published_at) return null;
  const [people, tags] = await Promise.all([
    db.selectFrom('article_bylines as b').innerJoin('people as p', 'p.id', 'b.person_id').select(['p.id', 'p.name']).where('b.article_id', '=', articleId).orderBy('b.position').execute(),
    db.selectFrom('article_tags as t').innerJoin('tags as g', 'g.id', 't.tag_id').select('g.name').where('t.article_id', '=', articleId).orderBy('t.position').execute(),
  ]);
  return {
    id: a.id,
    status: a.status,
    publishedAt: a.published_at,
    sectionId: a.section_id,
    headline: a.headline,
    dek: a.dek,
    bodyText: a.body_text,
    people: people.map((p) => p.name),
    personIds: people.map((p) => p.id),
    tags: tags.map((t) => t.name),
  };
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

/** Visibility and the reader's filters over `search_documents d`, the same SQL on both dialects. */
export function filterSql(f: SearchFilters, nowIso: string): RawBuilder<unknown> {
  const conds: RawBuilder<unknown>[] = [sql`d.status = 'published'`, sql`d.published_at <= ${nowIso}`];
  if (f.fromIso) conds.push(sql`d.published_at >= ${f.fromIso}`);
  if (f.toIso) conds.push(sql`d.published_at < ${f.toIso}`);
  if (f.sectionSlug) {
    conds.push(sql`d.section_id in (select s.id from sections s where s.slug = ${f.sectionSlug}
      or s.parent_id = (select p.id from sections p where p.slug = ${f.sectionSlug}))`);
  }
  if (f.authorSlug) {
    conds.push(sql`exists (select 1 from article_bylines b where b.article_id = d.article_id
      and b.person_id = (select p.id from people p where p.slug = ${f.authorSlug}))`);
  }
  return sql.join(conds, sql` and `);
}
