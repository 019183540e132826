import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_CSV_BYTES, type RedirectRule } from '../../../domain/redirects/index.ts';
import { AppError } from '../../../domain/shared/errors.ts';
import { actorOf } from '../../../domain/users/index.ts';
import type { HttpDeps } from '../../deps.ts';
import { field, fieldErrors, isFormError, parseId, type FieldErrors } from '../forms.ts';
import { csrfToken, requireCapability, staffOf } from '../guard.ts';
import type { AdminRoutePlugin } from '../index.ts';
import { Notice, sendAdminPage } from '../layout.tsx';
import { CsvBox, emptyRule, RuleForm, RulesTable, TestView, valuesOfRule, type RuleValues } from './redirects.page.tsx';
import { traceAddress, type Trace } from './trace.ts';

const PER_PAGE = 100;
const DONE: Record<string, string> = {
  created: 'The redirect was added. It works at once, on every instance.',
  saved: 'The redirect was saved.',
  deleted: 'The redirect was removed.',
};

interface ListState {
  values?: RuleValues;
  errors?: FieldErrors;
  csvError?: string;
  notice?: string;
  status?: number;
}

/** Form fields to the service's raw rule: the checkbox is the explicit choice to leave the site. */
const rawOf = (body: unknown) => ({ match: field(body, 'match'), source: field(body, 'source'), target: field(body, 'target'), status: field(body, 'status'), external: field(body, 'external') === 'on' });
const valuesOf = (body: unknown): RuleValues => ({ match: field(body, 'match'), source: field(body, 'source'), target: field(body, 'target'), status: field(body, 'status'), external: field(body, 'external') });

/**
 * The redirects manager (docs/redirects.md): the rules, a form for a new
 * one, the test view and CSV in and out, all through the same service as
 * the Admin API's /redirects. Editors and admins (taxonomy:write).
 */
export const redirectsAdminRoutes: AdminRoutePlugin = async (app: FastifyInstance, deps: HttpDeps) => {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_CSV_BYTES, files: 1, fields: 4, fieldSize: 4096, parts: 6, headerPairs: 100 },
    async onFile(part) {
      (part as unknown as { value: Buffer }).value = await part.toBuffer();
    },
  });
  const guard = { preHandler: requireCapability('taxonomy:write') };

  async function listPage(req: FastifyRequest, reply: FastifyReply, s: ListState = {}) {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
    const page = typeof query.page === 'string' && /^[1-9]\d{0,4}$/.test(query.page) ? Number(query.page) : 1;
    const testValue = typeof query.test === 'string' ? query.test.slice(0, 2000) : '';
    const trace: Trace | null = testValue ? await traceAddress(app, deps, testValue) : null;
    const all = (await deps.redirectRules.list()).filter((r) => !q || r.source.includes(q) || r.target.includes(q));
    const csrf = csrfToken(req);
    const notice = s.notice ?? DONE[String(query.done ?? '')];
    const errors = s.errors ?? {};
    return sendAdminPage(req, reply, {
      title: 'Redirects',
      current: '/admin/redirects',
      status: s.status,
      content: (
        <>
          {notice ? <Notice kind="success">{notice}</Notice> : null}
          {Object.keys(errors).length ? <Notice kind="error">The redirect was not added: see the field marked below.</Notice> : null}
          <p class="lead">Old addresses that should keep working. A rule applies only where nothing else answers: pages and stories come first, then these rules, then the 404 page.</p>
          <TestView value={testValue} trace={trace} />
          <h2>Add a redirect</h2>
          <RuleForm action="/admin/redirects" csrf={csrf} v={s.values ?? emptyRule} e={errors} submit="Add redirect" />
          <h2>Rules</h2>
          <RulesTable rules={all.slice((page - 1) * PER_PAGE, page * PER_PAGE)} csrf={csrf} total={all.length} page={page} perPage={PER_PAGE} q={q} />
          <CsvBox csrf={csrf} error={s.csvError} />
        </>
      ),
    });
  }

  function editPage(req: FastifyRequest, reply: FastifyReply, rule: RedirectRule, v: RuleValues, e: FieldErrors = {}, status?: number) {
    return sendAdminPage(req, reply, {
      title: `Redirect from ${rule.source}`,
      current: '/admin/redirects',
      status,
      content: (
        <>
          {Object.keys(e).length ? <Notice kind="error">Not saved: see the field marked below.</Notice> : null}
          <RuleForm action={`/admin/redirects/${rule.id}`} csrf={csrfToken(req)} v={v} e={e} submit="Save redirect" />
          <p>
            <a href="/admin/redirects">← All redirects</a>
          </p>
        </>
      ),
    });
  }

  app.get('/redirects', guard, (req, reply) => listPage(req, reply));

  app.post('/redirects', guard, async (req, reply) => {
    try {
      await deps.redirectRules.create(rawOf(req.body), actorOf(staffOf(req)));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return listPage(req, reply, { values: valuesOf(req.body), errors: fieldErrors(e), status: e.status });
    }
    return reply.code(303).header('location', '/admin/redirects?done=created').send();
  });

  app.get('/redirects.csv', guard, async (_req, reply) =>
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="redirects.csv"').send(await deps.redirectRules.exportCsv()),
  );

  app.post('/redirects/import', guard, async (req, reply) => {
    const file = ((req.body ?? {}) as Record<string, unknown>).file;
    try {
      if (!Buffer.isBuffer(file) || !file.length) throw new AppError('VALIDATION_FAILED', 'choose a CSV file to import', { field: 'file' });
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file);
      const actor = actorOf(staffOf(req));
      // Ghost's redirects.json is a JSON list; anything else is read as our CSV.
      const { imported, skipped }: { imported: number; skipped: string[] } = text.trimStart().startsWith('[')
        ? await deps.redirectRules.importGhost(text, { external: field(req.body, 'external') === 'on' }, actor)
        : { ...(await deps.redirectRules.importCsv(text, actor)), skipped: [] };
      const left = skipped.length ? ` Skipped ${skipped.length}: ${skipped.slice(0, 10).join(' · ')}` : '';
      return listPage(req, reply, { notice: `Imported ${imported} ${imported === 1 ? 'rule' : 'rules'}. They work at once, on every instance.${left}` });
    } catch (e) {
      if (e instanceof TypeError) return listPage(req, reply, { csvError: 'The file is not UTF-8 text.', status: 422 });
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      const more = e.problems.length > 1 ? ` ${e.problems.slice(1).map((p) => p.message).join(' · ')}` : '';
      return listPage(req, reply, { csvError: e.message + more, status: e.status });
    }
  });

  app.get('/redirects/:id', guard, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const rule = await deps.redirectRules.get(parseId(req.params.id));
    return editPage(req, reply, rule, valuesOfRule(rule));
  });

  app.post('/redirects/:id', guard, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const rule = await deps.redirectRules.get(parseId(req.params.id));
    try {
      await deps.redirectRules.update(rule.id, rawOf(req.body), actorOf(staffOf(req)));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return editPage(req, reply, rule, valuesOf(req.body), fieldErrors(e), e.status);
    }
    return reply.code(303).header('location', '/admin/redirects?done=saved').send();
  });

  app.post('/redirects/:id/delete', guard, async (req: FastifyRequest<{ Params: { id: string } }>, reply) => {
    await deps.redirectRules.remove(parseId(req.params.id), actorOf(staffOf(req)));
    return reply.code(303).header('location', '/admin/redirects?done=deleted').send();
  });
};
