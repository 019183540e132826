import type { Q } from '../../storage/index.ts';
import type { UserRow } from './users.types.ts';

export async function findUserByEmail(db: Q, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Q, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUserRows(db: Q): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute();
}

export async function insertUser(db: Q, row: Omit<UserRow, 'id'>): Promise<number> {
  const r = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUser(db: Q, id: number, patch: Partial<Omit<UserRow, 'id'>>): Promise<boolean> {
  const r = await db.updateTable('users').set(patch).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Marks a TOTP step used only if it is newer than the last one: the
 * compare-and-set keeps one code from signing in twice, even when two
 * requests race on two instances.
 */
export async function claimTotpStep(db: Q, id: number, step: number): Promise<boolean> {
  const r = await db.updateTable('users').set({ totp_last_step: step }).where('id', '=', id).where('totp_last_step', '<', step).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countActiveAdmins(db: Q, exceptId?: number): Promise<number> {
  let q = db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n')).where('role', '=', 'admin').where('disabled_at', 'is', null);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countAdmins(db: Q): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n')).where('role', '=', 'admin').executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The one-time setup marker. Its primary key makes two racing setup forms
 * (or a setup form racing the CLI) create exactly one first admin.
 */
export async function claimSetupMarker(db: Q, at: string): Promise<void> {
  await db.insertInto('settings').values({ key: 'accounts:setup-done', value: '{}', updated_at: at }).execute();
}
