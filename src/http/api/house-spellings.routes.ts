import type { FastifyInstance } from 'fastify';
import type { HouseSpellingRecord } from '../../domain/house-spellings/index.ts';
import { AppError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { actorOf, requireCap } from './auth.ts';

const json = (r: HouseSpellingRecord) => ({ key: r.key, spelling: r.spelling, updatedAt: r.updatedAt, updatedBy: r.updatedBy });

/** `{ "spelling": "…" }` and nothing else; the key is always computed from the spelling. */
function spellingFrom(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new AppError('BAD_REQUEST', 'send a JSON object: { "spelling": "Qaani" }');
  const extra = Object.keys(body).find((k) => k !== 'spelling');
  if (extra) throw new AppError('BAD_REQUEST', `${extra.slice(0, 40)}: is not a field of a house spelling (the key is computed)`, { field: extra.slice(0, 40) });
  return (body as { spelling?: unknown }).spelling;
}

/**
 * The house-spelling dictionary (docs/search.md) under the Admin API. Mounted
 * inside the authenticated Admin API context, whose hook sets `req.apiKey`;
 * reads need `articles:read`, writes `taxonomy:write`.
 *   GET    /house-spellings                     → { items, total }
 *   PUT    /house-spellings { spelling }        → 201 new / 200 replaced the key's spelling
 *   DELETE /house-spellings?key=… | ?spelling=… → 204
 */
export function registerHouseSpellingRoutes(app: FastifyInstance, deps: HttpDeps): void {
  app.get('/house-spellings', async (req) => {
    requireCap(req, 'articles:read');
    const items = (await deps.houseSpellings.list()).map(json);
    return { items, total: items.length };
  });

  app.put('/house-spellings', async (req, reply) => {
    const key = requireCap(req, 'taxonomy:write');
    const { record, created } = await deps.houseSpellings.put(spellingFrom(req.body), actorOf(key));
    return reply.code(created ? 201 : 200).send({ houseSpelling: json(record) });
  });

  app.delete('/house-spellings', async (req, reply) => {
    const key = requireCap(req, 'taxonomy:write');
    const q = (req.query ?? {}) as Record<string, unknown>;
    if (q.key === undefined && q.spelling === undefined) throw new AppError('BAD_REQUEST', 'key: give ?key= or ?spelling=', { field: 'key' });
    for (const f of ['key', 'spelling'] as const) {
      if (q[f] !== undefined && typeof q[f] !== 'string') throw new AppError('BAD_REQUEST', `${f}: give it once`, { field: f });
    }
    await deps.houseSpellings.remove({ key: q.key, spelling: q.spelling }, actorOf(key));
    return reply.code(204).send();
  });
}
