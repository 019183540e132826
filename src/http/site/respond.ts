import type { FastifyReply, FastifyRequest } from 'fastify';
import { isNotModified, pickEncoding, type CachedPage, type PageCache, type Rendered } from './page-cache.ts';

export const HTML = 'text/html; charset=utf-8';
/**
 * Not-found pages are tagged like any page (a story's 404 carries its story
 * tag, so publishing it purges the 404), but every mistyped address makes
 * one: shared caches keep them only minutes.
 */
export const ERROR_CACHE_CONTROL = 'public, max-age=0, s-maxage=300';
/** Short, because a slug can be renamed back and a long-cached 301 would then loop. */
const REDIRECT_CACHE_CONTROL = 'public, max-age=300';

/**
 * Thrown from inside a page render when the URL is not the canonical one.
 * A rejected render is never stored by the page cache, so a redirect can
 * never outlive the slug it was computed from.
 */
export class Redirect extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

/**
 * The warm path: a few header writes and the cached bytes, nothing else.
 * The body goes brotli- or gzip-compressed when the client takes it, from
 * the copy kept with the page.
 */
export function sendPage(req: FastifyRequest, reply: FastifyReply, page: CachedPage, cache: PageCache): FastifyReply {
  const enc = pickEncoding(req.headers['accept-encoding']);
  const body = enc ? cache.encoded(page, enc) : null;
  reply
    .code(page.status)
    .header('content-type', page.contentType)
    .header('etag', body ? `${page.etag.slice(0, -1)}-${enc}"` : page.etag)
    .header('last-modified', page.lastModified)
    .header('cache-control', page.cacheControl)
    .header('vary', 'accept-encoding');
  if (page.headers) reply.headers(page.headers);
  // Varnish's xkey and most CDNs purge by these; Varnish strips it before the reader sees it.
  if (page.tags.length) reply.header('surrogate-key', page.surrogateKey);
  if (page.status === 200 && isNotModified(page, req.headers['if-none-match'], req.headers['if-modified-since'])) {
    return reply.code(304).send();
  }
  if (body) reply.header('content-encoding', enc!);
  return reply.send(body ?? page.body);
}

export function sendRedirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(301).header('cache-control', REDIRECT_CACHE_CONTROL).header('location', location).send();
}

/**
 * An address the redirects answer (a rule, an imported story's old
 * address). Browsers ask again each time (max-age=0) so a corrected rule
 * reaches readers at once; shared caches keep it until its tags are purged.
 */
export function sendAddressRedirect(reply: FastifyReply, page: { status: number; body: Buffer | string; surrogateKey?: string }): FastifyReply {
  reply.code(page.status).header('cache-control', 'public, max-age=0, s-maxage=86400').header('location', page.body.toString());
  if (page.surrogateKey) reply.header('surrogate-key', page.surrogateKey);
  return reply.send();
}

export function html(body: string, lastModified: Date, tags: Iterable<string>, status = 200): Rendered {
  return { status, body, contentType: HTML, lastModified, tags, ...(status === 200 ? {} : { cacheControl: ERROR_CACHE_CONTROL }) };
}

const PAGE_RE = /^[1-9]\d{0,4}$/;

/** `?page=N`: absent is 1; anything but a plain positive integer is no page at all (null → 404). */
export function parsePageParam(query: unknown): number | null {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  if (raw === undefined) return 1;
  return typeof raw === 'string' && PAGE_RE.test(raw) ? Number(raw) : null;
}

/** Ids are positive integers within the 32-bit column range; anything else never reaches the database. */
export { parseId } from '../../domain/shared/ids.ts';
