import type { Db } from '../../storage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { deleteThrottle, findThrottle, saveThrottle } from './throttle.repo.ts';

export interface ThrottleRule {
  /** Failures allowed in the window; the one that reaches this number is refused with 429. */
  limit: number;
  /** Failures older than this (with no block running) are forgotten. */
  windowMs: number;
  /** First block length; each further failure past the limit doubles it, up to maxBlockMs. */
  blockMs: number;
  maxBlockMs: number;
}

export class RateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number, message = 'too many attempts; try again later') {
    super('RATE_LIMITED', message);
  }
}

/**
 * Failure counters in the database, so every instance shares them. Keys are
 * chosen by the caller (account+IP, IP, email for resets); there is no
 * per-account-only key, because that would let anyone lock a colleague out
 * (ASVS 6.1.1): from another address the real user still gets in.
 */
export class Throttle {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  /** Throws RateLimited while a key is blocked. */
  async check(key: string): Promise<void> {
    const row = await findThrottle(this.deps.db.kysely, key);
    const wait = row?.blocked_until ? Date.parse(row.blocked_until) - this.deps.clock.now().getTime() : 0;
    if (wait > 0) throw new RateLimited(Math.ceil(wait / 1000));
  }

  /** Counts one failure; throws RateLimited when this failure reaches the limit. */
  async fail(key: string, rule: ThrottleRule): Promise<void> {
    const db = this.deps.db.kysely;
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const row = await findThrottle(db, key);
    // A quiet window forgets the count, but only once any block has run out:
    // while blocked, further failures keep doubling the wait.
    const blockOver = !row?.blocked_until || Date.parse(row.blocked_until) <= now.getTime();
    const stale = row && blockOver && now.getTime() - Date.parse(row.last_at) > rule.windowMs;
    const failures = row && !stale ? row.failures + 1 : 1;
    let blockedUntil: string | null = null;
    if (failures >= rule.limit) {
      const ms = Math.min(rule.blockMs * 2 ** (failures - rule.limit), rule.maxBlockMs);
      blockedUntil = new Date(now.getTime() + ms).toISOString();
    }
    await saveThrottle(db, { key, failures, first_at: row && !stale ? row.first_at : at, last_at: at, blocked_until: blockedUntil });
    if (blockedUntil) throw new RateLimited(Math.ceil((Date.parse(blockedUntil) - now.getTime()) / 1000));
  }

  /** Counts one use against a quota (resets, invites): like fail(), but checked first. */
  async consume(key: string, rule: ThrottleRule): Promise<void> {
    await this.check(key);
    await this.fail(key, rule);
  }

  async clear(key: string): Promise<void> {
    await deleteThrottle(this.deps.db.kysely, key);
  }
}

/** 10th wrong password in a row for one account from one address: blocked, 1 min doubling to 1 h. */
export const ACCOUNT_IP_RULE: ThrottleRule = { limit: 10, windowMs: 3600_000, blockMs: 60_000, maxBlockMs: 3600_000 };
/** One address guessing across many accounts (credential stuffing). */
export const IP_RULE: ThrottleRule = { limit: 50, windowMs: 3600_000, blockMs: 5 * 60_000, maxBlockMs: 6 * 3600_000 };
/** Password-reset emails: Ghost allows 5 an hour per IP; the same per address keeps a mailbox from being flooded. */
export const RESET_RULE: ThrottleRule = { limit: 6, windowMs: 3600_000, blockMs: 3600_000, maxBlockMs: 3600_000 };
/** Wrong TOTP codes on one half-signed-in session. */
export const TOTP_RULE: ThrottleRule = { limit: 5, windowMs: 900_000, blockMs: 5 * 60_000, maxBlockMs: 3600_000 };
/** Usernameless passkey challenges per address: each is a row for two minutes, so an anonymous caller may not make them without bound. */
export const PASSKEY_OPTIONS_RULE: ThrottleRule = { limit: 30, windowMs: 60_000, blockMs: 60_000, maxBlockMs: 600_000 };
