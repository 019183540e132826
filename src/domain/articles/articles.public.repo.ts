import { sql, type Compilable, type CompiledQuery } from 'kysely';
import type { Q } from '../../storage/index.ts';
import type { ArticleRow } from '../../storage/schema.ts';
import type { Correction, PersonRef, SectionRef, TagRef } from './articles.types.ts';

/**
 * The story page's own reads, each built and compiled once per database
 * handle. A cold story render runs a handful of these, and building and
 * compiling a Kysely query costs more than SQLite takes to answer a
 * primary-key lookup; here each call only binds its values. The SQL is the
 * same the builder would write, so it runs unchanged on both dialects.
 */
interface Slot {
  readonly slot: number;
}

function isSlot(v: unknown): v is Slot {
  return typeof v === 'object' && v !== null && SLOTS.has(v as Slot);
}

const SLOTS = new WeakSet<Slot>();

/**
 * `build` receives one placeholder per parameter it declares and must pass
 * them through as plain values (no `in` lists: those change the SQL).
 */
export function prepared<A extends unknown[], R>(arity: A['length'], build: (db: Q, ...args: A) => Compilable<R>) {
  const compiled = new WeakMap<Q, { query: CompiledQuery<R>; slots: Array<number | null> }>();
  return async (db: Q, ...args: A): Promise<R[]> => {
    let c = compiled.get(db);
    if (!c) {
      const slots = Array.from({ length: arity }, (_, slot) => {
        const s = { slot };
        SLOTS.add(s);
        return s;
      });
      const query = build(db, ...(slots as unknown as A)).compile();
      c = { query, slots: query.parameters.map((p) => (isSlot(p) ? p.slot : null)) };
      if (c.slots.filter((s) => s !== null).length !== arity) throw new Error('prepared query: every argument must appear exactly once');
      compiled.set(db, c);
    }
    const { query, slots } = c;
    const parameters = slots.map((s, i) => (s === null ? query.parameters[i] : args[s]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}

const articleById = prepared(1, (db, id: number) => db.selectFrom('articles').selectAll().where('id', '=', id));

export async function findPublicRow(db: Q, id: number): Promise<ArticleRow | undefined> {
  return (await articleById(db, id))[0];
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
