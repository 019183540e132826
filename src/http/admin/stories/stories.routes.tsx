import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canEditStory, type Article, type Newsroom, type StaffActor } from '../../../domain/articles/index.ts';
import type { Finding } from '../../../domain/editorial-checks/index.ts';
import { AppError } from '../../../domain/shared/errors.ts';
import type { HttpDeps } from '../../deps.ts';
import { fieldErrors, parseId } from '../forms.ts';
import { imageChoicesFor } from '../media/image-choices.tsx';
import { thumbUrl } from '../media/thumb.ts';
import { csrfToken, sendAdminPage, staffOf } from '../index.ts';
import { renderPreview } from './preview.tsx';
import { registerRevisionRoutes } from './revisions.routes.tsx';
import { StoryDeskPage, deskQuery } from './story-desk.page.tsx';
import { StoryEditorPage, valuesOf, type Values } from './story-editor.page.tsx';
import { intentInput, intentOf, storyInput, str, type FormFields } from './story-form.ts';

type IdReq = FastifyRequest<{ Params: { id: string } }>;
const PAGE = 25;

function actor(req: FastifyRequest): StaffActor {
  const s = staffOf(req);
  return { id: s.id, role: s.role };
}

function imageMap(a: Article | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, img] of a?.bodyImages ?? []) {
    const url = thumbUrl(img);
    if (url) out[String(id)] = url;
  }
  return out;
}

/** Values the user sent, so a refused form comes back with their words in it. */
function submitted(f: FormFields, base: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string' && k !== '_csrf' && k !== 'bodyJson') out[k] = v;
  return out;
}

export function registerStoryRoutes(app: FastifyInstance, deps: HttpDeps, nr: Newsroom<Finding>): void {
  async function editorPage(req: FastifyRequest, reply: FastifyReply, a: Article | null, opts: { values?: Values; errors?: Record<string, string>; status?: number; notice?: { kind: 'error' | 'success' | 'info'; text: string } } = {}) {
    const staff = actor(req);
    const [settings, sections, people, findings, featuredChoices] = await Promise.all([
      deps.settings.get(), deps.sections.list(), deps.people.list(), a ? nr.desk.findings(staff, a.id) : Promise.resolve([]),
      imageChoicesFor(deps.media, a?.featuredImage?.id ?? null),
    ]);
    const values = opts.values ?? valuesOf(a, settings.timeZone);
    return sendAdminPage(req, reply, {
      title: a ? (a.headline ? `Edit: ${a.headline}` : 'Edit story') : 'New story',
      current: '/admin/stories',
      status: opts.status,
      content: <StoryEditorPage article={a} staff={staff} csrf={csrfToken(req)} sections={sections} people={people} timeZone={settings.timeZone} findings={findings} images={imageMap(a)} featuredChoices={featuredChoices} embedProviders={deps.config.embedProviders} values={values} errors={opts.errors ?? {}} notice={opts.notice} />,
    });
  }

  /** Form posts: a refusal the writer can fix re-renders the form with their text; anything else is an error page. */
  async function formSave(req: FastifyRequest, reply: FastifyReply, current: Article | null) {
    const f = (req.body ?? {}) as FormFields;
    const staff = actor(req);
    try {
      const settings = await deps.settings.get();
      const intent = intentOf(f);
      const input = { ...storyInput(f, current ? 'update' : 'create', current, deps.embeds), ...intentInput(intent, f, { timeZone: settings.timeZone, now: deps.clock.now() }) };
      const saved = current ? await nr.workflow.save(staff, current.id, input) : await nr.workflow.create(staff, input);
      const note = { save: 'saved', draft: 'moved-to-draft', review: 'sent-for-review', publish: 'published', schedule: 'scheduled', unpublish: 'unpublished' }[intent];
      return reply.code(303).header('location', `/admin/stories/${saved.id}?done=${note}`).send();
    } catch (e) {
      if (!(e instanceof AppError) || !['VALIDATION_FAILED', 'VERSION_CONFLICT', 'SLUG_TAKEN', 'BAD_REQUEST'].includes(e.code)) throw e;
      const conflict = e.code === 'VERSION_CONFLICT';
      const base = valuesOf(current, (await deps.settings.get()).timeZone);
      // After a conflict the form keeps the writer's text but carries the stored version only if they reload.
      return editorPage(req, reply, current, {
        values: submitted(f, base),
        errors: fieldErrors(e),
        status: e.status,
        notice: { kind: 'error', text: conflict ? `${e.message}. Your text is still below: copy what you need, then reload the story.` : e.message },
      });
    }
  }

  app.get('/stories', async (req, reply) => {
    const staff = actor(req);
    const q = deskQuery(req.query);
    const [sections, people] = await Promise.all([deps.sections.list(), deps.people.list()]);
    const section = q.section ? sections.find((s) => s.slug === q.section) : undefined;
    const person = q.author ? people.find((p) => p.slug === q.author) : undefined;
    const sectionIds = section ? await deps.sections.withDescendants(section.id) : q.section ? [-1] : undefined;
    const desk = await nr.desk.desk(staff, { status: q.status, sectionIds, personId: person?.id ?? (q.author ? -1 : undefined), search: q.q }, PAGE, (q.page - 1) * PAGE);
    return sendAdminPage(req, reply, { title: 'Stories', current: '/admin/stories', content: <StoryDeskPage desk={desk} query={q} sections={sections} people={people} staff={staff} tz={(await deps.settings.get()).timeZone} /> });
  });

  app.get('/stories/new', async (req, reply) => {
    if (!canEditStory(actor(req), { status: 'draft', createdBy: actor(req).id })) throw new AppError('FORBIDDEN', `Your role (${actor(req).role}) cannot write stories.`);
    return editorPage(req, reply, null);
  });
  app.post('/stories', (req, reply) => formSave(req, reply, null));

  app.get('/stories/:id', async (req: IdReq, reply) => {
    const a = await nr.workflow.open(actor(req), parseId(req.params.id));
    const done = str((req.query ?? {}) as FormFields, 'done');
    const notice = done && /^[a-z-]{1,30}$/.test(done) ? { kind: 'success' as const, text: `Story ${done.replace(/-/g, ' ')}.` } : undefined;
    return editorPage(req, reply, a, { notice });
  });
  // Asked by public/staff-edit.js from a public story page, so that page stays one cached copy for every reader.
  app.get('/stories/:id/edit-link', async (req: IdReq) => {
    const a = await nr.workflow.open(actor(req), parseId(req.params.id));
    if (!canEditStory(actor(req), a)) throw new AppError('FORBIDDEN', `Your role (${actor(req).role}) cannot edit this story.`);
    return { edit: `/admin/stories/${a.id}` };
  });
  app.post('/stories/:id', async (req: IdReq, reply) => formSave(req, reply, await nr.workflow.open(actor(req), parseId(req.params.id))));

  // Autosave (JSON, x-csrf-token): drafts only, no status change, answers with the new version and findings.
  const autosaveJson = async (staff: StaffActor, current: Article | null, raw: unknown) => {
    const body = (raw && typeof raw === 'object' ? raw : {}) as { fields?: unknown; body?: unknown };
    const fields = (body.fields && typeof body.fields === 'object' ? body.fields : {}) as FormFields;
    const input = storyInput({ ...fields, body: body.body }, current ? 'update' : 'create', current, deps.embeds);
    delete input.status;
    delete input.publishedAt;
    if (current && current.status !== 'draft' && current.status !== 'review') {
      throw new AppError('CONFLICT', `autosave is for drafts; this story is ${current.status}, so press Update to change it`);
    }
    const saved = current ? await nr.workflow.save(staff, current.id, input) : await nr.workflow.create(staff, input);
    return { article: { id: saved.id, version: saved.version, status: saved.status, updatedAt: saved.updatedAt.toISOString() }, findings: await nr.desk.findings(staff, saved.id) };
  };
  app.post('/stories/autosave', async (req, reply) => reply.code(201).send(await autosaveJson(actor(req), null, req.body)));
  app.post('/stories/:id/autosave', async (req: IdReq) => {
    const staff = actor(req);
    return autosaveJson(staff, await nr.workflow.open(staff, parseId(req.params.id)), req.body);
  });

  app.post('/stories/:id/dismissals', async (req: IdReq, reply) => {
    const staff = actor(req);
    const id = parseId(req.params.id);
    const b = (req.body ?? {}) as FormFields;
    const dismissals = await nr.desk.dismiss(staff, id, { ruleId: b.ruleId, fingerprint: b.fingerprint, reason: b.reason });
    if (!String(req.headers['content-type'] ?? '').includes('application/json')) return reply.code(303).header('location', `/admin/stories/${id}`).send();
    return { dismissals, findings: await nr.desk.findings(staff, id) };
  });

  app.get('/stories/:id/preview', async (req: IdReq, reply) => {
    const a = await nr.workflow.open(actor(req), parseId(req.params.id));
    const html = await renderPreview(deps, a);
    return reply.header('cache-control', 'no-store, private').header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(html);
  });

  app.post('/stories/:id/corrections', async (req: IdReq, reply) => {
    const id = parseId(req.params.id);
    const text = str((req.body ?? {}) as FormFields, 'body') ?? '';
    try {
      await nr.workflow.correct(actor(req), id, text);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
      const a = await nr.workflow.open(actor(req), id);
      const values = { ...valuesOf(a, (await deps.settings.get()).timeZone), correction: text };
      return editorPage(req, reply, a, { values, errors: { correction: e.problems[0]?.message ?? e.message }, status: e.status, notice: { kind: 'error', text: 'The correction was not published.' } });
    }
    return reply.code(303).header('location', `/admin/stories/${id}?done=corrected#corrections-h`).send();
  });

  app.post('/stories/:id/delete', async (req: IdReq, reply) => {
    await nr.workflow.remove(actor(req), parseId(req.params.id));
    return reply.code(303).header('location', '/admin/stories').send();
  });

  registerRevisionRoutes(app, nr, actor);
}
