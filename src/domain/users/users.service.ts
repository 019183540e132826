import { randomBytes } from 'node:crypto';
import type { Db, Q } from '../../storage/index.ts';
import { isUniqueViolation } from '../../storage/index.ts';
import { isRole } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import { isSealed, type SecretBox } from '../secrets/index.ts';
import { deleteUserSessions } from '../sessions/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.ts';
import { deleteRecoveryCodes, deleteUserPasskeys } from './factors.repo.ts';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.ts';
import { checkNewUser } from './users.input.ts';
import { claimSetupMarker, claimTotpStep, countActiveAdmins, countAdmins, findUserById, insertUser, listUserRows, updateUser } from './users.repo.ts';
import { staffFromRow, type Staff, type UserRow } from './users.types.ts';

export interface CreateUserInput {
  email: unknown;
  name: unknown;
  role: unknown;
  /** Omitted for an invitation: the account gets a random password nobody knows until a reset link sets one. */
  password?: unknown;
}

/**
 * Staff accounts. Anything that changes who someone is or what they may do
 * (password, role, disabling) deletes their sessions in the same
 * transaction, so the change takes effect on their very next request.
 */
export class UsersService {
  /** `box` seals TOTP secrets at rest; the database never holds them in the clear. */
  constructor(private readonly deps: { db: Db; clock: Clock; box: SecretBox }) {}

  /** A stored TOTP secret in the clear (values from before sealing are read as they are). */
  private reveal(stored: string): string {
    return isSealed(stored) ? this.deps.box.open(stored) : stored;
  }

  /** Seals TOTP secrets stored in the clear by earlier versions; run at start. Returns how many. */
  async sealLegacyTotpSecrets(): Promise<number> {
    let n = 0;
    for (const row of await listUserRows(this.deps.db.kysely)) {
      const patch: Partial<UserRow> = {};
      if (row.totp_secret && !isSealed(row.totp_secret)) patch.totp_secret = this.deps.box.seal(row.totp_secret);
      if (row.totp_pending && !isSealed(row.totp_pending)) patch.totp_pending = this.deps.box.seal(row.totp_pending);
      if (Object.keys(patch).length && (await updateUser(this.deps.db.kysely, row.id, patch))) n++;
    }
    return n;
  }

  async create(input: CreateUserInput, actor: string): Promise<Staff> {
    const u = checkNewUser(input);
    const invited = input.password === undefined || input.password === '';
    const password = invited ? randomBytes(32).toString('base64url') : checkPasswordStrength(input.password, u);
    const passwordHash = await hashPassword(password);
    const at = this.now();
    try {
      const id = await this.deps.db.kysely.transaction().execute(async (trx) => {
        const id = await insertUser(trx, { ...u, password_hash: passwordHash, totp_secret: null, totp_pending: null, totp_last_step: 0, disabled_at: null, created_at: at, updated_at: at });
        await recordAudit(trx, at, { actor, action: 'user.create', targetType: 'user', targetId: id, detail: { email: u.email, role: u.role, invited } });
        return id;
      });
      return this.get(id);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('CONFLICT', 'a staff account with this email already exists', { field: 'email' });
      throw e;
    }
  }

  /** First run only: creates the first admin while none exists, else NOT_FOUND (the setup page then 404s). */
  async setupFirstAdmin(input: Omit<CreateUserInput, 'role'> & { password: unknown }): Promise<Staff> {
    const u = checkNewUser({ ...input, role: 'admin' });
    const passwordHash = await hashPassword(checkPasswordStrength(input.password, u));
    const at = this.now();
    try {
      const id = await this.deps.db.kysely.transaction().execute(async (trx) => {
        if ((await countAdmins(trx)) > 0) throw notFound('setup');
        await claimSetupMarker(trx, at);
        const id = await insertUser(trx, { ...u, password_hash: passwordHash, totp_secret: null, totp_pending: null, totp_last_step: 0, disabled_at: null, created_at: at, updated_at: at });
        await recordAudit(trx, at, { actor: 'setup', action: 'user.create', targetType: 'user', targetId: id, detail: { email: u.email, role: 'admin' } });
        return id;
      });
      return this.get(id);
    } catch (e) {
      if (isUniqueViolation(e)) throw notFound('setup');
      throw e;
    }
  }

  async hasAdmin(): Promise<boolean> {
    return (await countAdmins(this.deps.db.kysely)) > 0;
  }

  async get(id: number): Promise<Staff> {
    return staffFromRow(await this.row(id));
  }

  async list(): Promise<Staff[]> {
    return (await listUserRows(this.deps.db.kysely)).map(staffFromRow);
  }

  async changeRole(id: number, role: unknown, actor: string): Promise<Staff> {
    if (!isRole(role)) throw validationError([{ field: 'role', message: 'must be contributor, author, editor, moderator or admin' }]);
    return this.change(id, actor, 'user.role', async (trx, row) => {
      if (row.role === role) return null;
      if (row.role === 'admin') await this.keepAnAdmin(trx, id);
      return { patch: { role }, detail: { from: row.role, to: role } };
    });
  }

  async setDisabled(id: number, disabled: boolean, actor: string): Promise<Staff> {
    return this.change(id, actor, disabled ? 'user.disable' : 'user.enable', async (trx, row) => {
      if ((row.disabled_at !== null) === disabled) return null;
      if (disabled && row.role === 'admin') await this.keepAnAdmin(trx, id);
      return { patch: { disabled_at: disabled ? this.now() : null }, detail: {} };
    });
  }

  /** The member's own change: the current password proves it is them and not an unattended browser. */
  async changePassword(id: number, current: unknown, next: unknown): Promise<void> {
    const row = await this.row(id);
    if (typeof current !== 'string' || !(await verifyPassword(row.password_hash, current))) {
      throw validationError([{ field: 'current', message: 'is not your current password' }]);
    }
    await this.setPassword(id, next, `user:${id}`);
  }

  /**
   * Sets a password after its strength check and ends every session of the
   * account; `alsoInTransaction` lets a caller (reset links) commit its own
   * change with it or not at all.
   */
  async setPassword(id: number, password: unknown, actor: string, alsoInTransaction?: (trx: Q) => Promise<void>): Promise<void> {
    const row = await this.row(id);
    const hash = await hashPassword(checkPasswordStrength(password, { email: row.email, name: row.name }));
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      if (alsoInTransaction) await alsoInTransaction(trx);
      await updateUser(trx, id, { password_hash: hash, updated_at: this.now() });
      await deleteUserSessions(trx, id);
      await recordAudit(trx, this.now(), { actor, action: 'user.password', targetType: 'user', targetId: id });
    });
  }

  /** Starts (or restarts) enrolment: a new seed, shown to the member, inactive until a code confirms it. */
  async beginTotp(id: number, issuer: string): Promise<{ secret: string; uri: string }> {
    const row = await this.row(id);
    const secret = newTotpSecret();
    await updateUser(this.deps.db.kysely, id, { totp_pending: this.deps.box.seal(secret), updated_at: this.now() });
    return { secret, uri: otpauthUri(issuer, row.email, secret) };
  }

  async pendingTotp(id: number, issuer: string): Promise<{ secret: string; uri: string } | null> {
    const row = await this.row(id);
    if (!row.totp_pending) return null;
    const secret = this.reveal(row.totp_pending);
    return { secret, uri: otpauthUri(issuer, row.email, secret) };
  }

  async confirmTotp(id: number, code: unknown): Promise<void> {
    const row = await this.row(id);
    if (!row.totp_pending) throw new AppError('CONFLICT', 'start two-step enrolment first');
    const step = matchTotp(this.reveal(row.totp_pending), String(code ?? ''), this.deps.clock.now(), 0);
    if (step === null) throw validationError([{ field: 'code', message: 'is not the current code from your app' }]);
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await updateUser(trx, id, { totp_secret: row.totp_pending, totp_pending: null, totp_last_step: step, updated_at: this.now() });
      await recordAudit(trx, this.now(), { actor: `user:${id}`, action: 'user.totp-enable', targetType: 'user', targetId: id });
    });
  }

  /** Recovery for a lost phone or passkey: an admin turns every second factor off (app, passkeys, recovery codes); the member enrols again. */
  async resetTotp(id: number, actor: string): Promise<Staff> {
    return this.change(id, actor, 'user.totp-reset', async (trx, row) => {
      const passkeys = await deleteUserPasskeys(trx, id);
      await deleteRecoveryCodes(trx, id);
      return row.totp_secret || row.totp_pending || passkeys ? { patch: { totp_secret: null, totp_pending: null, totp_last_step: 0 }, detail: { passkeys } } : null;
    });
  }

  /** Checks a sign-in code and burns its step; false for a wrong, replayed or stale code. */
  async useTotpCode(id: number, code: unknown): Promise<boolean> {
    const row = await this.row(id);
    if (!row.totp_secret) return false;
    const step = matchTotp(this.reveal(row.totp_secret), String(code ?? ''), this.deps.clock.now(), row.totp_last_step);
    return step !== null && (await claimTotpStep(this.deps.db.kysely, id, step));
  }

  private async change(
    id: number,
    actor: string,
    action: string,
    decide: (trx: Q, row: UserRow) => Promise<{ patch: Partial<UserRow>; detail: Record<string, unknown> } | null>,
  ): Promise<Staff> {
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      const row = await findUserById(trx, id);
      if (!row) throw notFound(`user ${id}`);
      const change = await decide(trx, row);
      if (!change) return;
      await updateUser(trx, id, { ...change.patch, updated_at: this.now() });
      await deleteUserSessions(trx, id);
      await recordAudit(trx, this.now(), { actor, action, targetType: 'user', targetId: id, detail: change.detail });
    });
    return this.get(id);
  }

  private async keepAnAdmin(trx: Q, exceptId: number): Promise<void> {
    if ((await countActiveAdmins(trx, exceptId)) === 0) throw new AppError('CONFLICT', 'the site must keep at least one active admin', { field: 'role' });
  }

  private async row(id: number): Promise<UserRow> {
    const row = Number.isSafeInteger(id) ? await findUserById(this.deps.db.kysely, id) : undefined;
    if (!row) throw notFound(`user ${id}`);
    return row;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
