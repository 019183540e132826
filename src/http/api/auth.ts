import type { FastifyReply, FastifyRequest } from 'fastify';
import { can, type Capability } from '../../domain/access/index.ts';
import type { ApiKey, ApiKeysService } from '../../domain/apikeys/index.ts';
import { AppError } from '../../domain/shared/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the Admin API's auth hook; null everywhere else. */
    apiKey: ApiKey | null;
  }
}

// RFC 6750 §2.1: the scheme is case-insensitive; the token is one run of token68 characters.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * Resolves `Authorization: Bearer KEY` to a key. Every failure is the same
 * 401 with `WWW-Authenticate` (RFC 6750 §3), so the answer does not tell a
 * guesser whether a key exists, was revoked or is malformed.
 */
export function bearerAuth(apiKeys: ApiKeysService) {
  return async function authenticate(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const header = req.headers.authorization;
    if (!header) {
      reply.header('www-authenticate', 'Bearer realm="dateline-admin"');
      throw new AppError('UNAUTHENTICATED', 'send an API key as "Authorization: Bearer KEY"');
    }
    const m = BEARER.exec(header);
    const key = m ? await apiKeys.verify(m[1]) : null;
    if (!key) {
      reply.header('www-authenticate', 'Bearer realm="dateline-admin", error="invalid_token"');
      throw new AppError('UNAUTHENTICATED', 'the API key is unknown, revoked or malformed');
    }
    req.apiKey = key;
  };
}

/** The authenticated key of a request that passed the hook. */
export function keyOf(req: FastifyRequest): ApiKey {
  if (!req.apiKey) throw new AppError('UNAUTHENTICATED', 'send an API key as "Authorization: Bearer KEY"');
  return req.apiKey;
}

export function requireCap(req: FastifyRequest, cap: Capability): ApiKey {
  const key = keyOf(req);
  if (!can(key.role, cap)) throw new AppError('FORBIDDEN', `a ${key.role} key cannot do this (needs ${cap})`);
  return key;
}

/** How writes are attributed in the audit log and revisions. */
export function actorOf(key: ApiKey): string {
  return `apikey:${key.id}`;
}
