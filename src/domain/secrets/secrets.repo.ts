import type { Q } from '../../storage/index.ts';

/** First writer wins: two instances starting together agree on one value. */
export async function insertSettingIfAbsent(db: Q, key: string, value: string, at: string): Promise<void> {
  await db.insertInto('settings').values({ key, value, updated_at: at }).onConflict((oc) => oc.column('key').doNothing()).execute();
}

export async function readSetting(db: Q, key: string): Promise<string | null> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value ?? null;
}
