import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Capability } from '../../domain/access/index.ts';
import { csrfMatches } from '../../domain/sessions/index.ts';
import { AppError } from '../../domain/shared/errors.ts';
import type { Staff } from '../../domain/users/index.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member: set on every route of the authenticated admin context, null elsewhere. */
    staff: Staff | null;
    /** Per-session CSRF token (authenticated context) or the pre-session one (sign-in forms). */
    adminCsrf: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isStateChanging(req: FastifyRequest): boolean {
  return UNSAFE.has(req.method);
}

/**
 * A browser marks where a request comes from; a request another site
 * started is refused before anything else runs (ASVS 3.5.1, Ghost's
 * session service). Sec-Fetch-Site is trusted first when present (Go's
 * CrossOriginProtection does the same): under a no-referrer policy a
 * same-origin form post carries `Origin: null`. Otherwise the Origin must
 * be SITE_URL's or the one the browser addressed: a forged cross-site
 * request always carries the attacker's Origin, whatever Host it reaches.
 * Non-browser clients send neither and still need the form token.
 */
export function isCrossSite(req: FastifyRequest, siteOrigin: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  return origin !== siteOrigin && origin !== `${req.protocol}://${req.host}`;
}

/** The submitted token: the `_csrf` form field, or an `x-csrf-token` header for script-driven requests (uploads). */
export function submittedCsrf(req: FastifyRequest): unknown {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body = req.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>)._csrf : undefined;
}

export function forbiddenCsrf(): AppError {
  return new AppError('FORBIDDEN', 'This form has expired or did not come from this site. Go back, reload the page and try again.');
}

/** Checks a token the route read itself (e.g. a multipart field); throws 403 on mismatch. */
export function assertCsrf(req: FastifyRequest, given: unknown): void {
  if (!req.adminCsrf || !csrfMatches(req.adminCsrf, given)) throw forbiddenCsrf();
}

/** The signed-in member of a request in the authenticated context. */
export function staffOf(req: FastifyRequest): Staff {
  if (!req.staff) throw new AppError('UNAUTHENTICATED', 'sign in first');
  return req.staff;
}

/** The token to put in a form's hidden `_csrf` field (see CsrfField). */
export function csrfToken(req: FastifyRequest): string {
  if (!req.adminCsrf) throw new Error('csrfToken() called outside the admin context');
  return req.adminCsrf;
}

/** A preHandler: 403 unless the signed-in member's role grants `cap`. */
export function requireCapability(cap: Capability) {
  return async function capabilityGuard(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const staff = staffOf(req);
    if (!can(staff.role, cap)) throw new AppError('FORBIDDEN', `Your role (${staff.role}) does not allow this page.`);
  };
}
