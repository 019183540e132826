import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES, parseImageMetaPatch } from '../../domain/media/index.ts';
import { AppError, validationError } from '../../domain/shared/errors.ts';
import type { HttpDeps } from '../deps.ts';
import { actorOf, requireCap } from './auth.ts';
import { parseId, parseListQuery } from './query.ts';
import { imageJson } from './serialize.ts';

interface UploadedFile {
  filename: string;
  data: Buffer;
}

/** The text parts an upload may carry beside `file`, as on the media library's form. */
const UPLOAD_FIELDS = new Set(['alt', 'caption', 'credit']);

type IdReq = FastifyRequest<{ Params: { id: string } }>;

/**
 * `file` plus optional alt, caption and credit, each once. Anything else is
 * refused by name rather than dropped, as the JSON routes do.
 */
function uploadOf(body: unknown): { file: UploadedFile; meta: Record<string, string> } {
  const parts = (body ?? {}) as Record<string, unknown>;
  const problems = [];
  for (const [name, value] of Object.entries(parts)) {
    if (name === 'file') continue;
    if (!UPLOAD_FIELDS.has(name)) problems.push({ field: name.slice(0, 40), message: 'is not a part of an image upload (file, alt, caption, credit)' });
    else if (typeof value !== 'string') problems.push({ field: name, message: 'give it once, as text' });
  }
  const file = parts.file as UploadedFile | undefined;
  if (!file || typeof file !== 'object' || !Buffer.isBuffer(file.data)) problems.unshift({ field: 'file', message: 'send the image as a file part named "file"' });
  else if (!file.data.length) problems.unshift({ field: 'file', message: 'the file is empty' });
  if (problems.length) throw validationError(problems);
  const meta: Record<string, string> = {};
  for (const name of UPLOAD_FIELDS) if (typeof parts[name] === 'string') meta[name] = parts[name] as string;
  return { file: file!, meta };
}

/**
 * The media library under the Admin API: what editors do on /admin/media,
 * with the same capability (`articles:write-draft`) and the same checks
 * (MediaService decides the type from the bytes and re-encodes). Deleting
 * is editors' work (`articles:delete`) and only for an unused image.
 *
 * Its own encapsulated context: the multipart parser exists for these
 * routes only, so no other Admin API route accepts a form body.
 */
export async function registerImageRoutes(app: FastifyInstance, deps: HttpDeps): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 8, fieldSize: 4096, parts: 10, headerPairs: 100 },
    async onFile(part) {
      (part as unknown as { value: UploadedFile }).value = { filename: part.filename, data: await part.toBuffer() };
    },
  });

  app.post('/images', {
    // Before the upload is read: a key that may not upload costs us no buffering.
    preParsing: async (req) => {
      requireCap(req, 'articles:write-draft');
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the image as multipart/form-data with a part named "file"');
    const { file, meta } = uploadOf(req.body);
    const image = await deps.media.importImage(file.data, { ...meta, originalName: file.filename.slice(0, 255) });
    return reply.code(201).header('location', `${app.prefix}/images/${image.id}`).send({ image: imageJson(deps.config.siteUrl, image) });
  });

  app.get('/images', async (req) => {
    requireCap(req, 'articles:write-draft');
    const p = parseListQuery(req.query, ['q']);
    const [items, total] = await Promise.all([deps.media.list(p.limit, p.offset, p.q ?? ''), deps.media.count(p.q ?? '')]);
    return { items: items.map((i) => imageJson(deps.config.siteUrl, i)), total, limit: p.limit, offset: p.offset };
  });

  app.get('/images/:id', async (req: IdReq) => {
    requireCap(req, 'articles:write-draft');
    return { image: imageJson(deps.config.siteUrl, await deps.media.get(parseId(req.params.id, 'image'))) };
  });

  app.patch('/images/:id', async (req: IdReq) => {
    requireCap(req, 'articles:write-draft');
    const id = parseId(req.params.id, 'image');
    if (req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the changes as application/json');
    const image = await deps.media.updateMeta(id, parseImageMetaPatch(req.body));
    return { image: imageJson(deps.config.siteUrl, image) };
  });

  app.delete('/images/:id', async (req: IdReq, reply) => {
    const key = requireCap(req, 'articles:delete');
    await deps.media.removeUnused(parseId(req.params.id, 'image'), actorOf(key));
    return reply.code(204).send();
  });
}
