import { randomBytes } from 'node:crypto';
import type { Db } from '../../storage/index.ts';
import type { MailOutbox } from '../mail/index.ts';
import { hashToken } from '../sessions/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { findReset, insertReset, markResetUsed, deleteUserResets } from './password-resets.repo.ts';
import { RESET_RULE, type Throttle } from './throttle.ts';
import { emailProblem, normalizeEmail } from './users.input.ts';
import { findUserByEmail, findUserById } from './users.repo.ts';
import type { UsersService } from './users.service.ts';

const RESET_TTL_MS = 30 * 60_000;
const INVITE_TTL_MS = 72 * 3600_000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export interface PasswordResetDeps {
  db: Db;
  clock: Clock;
  users: UsersService;
  throttle: Throttle;
  /** Reset and invitation links go through the durable outbox, in the token's own transaction. */
  outbox: MailOutbox;
  /** Links are built from the configured origin, never from a request's Host header (docs/architecture.md, hostile input: host header). */
  siteUrl: string;
  siteName: () => Promise<string>;
}

/**
 * "Forgot password" and invitations: a 256-bit token mailed as a link,
 * stored only as its SHA-256, single use, short-lived. The requester is
 * told the same thing whether or not the account exists.
 */
export class PasswordResetService {
  constructor(private readonly deps: PasswordResetDeps) {}

  /**
   * Always resolves the same way for a well-behaved caller. The per-IP quota
   * answers 429; the per-address quota is silent, so it cannot be used to
   * probe addresses and cannot flood one mailbox.
   */
  async request(email: unknown, ip: string): Promise<void> {
    await this.deps.throttle.consume(`reset-ip:${ip}`, RESET_RULE);
    const addr = emailProblem(email) ? '' : normalizeEmail(email);
    if (!addr) return;
    try {
      await this.deps.throttle.consume(`reset-email:${addr}`, RESET_RULE);
    } catch (e) {
      if (e instanceof AppError && e.code === 'RATE_LIMITED') return;
      throw e;
    }
    const row = await findUserByEmail(this.deps.db.kysely, addr);
    if (!row || row.disabled_at !== null) return;
    await this.mail(row.id, row.email, 'reset');
  }

  /** Emails a new member a link to choose their password. */
  async invite(userId: number): Promise<void> {
    const row = await findUserById(this.deps.db.kysely, userId);
    if (!row) throw new AppError('NOT_FOUND', `user ${userId} not found`);
    return this.mail(row.id, row.email, 'invite');
  }

  /** Whether a link still works (the form is shown only for a live one). */
  async isValid(token: unknown): Promise<boolean> {
    return (await this.live(token)) !== null;
  }

  async complete(token: unknown, password: unknown): Promise<number> {
    const reset = await this.live(token);
    if (!reset) throw new AppError('NOT_FOUND', 'this link has expired or was already used; ask for a new one');
    const at = this.deps.clock.now().toISOString();
    // The strength check runs before the token is spent, so a weak password
    // re-shows the form with the link still usable.
    await this.deps.users.setPassword(reset.user_id, password, 'password-reset', async (trx) => {
      if (!(await markResetUsed(trx, reset.token_hash, at))) throw new AppError('NOT_FOUND', 'this link was already used');
      await deleteUserResets(trx, reset.user_id, reset.token_hash);
    });
    return reset.user_id;
  }

  private async live(token: unknown) {
    if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return null;
    const row = await findReset(this.deps.db.kysely, hashToken(token));
    if (!row || row.used_at !== null || Date.parse(row.expires_at) <= this.deps.clock.now().getTime()) return null;
    const user = await findUserById(this.deps.db.kysely, row.user_id);
    return user && user.disabled_at === null ? row : null;
  }

  /**
   * Stores the token and queues its mail in one transaction, then starts the
   * send without waiting for it (SMTP latency would tell who has an account).
   * A crash or an SMTP outage after the commit loses nothing: the outbox retries.
   */
  private async mail(userId: number, to: string, kind: 'reset' | 'invite'): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + (kind === 'reset' ? RESET_TTL_MS : INVITE_TTL_MS));
    const link = `${this.deps.siteUrl}/admin/reset/${token}`;
    const site = (await this.deps.siteName()).replace(/[\r\n]+/g, ' ');
    const text =
      kind === 'reset'
        ? `Someone asked to reset the password of your ${site} staff account.\n\nChoose a new password here (the link works once, for 30 minutes):\n${link}\n\nIf it was not you, ignore this email; your password stays as it is.\n`
        : `You have a staff account at ${site}.\n\nChoose your password here (the link works once, for 72 hours):\n${link}\n`;
    const subject = kind === 'reset' ? `Reset your ${site} password` : `Your ${site} staff account`;
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await insertReset(trx, { token_hash: hashToken(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt.toISOString(), used_at: null });
      await this.deps.outbox.enqueue(trx, { kind: kind === 'reset' ? 'password-reset' : 'invitation', to, subject, text, expiresAt });
    });
    this.deps.outbox.kick();
  }
}
