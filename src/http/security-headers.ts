import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * Strict CSP: no inline script or style anywhere, so a stored injection has
 * nothing to run. JSON-LD blocks are data, not script, and CSP leaves them be.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/**
 * `frameableBySelf`: the same policy, except that our own pages may frame
 * the response (frame-ancestors 'self', X-Frame-Options SAMEORIGIN). Only
 * the no-JavaScript comment frame asks for it; every other page is 'none'.
 *
 * helmet's headers for our configuration, computed once. @fastify/helmet
 * rebuilds the helmet middleware (and re-parses the CSP) on every request,
 * which showed as the largest cost of a cached page; with no per-request
 * nonces the headers never change, so we ask helmet once and reuse them.
 */
export function securityHeaders(opts: { frameableBySelf?: boolean } = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  helmet({
    contentSecurityPolicy: { directives: opts.frameableBySelf ? { ...CSP_DIRECTIVES, frameAncestors: ["'self'"] } : CSP_DIRECTIVES },
    xFrameOptions: { action: opts.frameableBySelf ? 'sameorigin' : 'deny' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  })({} as IncomingMessage, res, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

const withFrames = new Map<string, string>();

/**
 * The page's CSP when its body shows embeds: `frame-src` names our own
 * origin (the no-JavaScript comment frame) and the frame origins of the
 * providers on this page, and nothing else, so a page with one YouTube
 * video cannot frame anything from Vimeo or anywhere else. Origins come
 * from the provider table (src/domain/embeds/providers.ts), never from
 * stored text; the few combinations a site uses are kept.
 */
export function cspWithFrames(origins: readonly string[]): string {
  const key = origins.join(' ');
  let csp = withFrames.get(key);
  if (csp === undefined) {
    csp = `${securityHeaders()['content-security-policy']};frame-src 'self' ${key}`;
    if (withFrames.size < 256) withFrames.set(key, csp);
  }
  return csp;
}
