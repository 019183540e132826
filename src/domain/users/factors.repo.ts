import type { Selectable } from 'kysely';
import type { Q } from '../../storage/index.ts';
import type { PasskeyTable } from '../../storage/schema.ts';

export type PasskeyRow = Selectable<PasskeyTable>;

export async function listPasskeyRows(db: Q, userId: number): Promise<PasskeyRow[]> {
  return db.selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('id').execute();
}

export async function findPasskeyByCredential(db: Q, credentialId: string): Promise<PasskeyRow | undefined> {
  return db.selectFrom('passkeys').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
}

export async function insertPasskey(db: Q, row: Omit<PasskeyRow, 'id'>): Promise<number> {
  const r = await db.insertInto('passkeys').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Moves the signature counter forward only: an authenticator that reports
 * a counter at or below the stored one may be a clone, and two racing
 * sign-ins with one assertion cannot both pass. Authenticators that keep
 * no counter (always 0) are accepted, as WebAuthn §6.1.1 allows, but a
 * counter once seen never falls back to 0.
 */
export async function advancePasskeyCounter(db: Q, id: number, counter: number, at: string): Promise<boolean> {
  const q = db.updateTable('passkeys').set({ counter, last_used_at: at }).where('id', '=', id);
  const r = await (counter > 0 ? q.where('counter', '<', counter) : q.where('counter', '=', 0)).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deletePasskey(db: Q, userId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('passkeys').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function deleteUserPasskeys(db: Q, userId: number): Promise<number> {
  const r = await db.deleteFrom('passkeys').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Passkeys per member, for the users list. */
export async function passkeyCounts(db: Q): Promise<Map<number, number>> {
  const rows = await db.selectFrom('passkeys').select(['user_id', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('user_id').execute();
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}

export async function countPasskeys(db: Q, userId: number): Promise<number> {
  const r = await db.selectFrom('passkeys').select((eb) => eb.fn.countAll<string | number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertChallenge(db: Q, row: { challenge: string; purpose: string; subject: string; expires_at: string }): Promise<void> {
  await db.insertInto('auth_challenges').values(row).execute();
}

/** Deletes the challenge and reports whether it was live and meant for this purpose and subject: a challenge answers once. */
export async function consumeChallenge(db: Q, challenge: string, purpose: string, subject: string, now: string): Promise<boolean> {
  const r = await db
    .deleteFrom('auth_challenges')
    .where('challenge', '=', challenge)
    .where('purpose', '=', purpose)
    .where('subject', '=', subject)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

export async function deleteExpiredChallenges(db: Q, now: string): Promise<void> {
  await db.deleteFrom('auth_challenges').where('expires_at', '<=', now).execute();
}

export async function replaceRecoveryCodes(db: Q, userId: number, hashes: string[], at: string): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (hashes.length) await db.insertInto('recovery_codes').values(hashes.map((code_hash) => ({ code_hash, user_id: userId, created_at: at, used_at: null }))).execute();
}

/** Marks a code used if it is this member's and unused; the conditional UPDATE keeps two racing uses to one. */
export async function useRecoveryCode(db: Q, userId: number, hash: string, at: string): Promise<boolean> {
  const r = await db.updateTable('recovery_codes').set({ used_at: at }).where('code_hash', '=', hash).where('user_id', '=', userId).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Q, userId: number): Promise<number> {
  const r = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function deleteRecoveryCodes(db: Q, userId: number): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}
