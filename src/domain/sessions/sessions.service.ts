import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../storage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { deleteExpiredSessions, deleteSession, deleteUserSessions, findSession, insertSession, touchSession, type SessionRow } from './sessions.repo.ts';

/** `full` grants access; `totp` only lets the holder finish the second factor. */
export type SessionStage = 'full' | 'totp';

export interface Session {
  userId: number;
  stage: SessionStage;
  /** Per-session CSRF token for forms; kept server-side, compared in constant time. */
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export interface SessionPolicy {
  /** Ended after this long without a request. */
  idleMs: number;
  /** Ended this long after sign-in, however active. */
  absoluteMs: number;
  /** A half-signed-in session (password right, code owed) lives this long. */
  pendingMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000, pendingMs: 5 * 60_000 };

/** last_seen_at is written at most this often, so a busy editor is not one UPDATE per click. */
const TOUCH_EVERY_MS = 60_000;
/** Bound on what a cookie may be before it is even hashed. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Server-side sessions: the cookie holds 32 random bytes and the database
 * only their SHA-256, so nothing in the database can be replayed as a
 * cookie and nothing needs a server secret. Revocation is a DELETE.
 */
export class SessionsService {
  readonly policy: SessionPolicy;

  constructor(private readonly deps: { db: Db; clock: Clock; policy?: Partial<SessionPolicy> }) {
    this.policy = { ...DEFAULT_SESSION_POLICY, ...deps.policy };
  }

  async create(userId: number, stage: SessionStage, meta: { ip: string; userAgent: string }): Promise<{ token: string; session: Session }> {
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    const life = stage === 'full' ? this.policy.absoluteMs : this.policy.pendingMs;
    const row: SessionRow = {
      id_hash: hashToken(token),
      user_id: userId,
      stage,
      csrf_token: randomBytes(32).toString('base64url'),
      ip: meta.ip.slice(0, 64),
      user_agent: meta.userAgent.slice(0, 300),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + life).toISOString(),
    };
    await insertSession(this.deps.db.kysely, row);
    return { token, session: fromRow(row) };
  }

  /** The live session for a cookie value, or null (malformed, unknown, idle too long, or past its end). */
  async resolve(token: string | undefined): Promise<Session | null> {
    if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return null;
    const idHash = hashToken(token);
    const row = await findSession(this.deps.db.kysely, idHash);
    if (!row || !timingSafeEqual(Buffer.from(row.id_hash), Buffer.from(idHash))) return null;
    const now = this.deps.clock.now();
    const idleFor = now.getTime() - Date.parse(row.last_seen_at);
    if (now.getTime() >= Date.parse(row.expires_at) || idleFor >= this.policy.idleMs) {
      await deleteSession(this.deps.db.kysely, idHash);
      return null;
    }
    if (idleFor >= TOUCH_EVERY_MS) {
      row.last_seen_at = now.toISOString();
      await touchSession(this.deps.db.kysely, idHash, row.last_seen_at);
    }
    return fromRow(row);
  }

  async destroy(token: string | undefined): Promise<void> {
    if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return;
    await deleteSession(this.deps.db.kysely, hashToken(token));
  }

  async destroyAllForUser(userId: number): Promise<number> {
    return deleteUserSessions(this.deps.db.kysely, userId);
  }

  /** Housekeeping for a job: expired rows are already refused by resolve(). */
  async purgeExpired(): Promise<number> {
    const now = this.deps.clock.now();
    return deleteExpiredSessions(this.deps.db.kysely, now.toISOString(), new Date(now.getTime() - this.policy.idleMs).toISOString());
  }
}

/** Constant-time comparison of a submitted CSRF token with the session's. */
export function csrfMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function fromRow(r: SessionRow): Session {
  return {
    userId: r.user_id,
    stage: r.stage === 'full' ? 'full' : 'totp',
    csrfToken: r.csrf_token,
    createdAt: new Date(r.created_at),
    lastSeenAt: new Date(r.last_seen_at),
    expiresAt: new Date(r.expires_at),
  };
}
