import multipart from '@fastify/multipart';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ImportKind } from '../../../domain/import/index.ts';
import { actorOf } from '../../../domain/users/index.ts';
import type { HttpDeps } from '../../deps.ts';
import { field, parseId } from '../forms.ts';
import { csrfToken, requireCapability, staffOf } from '../guard.ts';
import type { AdminRoutePlugin } from '../index.ts';
import { sendAdminPage } from '../layout.tsx';
import { assetUrl } from '../stories/assets.ts';
import { progressJson, RunPage, StartPage } from './import.page.tsx';

/** The largest upload /admin/import takes (docs/import.md); a bigger export goes through `dateline import` on the server. */
export const MAX_IMPORT_BYTES = 1024 * 1024 * 1024;

interface Upload {
  path: string;
  name: string;
  truncated: boolean;
}

/** Uploads of a request not (yet) handed to a run: removed when the response is sent, whatever happened (a CSRF refusal, a bad kind). */
const loose = new WeakMap<FastifyRequest, string[]>();

/**
 * /admin/import (admins: settings:write): upload a WordPress or Ghost
 * export; the file streams to the data folder (never whole in memory) and
 * the import runs as an `import` job (ImportRuns), whose page shows a live
 * progress bar read from /admin/import/ID/progress.
 */
export const importAdminRoutes: AdminRoutePlugin = async (app: FastifyInstance, deps: HttpDeps) => {
  const dir = path.join(deps.config.dataDir, 'imports');
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 4, fieldSize: 4096, parts: 6, headerPairs: 100 },
    async onFile(this: FastifyRequest, part) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `upload-${randomBytes(12).toString('hex')}`);
      (loose.get(this) ?? loose.set(this, []).get(this)!).push(file);
      await pipeline(part.file, fs.createWriteStream(file, { mode: 0o600 }));
      const upload: Upload = { path: file, name: path.basename(part.filename || 'export'), truncated: part.file.truncated };
      (part as unknown as { value: Upload }).value = upload;
    },
  });
  app.addHook('onResponse', async (req) => {
    for (const f of loose.get(req) ?? []) fs.rmSync(f, { force: true });
  });
  const guard = { preHandler: requireCapability('settings:write') };

  const startPage = async (req: FastifyRequest, reply: FastifyReply, error?: string, status?: number) =>
    sendAdminPage(req, reply, { title: 'Import', current: '/admin/import', status, content: <StartPage csrf={csrfToken(req)} runs={await deps.importRuns.recent()} error={error} maxBytes={MAX_IMPORT_BYTES} /> });

  app.get('/import', guard, (req, reply) => startPage(req, reply));

  app.post('/import', guard, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const upload = body.file as Upload | undefined;
    const kind = field(body, 'kind');
    if (kind !== 'wordpress' && kind !== 'ghost') return startPage(req, reply, 'Choose what the file is: a WordPress export (WXR) or a Ghost export (JSON).', 422);
    const fetchMedia = field(body, 'fetch_media');
    if (fetchMedia !== '' && fetchMedia !== 'on') return startPage(req, reply, 'Fetching pictures is a checkbox: ticked ("on") or left out.', 422);
    // A folder on the server is the operator's to name, not a web account's (docs/import.md, "From the admin page").
    if ('media_dir' in body) return startPage(req, reply, `A folder on the server cannot be named from this page. To take pictures from a copy of the old uploads folder, run "dateline import ${kind} FILE --media-dir DIR" on the server.`, 422);
    if (!upload || typeof upload !== 'object' || !upload.path) return startPage(req, reply, 'Choose the export file to import.', 422);
    if (upload.truncated) return startPage(req, reply, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Import it on the server with "dateline import ${kind} FILE".`, 413);
    if (fs.statSync(upload.path).size === 0) return startPage(req, reply, 'The file is empty.', 422);
    const id = await deps.importRuns.start({ kind: kind as ImportKind, filePath: upload.path, fileName: upload.name, actor: actorOf(staffOf(req)), fetchMedia: fetchMedia === 'on' });
    // The run owns the file now: the response hook must not remove it.
    loose.set(req, (loose.get(req) ?? []).filter((f) => f !== upload.path));
    return reply.code(303).header('location', `/admin/import/${id}`).send();
  });

  app.get('/import/:id', guard, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const run = await deps.importRuns.get(parseId(req.params.id));
    return sendAdminPage(req, reply, { title: `Import of ${run.fileName}`, current: '/admin/import', scripts: [assetUrl('admin/import-progress.js')], content: <RunPage run={run} /> });
  });

  app.get('/import/:id/progress', guard, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const run = await deps.importRuns.get(parseId(req.params.id));
    return reply.type('application/json').send(progressJson(run));
  });
};
