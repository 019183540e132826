import type { FastifyInstance } from 'fastify';
import { canonicalPath, MAX_HOPS, type AddressOutcome } from '../../../domain/redirects/index.ts';
import type { HttpDeps } from '../../deps.ts';

export interface Hop {
  path: string;
  status: number;
  location?: string;
  /** Why it answered so: the rule or old address behind a redirect. */
  by?: AddressOutcome | null;
}

export interface Trace {
  hops: Hop[];
  /** The input was no path on this site. */
  problem?: string;
  /** The last hop still redirected within the site when the trace stopped. */
  unfinished?: boolean;
}

/**
 * "Where does this path go?": asks the public site itself, as an anonymous
 * reader would (no cookies), and follows redirects within the site. So the
 * answer is the site's own, pages and stories and the 404 page included,
 * never a second copy of its rules.
 */
export async function traceAddress(app: FastifyInstance, deps: HttpDeps, input: string): Promise<Trace> {
  let path = input.trim();
  const origin = new URL(deps.config.siteUrl).origin;
  if (path.startsWith(origin + '/')) path = path.slice(origin.length);
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\') || /[\u0000-\u001f\u007f\s]/.test(path) || canonicalPath(path.replace(/[?#].*$/s, '')) === null) {
    return { hops: [], problem: 'Give a path on this site, starting with a single / (for example /2019/03/old-story/).' };
  }
  const hops: Hop[] = [];
  for (let i = 0; i <= MAX_HOPS; i++) {
    const res = await app.inject({ method: 'GET', url: path });
    const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
    const redirected = res.statusCode >= 300 && res.statusCode < 400 && location !== undefined;
    hops.push({ path, status: res.statusCode, location, by: redirected || res.statusCode === 410 ? await deps.redirects.where(path) : null });
    if (!redirected || !location.startsWith('/') || location.startsWith('//')) return { hops };
    path = location;
  }
  return { hops, unfinished: true };
}
