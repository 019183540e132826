import { randomInt } from 'node:crypto';
import type { Db } from '../../storage/index.ts';
import type { Role } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { SecretBox } from '../secrets/index.ts';
import type { Clock } from '../shared/clock.ts';
import { countPasskeys, countUnusedRecoveryCodes, deleteExpiredChallenges, passkeyCounts, replaceRecoveryCodes, useRecoveryCode } from './factors.repo.ts';
import { findUserById } from './users.repo.ts';
import type { Staff } from './users.types.ts';

/** Ten codes, as NIST SP 800-63B §5.1.2 look-up secrets: each one works once. */
export const RECOVERY_CODE_COUNT = 10;
/** No 0/o, 1/l/i: a code copied from paper is typed right. 31 symbols × 10 = 49.5 bits per code. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CODE_LENGTH = 10;
const HASH_PURPOSE = 'recovery-code';

/** A code as typed: case, spaces and the dash in the middle do not matter. */
export function normalizeRecoveryCode(raw: unknown): string | null {
  const clean = String(raw ?? '').toLowerCase().replace(/[\s-]/g, '');
  return clean.length === CODE_LENGTH && [...clean].every((c) => ALPHABET.includes(c)) ? clean : null;
}

function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export interface FactorSummary {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

/**
 * What stands behind a member's password: which factors they have, their
 * recovery codes, and the site rule that some roles must have one.
 *
 * Recovery codes are stored as a keyed hash (SecretBox.keyedHash), not
 * argon2: each carries ~50 random bits, so slow hashing adds nothing
 * against guessing, while checking one typed code against ten argon2
 * hashes would cost ~10 × 19 MiB and a few hundred ms per attempt; the key
 * lives outside the database, so a stolen database alone cannot test them.
 */
export class SecondFactorsService {
  constructor(private readonly deps: { db: Db; clock: Clock; box: SecretBox; requiredRoles: () => Promise<readonly Role[]> }) {}

  async summary(userId: number): Promise<FactorSummary> {
    const db = this.deps.db.kysely;
    const [row, passkeys, recoveryCodesLeft] = await Promise.all([findUserById(db, userId), countPasskeys(db, userId), countUnusedRecoveryCodes(db, userId)]);
    return { totp: Boolean(row?.totp_secret), passkeys, recoveryCodesLeft };
  }

  /** How many passkeys each member has (members without any are absent), for the users list. */
  async passkeyCounts(): Promise<Map<number, number>> {
    return passkeyCounts(this.deps.db.kysely);
  }

  /** A TOTP app or at least one passkey; recovery codes alone are a way back in, not a factor. */
  async hasFactor(userId: number): Promise<boolean> {
    const s = await this.summary(userId);
    return s.totp || s.passkeys > 0;
  }

  /** True when the site requires a second factor of this member's role and they have none yet: they may only enrol. */
  async mustEnrol(staff: Staff): Promise<boolean> {
    const roles = await this.deps.requiredRoles();
    return roles.includes(staff.role) && !(await this.hasFactor(staff.id));
  }

  /** New codes, shown once; every earlier code stops working in the same transaction. */
  async regenerateRecoveryCodes(userId: number): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const hashes = codes.map((c) => this.hash(normalizeRecoveryCode(c)!));
    const at = this.now();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await replaceRecoveryCodes(trx, userId, hashes, at);
      await recordAudit(trx, at, { actor: `user:${userId}`, action: 'user.recovery-codes', targetType: 'user', targetId: userId, detail: { count: codes.length } });
    });
    return codes;
  }

  /** Burns a code; false for a malformed, unknown, other member's or used one. */
  async useRecoveryCode(userId: number, raw: unknown): Promise<boolean> {
    const code = normalizeRecoveryCode(raw);
    if (!code) return false;
    const used = await useRecoveryCode(this.deps.db.kysely, userId, this.hash(code), this.now());
    if (used) await recordAudit(this.deps.db.kysely, this.now(), { actor: `user:${userId}`, action: 'auth.recovery-code-used', targetType: 'user', targetId: userId });
    return used;
  }

  /** Housekeeping: unanswered WebAuthn challenges are refused once expired, and deleted here. */
  async purgeExpiredChallenges(): Promise<void> {
    await deleteExpiredChallenges(this.deps.db.kysely, this.now());
  }

  private hash(code: string): string {
    return this.deps.box.keyedHash(HASH_PURPOSE, code);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
