import type { Q } from '../../storage/index.ts';
import type { SectionRow } from '../../storage/schema.ts';
import { slugify } from '../shared/slug.ts';

export async function listSectionRows(db: Q): Promise<SectionRow[]> {
  return db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
}

export async function findSectionRow(db: Q, ref: string | number): Promise<SectionRow | undefined> {
  const q = db.selectFrom('sections').selectAll();
  return (typeof ref === 'number' ? q.where('id', '=', ref) : q.where('slug', '=', ref)).executeTakeFirst();
}

/**
 * A section as API clients and importers name it: id, slug, or its name as
 * shown (any case, or the name's slug). Sections are few, so names are
 * compared here rather than with a dialect's case folding.
 */
export async function findSectionByRef(db: Q, ref: string | number): Promise<SectionRow | undefined> {
  const direct = await findSectionRow(db, ref);
  if (direct || typeof ref === 'number') return direct;
  const fold = (x: string) => x.normalize('NFC').trim().toLocaleLowerCase('und');
  const rows = await listSectionRows(db);
  return rows.find((r) => fold(r.name) === fold(ref)) ?? rows.find((r) => r.slug === slugify(ref));
}

export async function insertSectionRow(db: Q, row: Omit<SectionRow, 'id'>): Promise<number> {
  const r = await db.insertInto('sections').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSectionRow(db: Q, id: number, patch: Partial<Omit<SectionRow, 'id'>>): Promise<void> {
  await db.updateTable('sections').set(patch).where('id', '=', id).execute();
}

export async function deleteSectionRow(db: Q, id: number): Promise<void> {
  await db.deleteFrom('sections').where('id', '=', id).execute();
}

export async function sectionInUse(db: Q, id: number): Promise<boolean> {
  const child = await db.selectFrom('sections').select('id').where('parent_id', '=', id).executeTakeFirst();
  const art = await db.selectFrom('articles').select('id').where('section_id', '=', id).executeTakeFirst();
  return child !== undefined || art !== undefined;
}

/** Stories per section (any status), for the admin list. */
export async function countArticlesBySection(db: Q): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('articles')
    .select(['section_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('section_id', 'is not', null)
    .groupBy('section_id')
    .execute();
  return new Map(rows.map((r) => [r.section_id as number, Number(r.n)]));
}

/** Sets the position of each section, in order: 0, 1, 2… */
export async function renumberSections(db: Q, ids: number[]): Promise<void> {
  for (const [position, id] of ids.entries()) await db.updateTable('sections').set({ position }).where('id', '=', id).execute();
}
