import type { Q } from '../../storage/index.ts';

export interface PasswordResetRow {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export async function insertReset(db: Q, row: PasswordResetRow): Promise<void> {
  await db.insertInto('password_resets').values(row).execute();
}

export async function findReset(db: Q, tokenHash: string): Promise<PasswordResetRow | undefined> {
  return db.selectFrom('password_resets').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Claims a token exactly once: the guard on used_at makes a second, racing use update nothing. */
export async function markResetUsed(db: Q, tokenHash: string, at: string): Promise<boolean> {
  const r = await db.updateTable('password_resets').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Once a password is set, every other outstanding link for the account is dead too. */
export async function deleteUserResets(db: Q, userId: number, keepHash: string): Promise<void> {
  await db.deleteFrom('password_resets').where('user_id', '=', userId).where('token_hash', '!=', keepHash).execute();
}
