import type { FastifyReply, FastifyRequest } from 'fastify';
import { esc } from './site/render/escape.ts';

/**
 * The page a reader sees when the database is away: built from nothing but
 * constants and what the request itself carried, because anything that
 * would need the database (site name, sections, the story) is what failed.
 * The stylesheet is the site's own, so it still looks like the site.
 */
export function unavailableHtml(opts: { title: string; message: string; extra?: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(opts.title)}</title><link rel="stylesheet" href="/static/site.css"></head>
<body><main class="notice unavailable"><h1>${esc(opts.title)}</h1><p>${esc(opts.message)}</p>${opts.extra ?? ''}<p><a href="/">Front page</a></p></main></body></html>
`;
}

/** Whether the client reads pages (a browser) rather than JSON (a script, the APIs). */
export function wantsHtml(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/')) return false;
  const accept = req.headers.accept ?? '';
  if (accept.includes('text/html')) return true;
  return !accept.includes('application/json') && !(req.headers['content-type'] ?? '').startsWith('application/json');
}

export function sendUnavailablePage(reply: FastifyReply, retryAfter: number): FastifyReply {
  const html = unavailableHtml({
    title: 'Back in a moment',
    message: 'This page could not be loaded because the site cannot reach its database just now. Nothing you sent was changed. Please try again in a few seconds.',
  });
  return reply.code(503).header('retry-after', String(retryAfter)).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}
