import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface CookieNames {
  session: string;
  /** Pre-session CSRF cookie for the forms shown before sign-in (sign-in, setup, reset). */
  preCsrf: string;
  /**
   * Readable by the public pages' script, and no secret: it only tells
   * public/staff-edit.js that asking the newsroom for an "Edit" link is
   * worth a request, so readers' cached pages cost no extra request.
   */
  staffHint: string;
}

/**
 * On https the `__Host-` prefix makes the browser refuse a cookie that is
 * not Secure, has a Domain or a Path other than `/`, so a sibling subdomain
 * cannot plant or shadow ours (RFC 6265bis §4.1.3.2). Plain http (a laptop
 * install) cannot use the prefix.
 */
export function cookieNames(secure: boolean): CookieNames {
  return secure
    ? { session: '__Host-dl_session', preCsrf: '__Host-dl_csrf', staffHint: '__Host-dl_staff' }
    : { session: 'dl_session', preCsrf: 'dl_csrf', staffHint: 'dl_staff' };
}

export function cookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class AdminCookies {
  readonly names: CookieNames;
  private readonly options: ReturnType<typeof cookieOptions>;

  constructor(readonly secure: boolean) {
    this.names = cookieNames(secure);
    this.options = cookieOptions(secure);
  }

  session(req: FastifyRequest): string | undefined {
    return req.cookies[this.names.session];
  }

  setSession(reply: FastifyReply, token: string): void {
    reply.setCookie(this.names.session, token, this.options);
    reply.setCookie(this.names.staffHint, '1', { ...this.options, httpOnly: false });
  }

  clearSession(reply: FastifyReply): void {
    reply.clearCookie(this.names.session, this.options);
    this.clearStaffHint(reply);
  }

  hasStaffHint(req: FastifyRequest): boolean {
    return req.cookies[this.names.staffHint] !== undefined;
  }

  /** A hint left by a session that ended elsewhere (expiry, sign-out on another device). */
  clearStaffHint(reply: FastifyReply): void {
    reply.clearCookie(this.names.staffHint, { ...this.options, httpOnly: false });
  }

  /** The pre-session CSRF value, created (and set on the reply) when missing or malformed. */
  preCsrf(req: FastifyRequest, reply: FastifyReply): string {
    const have = req.cookies[this.names.preCsrf];
    if (have && TOKEN.test(have)) return have;
    const fresh = randomBytes(32).toString('base64url');
    reply.setCookie(this.names.preCsrf, fresh, this.options);
    return fresh;
  }

  preCsrfCookie(req: FastifyRequest): string | undefined {
    const have = req.cookies[this.names.preCsrf];
    return have && TOKEN.test(have) ? have : undefined;
  }
}
