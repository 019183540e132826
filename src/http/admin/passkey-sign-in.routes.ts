import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { clientMeta, type AdminContext } from './context.ts';
import { safeNext } from './next-path.ts';
import { ENROL_PATH } from './passkey-button.tsx';

/**
 * Whom a usernameless challenge belongs to: the browser holding this
 * pre-session CSRF cookie (checked against the header before any route
 * here runs), so a challenge fetched in one browser cannot be answered
 * from another.
 */
function browserSubject(req: FastifyRequest): string {
  return `browser:${createHash('sha256').update(req.adminCsrf ?? '').digest('base64url')}`;
}

/** A WebAuthn answer is a few KB (an attestation with certificates, ~10 KB): more is refused (413) before parsing. */
export const PASSKEY_BODY_LIMIT = 64 * 1024;
const limit = { bodyLimit: PASSKEY_BODY_LIMIT };

function bodyOf(req: FastifyRequest): Record<string, unknown> {
  return (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
}

/**
 * Passkey sign-in, scripted by src/passkeys/main.ts (JSON; the pre-session
 * CSRF token in x-csrf-token). Alone (usernameless: the browser offers
 * the site's passkeys it holds, no email typed, so nothing tells which
 * accounts exist), or as the second step after the password.
 */
export function registerPasskeySignInRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { auth } = ctx.deps;
  const { cookies } = ctx;

  app.post('/sign-in/passkey/options', limit, async (req) => auth.passkeySignInOptions(browserSubject(req), clientMeta(req)));

  app.post('/sign-in/passkey', limit, async (req, reply) => {
    const body = bodyOf(req);
    const result = await auth.signInWithPasskey(browserSubject(req), body.response, clientMeta(req));
    // Rotation, as for the password: whatever session id came in is dropped, never adopted.
    await auth.signOut(cookies.session(req), null, clientMeta(req));
    cookies.setSession(reply, result.token);
    return { location: result.mustEnrol ? ENROL_PATH : safeNext(body.next) };
  });

  app.post('/sign-in/second/options', limit, async (req) => auth.passkeyOptions(cookies.session(req)));

  app.post('/sign-in/second/passkey', limit, async (req, reply) => {
    const body = bodyOf(req);
    const result = await auth.completePasskey(cookies.session(req), body.response, clientMeta(req));
    cookies.setSession(reply, result.token);
    return { location: result.mustEnrol ? ENROL_PATH : safeNext(body.next) };
  });
}
