import type { FastifyRequest } from 'fastify';
import type { ClientMeta } from '../../domain/users/index.ts';
import type { HttpDeps } from '../deps.ts';
import type { AdminCookies } from './cookies.ts';

/** What the admin route modules share: the services and the cookie jar's names and options. */
export interface AdminContext {
  deps: HttpDeps;
  cookies: AdminCookies;
}

export function clientMeta(req: FastifyRequest): ClientMeta {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, userAgent: typeof ua === 'string' ? ua : '' };
}
