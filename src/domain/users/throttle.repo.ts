import type { Q } from '../../storage/index.ts';

export interface ThrottleRow {
  key: string;
  failures: number;
  first_at: string;
  last_at: string;
  blocked_until: string | null;
}

export async function findThrottle(db: Q, key: string): Promise<ThrottleRow | undefined> {
  return db.selectFrom('auth_throttle').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function saveThrottle(db: Q, row: ThrottleRow): Promise<void> {
  await db
    .insertInto('auth_throttle')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures: row.failures, first_at: row.first_at, last_at: row.last_at, blocked_until: row.blocked_until }))
    .execute();
}

export async function deleteThrottle(db: Q, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}
