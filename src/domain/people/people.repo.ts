import type { Q } from '../../storage/index.ts';
import type { PersonRow } from '../../storage/schema.ts';

export async function listPeopleRows(db: Q): Promise<PersonRow[]> {
  return db.selectFrom('people').selectAll().orderBy('name').execute();
}

export async function findPersonRow(db: Q, ref: string | number): Promise<PersonRow | undefined> {
  const q = db.selectFrom('people').selectAll();
  return (typeof ref === 'number' ? q.where('id', '=', ref) : q.where('slug', '=', ref)).executeTakeFirst();
}

export async function insertPersonRow(db: Q, row: Omit<PersonRow, 'id'>): Promise<number> {
  const r = await db.insertInto('people').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePersonRow(db: Q, id: number, patch: Partial<Omit<PersonRow, 'id'>>): Promise<void> {
  await db.updateTable('people').set(patch).where('id', '=', id).execute();
}

export async function deletePersonRow(db: Q, id: number): Promise<void> {
  await db.deleteFrom('people').where('id', '=', id).execute();
}

export async function personHasBylines(db: Q, id: number): Promise<boolean> {
  return (await db.selectFrom('article_bylines').select('article_id').where('person_id', '=', id).executeTakeFirst()) !== undefined;
}

/** The stories a person has a byline on: their search entries hold the name. */
export async function articleIdsWithByline(db: Q, id: number): Promise<number[]> {
  return (await db.selectFrom('article_bylines').select('article_id').where('person_id', '=', id).execute()).map((r) => r.article_id);
}

export async function imageExists(db: Q, id: number): Promise<boolean> {
  return (await db.selectFrom('images').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Bylines per person, for the admin list. */
export async function countBylinesByPerson(db: Q): Promise<Map<number, number>> {
  const rows = await db.selectFrom('article_bylines').select(['person_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('person_id').execute();
  return new Map(rows.map((r) => [r.person_id, Number(r.n)]));
}
