import { sql } from 'kysely';
import { prepared, type Q } from '../../storage/index.ts';
import type { ArticleRow } from '../../storage/schema.ts';
import type { Correction, PersonRef, SectionRef, TagRef } from './articles.types.ts';

/**
 * The story page's own reads, each compiled once per database handle
 * (storage's prepared()): a cold story render runs a handful of these, and
 * building a Kysely query cost more than SQLite took to answer it.
 */
// The story with its section in one statement: the section is a primary-key step in the same read.
const articleById = prepared(1, (db, id: number) =>
  db
    .selectFrom('articles as a')
    .leftJoin('sections as s', 's.id', 'a.section_id')
    .selectAll('a')
    .select(['s.slug as section_slug', 's.name as section_name', 's.parent_id as section_parent_id'])
    .where('a.id', '=', id),
);

export async function findPublicRow(db: Q, id: number): Promise<{ row: ArticleRow; section: SectionRef | null } | undefined> {
  const r = (await articleById(db, id))[0];
  if (!r) return undefined;
  const { section_slug, section_name, section_parent_id, ...row } = r;
  const section = row.section_id !== null && section_slug !== null && section_name !== null ? { id: row.section_id, slug: section_slug, name: section_name, parentId: section_parent_id } : null;
  return { row, section };
}

const sectionById = prepared(1, (db, id: number) => db.selectFrom('sections').select(['id', 'slug', 'name', 'parent_id']).where('id', '=', id));

export async function sectionOf(db: Q, id: number | null): Promise<SectionRef | null> {
  if (id === null) return null;
  const r = (await sectionById(db, id))[0];
  return r ? { id: r.id, slug: r.slug, name: r.name, parentId: r.parent_id } : null;
}

/**
 * A story's bylines, tags and corrections in one statement: three small
 * lookups cost more in statement overhead than in reading, and a cold story
 * page runs this for every render. Columns line up across the three parts
 * (text in both dialects); `order by kind, pos, at, id` gives bylines and
 * tags in their position order and corrections by time, then id.
 */
const extrasById = prepared(3, (db, byline: number, tag: number, correction: number) =>
  db
    .selectFrom('article_bylines as ab')
    .innerJoin('people as p', 'p.id', 'ab.person_id')
    .select([sql<string>`'b'`.as('kind'), 'ab.position as pos', 'p.id as id', 'p.slug as slug', 'p.name as name', 'p.role_title as extra', sql<string>`''`.as('at')])
    .where('ab.article_id', '=', byline)
    .unionAll((eb) =>
      eb
        .selectFrom('article_tags as at')
        .innerJoin('tags as t', 't.id', 'at.tag_id')
        .select([sql<string>`'t'`.as('kind'), 'at.position as pos', 't.id as id', 't.slug as slug', 't.name as name', sql<string>`''`.as('extra'), sql<string>`''`.as('at')])
        .where('at.article_id', '=', tag),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('corrections as c')
        .select([sql<string>`'c'`.as('kind'), sql<number>`0`.as('pos'), 'c.id as id', sql<string>`''`.as('slug'), 'c.body as name', sql<string>`''`.as('extra'), 'c.created_at as at'])
        .where('c.article_id', '=', correction),
    )
    .orderBy('kind')
    .orderBy('pos')
    .orderBy('at')
    .orderBy('id'),
);

export interface StoryExtras {
  bylines: PersonRef[];
  tags: TagRef[];
  corrections: Correction[];
}

export async function extrasOf(db: Q, articleId: number): Promise<StoryExtras> {
  const out: StoryExtras = { bylines: [], tags: [], corrections: [] };
  for (const r of await extrasById(db, articleId, articleId, articleId)) {
    if (r.kind === 'b') out.bylines.push({ id: r.id, slug: r.slug, name: r.name, roleTitle: r.extra });
    else if (r.kind === 't') out.tags.push({ id: r.id, slug: r.slug, name: r.name });
    else out.corrections.push({ id: r.id, body: r.name, createdAt: new Date(r.at) });
  }
  return out;
}
