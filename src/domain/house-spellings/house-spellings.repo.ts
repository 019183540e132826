import type { Q } from '../../storage/index.ts';

export interface HouseSpellingRecord {
  key: string;
  spelling: string;
  updatedAt: string;
  updatedBy: string;
}

export async function listHouseSpellingRows(db: Q): Promise<HouseSpellingRecord[]> {
  const rows = await db.selectFrom('house_spellings').selectAll().orderBy('spelling').execute();
  return rows.map((r) => ({ key: r.key, spelling: r.spelling, updatedAt: r.updated_at, updatedBy: r.updated_by }));
}

export async function findHouseSpellingRow(db: Q, key: string): Promise<HouseSpellingRecord | undefined> {
  const r = await db.selectFrom('house_spellings').selectAll().where('key', '=', key).executeTakeFirst();
  return r && { key: r.key, spelling: r.spelling, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

/** One spelling per key: a second PUT for the same key replaces the first. */
export async function upsertHouseSpellingRow(db: Q, rec: HouseSpellingRecord): Promise<void> {
  const row = { key: rec.key, spelling: rec.spelling, updated_at: rec.updatedAt, updated_by: rec.updatedBy };
  await db
    .insertInto('house_spellings')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ spelling: row.spelling, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
}

export async function deleteHouseSpellingRow(db: Q, key: string): Promise<boolean> {
  const r = await db.deleteFrom('house_spellings').where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
