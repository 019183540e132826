import type { Compilable, CompiledQuery } from 'kysely';
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

const bylinesById = prepared(1, (db, id: number) =>
  db
    .selectFrom('article_bylines as ab')
    .innerJoin('people as p', 'p.id', 'ab.person_id')
    .select(['p.id', 'p.slug', 'p.name', 'p.role_title'])
    .where('ab.article_id', '=', id)
    .orderBy('ab.position'),
);

export async function bylinesOf(db: Q, articleId: number): Promise<PersonRef[]> {
  return (await bylinesById(db, articleId)).map((r) => ({ id: r.id, slug: r.slug, name: r.name, roleTitle: r.role_title }));
}

const tagsById = prepared(1, (db, id: number) =>
  db
    .selectFrom('article_tags as at')
    .innerJoin('tags as t', 't.id', 'at.tag_id')
    .select(['t.id', 't.slug', 't.name'])
    .where('at.article_id', '=', id)
    .orderBy('at.position'),
);

export async function tagsOf(db: Q, articleId: number): Promise<TagRef[]> {
  return (await tagsById(db, articleId)).map((r) => ({ id: r.id, slug: r.slug, name: r.name }));
}

const correctionsById = prepared(1, (db, id: number) =>
  db.selectFrom('corrections').select(['id', 'body', 'created_at']).where('article_id', '=', id).orderBy('created_at').orderBy('id'),
);

export async function correctionsOf(db: Q, articleId: number): Promise<Correction[]> {
  return (await correctionsById(db, articleId)).map((r) => ({ id: r.id, body: r.body, createdAt: new Date(r.created_at) }));
}
