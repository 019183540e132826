import type { Q } from '../../storage/index.ts';
import type { TagRow } from '../../storage/schema.ts';

export async function listTagRows(db: Q): Promise<TagRow[]> {
  return db.selectFrom('tags').selectAll().orderBy('name').execute();
}

/** By slug, then by alias slug, then by id. */
export async function findTagRow(db: Q, ref: string | number): Promise<TagRow | undefined> {
  if (typeof ref === 'number') return db.selectFrom('tags').selectAll().where('id', '=', ref).executeTakeFirst();
  const direct = await db.selectFrom('tags').selectAll().where('slug', '=', ref).executeTakeFirst();
  if (direct) return direct;
  return db
    .selectFrom('tag_aliases as ta')
    .innerJoin('tags as t', 't.id', 'ta.tag_id')
    .selectAll('t')
    .where('ta.slug', '=', ref)
    .executeTakeFirst();
}

/** A tag by the name it shows, when its slug is not the name's slug (a tag renamed, or given its own slug). */
export async function findTagByName(db: Q, name: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('name', '=', name.normalize('NFC').trim()).orderBy('id').executeTakeFirst();
}

export async function insertTagRow(db: Q, row: Omit<TagRow, 'id'>): Promise<number> {
  const r = await db.insertInto('tags').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateTagRow(db: Q, id: number, patch: Partial<Omit<TagRow, 'id'>>): Promise<void> {
  await db.updateTable('tags').set(patch).where('id', '=', id).execute();
}

export async function deleteTagRow(db: Q, id: number): Promise<void> {
  await db.deleteFrom('tags').where('id', '=', id).execute();
}

export async function replaceTagAliases(db: Q, id: number, aliases: string[]): Promise<void> {
  await db.deleteFrom('tag_aliases').where('tag_id', '=', id).execute();
  if (aliases.length) await db.insertInto('tag_aliases').values(aliases.map((slug) => ({ slug, tag_id: id }))).execute();
}

export async function aliasesOf(db: Q, id: number): Promise<string[]> {
  const rows = await db.selectFrom('tag_aliases').select('slug').where('tag_id', '=', id).orderBy('slug').execute();
  return rows.map((r) => r.slug);
}

/** Every alias, by tag id, for lists that show them. */
export async function allAliases(db: Q): Promise<Map<number, string[]>> {
  const rows = await db.selectFrom('tag_aliases').select(['tag_id', 'slug']).orderBy('slug').execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.tag_id, [...(out.get(r.tag_id) ?? []), r.slug]);
  return out;
}

/** Stories per tag (any status), for the admin list. */
export async function countArticlesByTag(db: Q): Promise<Map<number, number>> {
  const rows = await db.selectFrom('article_tags').select(['tag_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('tag_id').execute();
  return new Map(rows.map((r) => [r.tag_id, Number(r.n)]));
}

/** The stories a tag is on: their search entries hold its name. */
export async function articleIdsWithTag(db: Q, id: number): Promise<number[]> {
  return (await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', id).execute()).map((r) => r.article_id);
}

/** Slugs among `slugs` that another tag already uses as its slug or one of its aliases. */
export async function slugsUsedElsewhere(db: Q, slugs: string[], exceptTagId: number | null): Promise<string[]> {
  if (!slugs.length) return [];
  const direct = db.selectFrom('tags').select(['slug', 'id as tag_id']).where('slug', 'in', slugs);
  const alias = db.selectFrom('tag_aliases').select(['slug', 'tag_id']).where('slug', 'in', slugs);
  const rows = await direct.unionAll(alias).execute();
  return [...new Set(rows.filter((r) => r.tag_id !== exceptTagId).map((r) => r.slug))];
}
