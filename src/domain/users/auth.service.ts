import type { Db } from '../../storage/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Session, SessionsService } from '../sessions/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { countPasskeys } from './factors.repo.ts';
import type { PasskeysService } from './passkeys.service.ts';
import { normalizeRecoveryCode, type SecondFactorsService } from './second-factors.service.ts';
import { ACCOUNT_IP_RULE, IP_RULE, PASSKEY_OPTIONS_RULE, TOTP_RULE, type Throttle } from './throttle.ts';
import { emailProblem, normalizeEmail } from './users.input.ts';
import { findUserByEmail, findUserById } from './users.repo.ts';
import { staffFromRow, type Staff } from './users.types.ts';
import type { UsersService } from './users.service.ts';

export interface ClientMeta {
  ip: string;
  userAgent: string;
}

export type SignInResult =
  | { stage: 'full'; token: string; session: Session; staff: Staff; mustEnrol: boolean }
  /** Password right, second factor owed: the token is a short-lived half session that grants nothing else. */
  | { stage: 'totp'; token: string };

/** The one answer for unknown email, wrong password and disabled account alike. */
export const BAD_CREDENTIALS = 'The email or password is not right.';

/**
 * Signing in and out. Every failure path costs one argon2 verify and gives
 * the same error, so neither the answer nor its timing says whether an
 * email belongs to a staff member.
 */
export class AuthService {
  constructor(
    private readonly deps: { db: Db; clock: Clock; sessions: SessionsService; users: UsersService; throttle: Throttle; passkeys: PasskeysService; factors: SecondFactorsService },
  ) {
    // Computed now, so the first unknown email is not the one slow answer.
    void dummyHash();
  }

  async signIn(email: unknown, password: unknown, meta: ClientMeta): Promise<SignInResult> {
    const addr = emailProblem(email) ? '' : normalizeEmail(email);
    const accountKey = `login:${addr || String(email ?? '').slice(0, 100)}|${meta.ip}`;
    const ipKey = `login-ip:${meta.ip}`;
    await this.deps.throttle.check(accountKey);
    await this.deps.throttle.check(ipKey);
    const row = addr ? await findUserByEmail(this.deps.db.kysely, addr) : undefined;
    const ok = await verifyPassword(row?.password_hash ?? (await dummyHash()), typeof password === 'string' ? password : '');
    if (!row || !ok || row.disabled_at !== null) {
      await this.audit('auth.sign-in-failed', row ? `user:${row.id}` : 'anonymous', row?.id ?? '-', { email: addr.slice(0, 100), ip: meta.ip });
      await this.deps.throttle.fail(ipKey, IP_RULE);
      await this.deps.throttle.fail(accountKey, ACCOUNT_IP_RULE);
      throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
    }
    await this.deps.throttle.clear(accountKey);
    if (row.totp_secret || (await countPasskeys(this.deps.db.kysely, row.id)) > 0) {
      const { token } = await this.deps.sessions.create(row.id, 'totp', meta);
      return { stage: 'totp', token };
    }
    return this.grant(row.id, meta);
  }

  /**
   * Second step with a typed code: six digits are a TOTP code, anything
   * else is tried as a recovery code. Wrong answers of any kind share one
   * throttle and, past the limit, end the half session.
   */
  async completeTotp(pendingToken: string | undefined, code: unknown, meta: ClientMeta): Promise<SignInResult & { stage: 'full' }> {
    const recovery = normalizeRecoveryCode(code) !== null;
    return this.completeSecondFactor(pendingToken, meta, (userId) => (recovery ? this.deps.factors.useRecoveryCode(userId, code) : this.deps.users.useTotpCode(userId, code)));
  }

  /** Second step with one of the member's own passkeys (challenge from passkeyOptions). */
  async completePasskey(pendingToken: string | undefined, response: unknown, meta: ClientMeta): Promise<SignInResult & { stage: 'full' }> {
    return this.completeSecondFactor(pendingToken, meta, async (userId) => {
      try {
        return (await this.deps.passkeys.verify('second', `user:${userId}`, response, userId)) === userId;
      } catch (e) {
        if (e instanceof AppError && e.code === 'UNAUTHENTICATED') return false;
        throw e;
      }
    });
  }

  /** WebAuthn options for the half session's member, or UNAUTHENTICATED when the step expired. */
  async passkeyOptions(pendingToken: string | undefined) {
    const pending = await this.pendingSecondFactor(pendingToken);
    if (!pending) throw new AppError('UNAUTHENTICATED', 'sign in again: the sign-in step expired');
    return this.deps.passkeys.authenticationOptions('second', `user:${pending.userId}`, pending.userId);
  }

  /** Options for a usernameless passkey sign-in, for the browser `subject`; a quota per address bounds what anonymous callers store. */
  async passkeySignInOptions(subject: string, meta: ClientMeta) {
    await this.deps.throttle.consume(`passkey-options:${meta.ip}`, PASSKEY_OPTIONS_RULE);
    return this.deps.passkeys.authenticationOptions('sign-in', subject);
  }

  /**
   * A passkey alone: it is something the member has, unlocked by something
   * they know or are (user verification is required), so it is both
   * factors at once. `subject` ties the challenge to the browser that asked
   * for it. Failures are counted per address, like passwords.
   */
  async signInWithPasskey(subject: string, response: unknown, meta: ClientMeta): Promise<SignInResult & { stage: 'full' }> {
    const ipKey = `passkey-ip:${meta.ip}`;
    await this.deps.throttle.check(ipKey);
    let userId: number;
    try {
      userId = await this.deps.passkeys.verify('sign-in', subject, response);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'UNAUTHENTICATED')) throw e;
      await this.audit('auth.sign-in-failed', 'anonymous', '-', { method: 'passkey', ip: meta.ip });
      await this.deps.throttle.fail(ipKey, IP_RULE);
      throw e;
    }
    const row = await findUserById(this.deps.db.kysely, userId);
    if (!row || row.disabled_at !== null) throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
    return this.grant(userId, meta, 'passkey');
  }

  private async completeSecondFactor(pendingToken: string | undefined, meta: ClientMeta, check: (userId: number) => Promise<boolean>): Promise<SignInResult & { stage: 'full' }> {
    const pending = await this.deps.sessions.resolve(pendingToken);
    if (!pending || pending.stage !== 'totp') throw new AppError('UNAUTHENTICATED', 'sign in again: the sign-in step expired');
    const key = `totp:${pending.userId}|${meta.ip}`;
    await this.deps.throttle.check(key);
    if (!(await check(pending.userId))) {
      await this.audit('auth.totp-failed', `user:${pending.userId}`, pending.userId, { ip: meta.ip });
      try {
        await this.deps.throttle.fail(key, TOTP_RULE);
      } catch (e) {
        await this.deps.sessions.destroy(pendingToken);
        throw e;
      }
      throw new AppError('VALIDATION_FAILED', 'That code or passkey was not accepted, or the code was already used. Try again with the current code.', { field: 'code' });
    }
    await this.deps.throttle.clear(key);
    await this.deps.sessions.destroy(pendingToken);
    return this.grant(pending.userId, meta, 'second-factor');
  }

  /** The staff member behind a cookie, or null; a disabled account has no sessions, but is checked again here. */
  async resolve(token: string | undefined): Promise<{ staff: Staff; session: Session } | null> {
    const session = await this.deps.sessions.resolve(token);
    if (!session || session.stage !== 'full') return null;
    const row = await findUserById(this.deps.db.kysely, session.userId);
    if (!row || row.disabled_at !== null) return null;
    return { staff: staffFromRow(row), session };
  }

  /** The factors a live half session may finish with (which forms to show), or null. */
  async pendingSecondFactor(token: string | undefined): Promise<{ userId: number; totp: boolean; passkeys: boolean } | null> {
    const s = await this.deps.sessions.resolve(token);
    if (s?.stage !== 'totp') return null;
    const f = await this.deps.factors.summary(s.userId);
    return { userId: s.userId, totp: f.totp, passkeys: f.passkeys > 0 };
  }

  async signOut(token: string | undefined, staff: Staff | null, meta: ClientMeta): Promise<void> {
    await this.deps.sessions.destroy(token);
    if (staff) await this.audit('auth.sign-out', `user:${staff.id}`, staff.id, { ip: meta.ip });
  }

  async signOutEverywhere(staff: Staff, meta: ClientMeta): Promise<number> {
    const n = await this.deps.sessions.destroyAllForUser(staff.id);
    await this.audit('auth.sign-out-everywhere', `user:${staff.id}`, staff.id, { ip: meta.ip, sessions: n });
    return n;
  }

  /** A fresh session after the member proved who they are again (e.g. after changing their own password). */
  async reissue(staff: Staff, meta: ClientMeta): Promise<{ token: string; session: Session }> {
    return this.deps.sessions.create(staff.id, 'full', meta);
  }

  /** A full session; `mustEnrol` (audited) when the site requires a second factor of this role and the member has none. */
  private async grant(userId: number, meta: ClientMeta, method = 'password'): Promise<SignInResult & { stage: 'full' }> {
    const { token, session } = await this.deps.sessions.create(userId, 'full', meta);
    const staff = await this.deps.users.get(userId);
    const mustEnrol = await this.deps.factors.mustEnrol(staff);
    await this.audit('auth.sign-in', `user:${userId}`, userId, { ip: meta.ip, method, ...(mustEnrol ? { mustEnrol } : {}) });
    if (mustEnrol) await this.audit('auth.enrolment-required', `user:${userId}`, userId, { role: staff.role });
    return { stage: 'full', token, session, staff, mustEnrol };
  }

  private async audit(action: string, actor: string, targetId: string | number, detail: Record<string, unknown>): Promise<void> {
    await recordAudit(this.deps.db.kysely, this.deps.clock.now().toISOString(), { actor, action, targetType: 'user', targetId, detail });
  }
}
