import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { AppError } from '../../../domain/shared/errors.ts';
import { actorOf } from '../../../domain/users/index.ts';
import { fieldErrors, parseId, type FieldErrors } from '../forms.ts';
import { csrfToken, requireCapability, staffOf } from '../guard.ts';
import { Notice, sendAdminPage } from '../layout.tsx';

export type Values = Record<string, string>;

/** What the pages need of a sections/tags/people service; each validates the raw input itself. */
export interface DeskService<T> {
  get(id: number): Promise<T>;
  create(raw: unknown, actor: string): Promise<T>;
  update(id: number, raw: unknown, actor: string): Promise<T>;
  remove(id: number, actor: string): Promise<void>;
}

export interface FormProps<C> {
  csrf: string;
  action: string;
  submitLabel: string;
  values: Values;
  errors: FieldErrors;
  ctx: C;
}

/**
 * One kind of newsroom record (sections, tags, people) as admin pages: a
 * list with an "add" form, an edit page, delete. `L` is what the list page
 * loads, `C` what the form needs (parent sections, recent images).
 */
export interface DeskResource<T extends { id: number; name: string }, L, C> {
  path: string;
  title: string;
  /** "section", "tag", "person": used in notices. */
  noun: string;
  service: DeskService<T>;
  loadList(): Promise<L>;
  loadFormContext(current: T | null): Promise<C>;
  /** The form's fields → what the service accepts. `mode` create: empty means "not given". */
  fromForm(body: unknown, mode: 'create' | 'update'): Record<string, unknown>;
  valuesOf(item: T): Values;
  List(p: { list: L; csrf: string }): ComponentChildren;
  Form(p: FormProps<C>): ComponentChildren;
  /** More on an item's edit page, below its form (a section's own lead); `state` is what `pages.edit` was handed by an extra route. */
  editExtra?(item: T, req: FastifyRequest, state?: unknown): Promise<ComponentChildren>;
  /** Extra routes (a section's move up/down, its lead); `pages.edit` draws the edit page again, for a refused extra form. */
  extraRoutes?(app: FastifyInstance, pages: { edit(req: FastifyRequest, reply: FastifyReply, item: T, o: { status: number; extra: unknown }): Promise<unknown> }): void;
}

const FORM_CODES = new Set(['VALIDATION_FAILED', 'CONFLICT', 'SLUG_TAKEN', 'SLUG_RESERVED']);
const isFormError = (e: unknown): e is AppError => e instanceof AppError && FORM_CODES.has(e.code);

const DONE: Record<string, string> = { created: 'created', saved: 'saved', deleted: 'deleted', moved: 'moved' };

interface PageOpts {
  status?: number;
  values?: Values;
  errors?: FieldErrors;
  problem?: string;
  done?: string;
  /** Handed to editExtra. */
  extra?: unknown;
}

/** Registers GET/POST `/path`, GET/POST `/path/:id` and POST `/path/:id/delete`, all behind taxonomy:write. */
export function registerDeskResource<T extends { id: number; name: string }, L, C>(app: FastifyInstance, r: DeskResource<T, L, C>): void {
  const guard = { preHandler: requireCapability('taxonomy:write') };
  const base = `/admin/${r.path}`;
  type IdReq = FastifyRequest<{ Params: { id: string } }>;

  function notices(o: PageOpts) {
    const errors = o.errors ?? {};
    return (
      <>
        {o.done && DONE[o.done] ? <Notice kind="success">{`The ${r.noun} was ${DONE[o.done]}.`}</Notice> : null}
        {o.problem ? <Notice kind="error">{o.problem}</Notice> : null}
        {Object.keys(errors).length ? <Notice kind="error">Please correct the fields marked below.</Notice> : null}
      </>
    );
  }

  async function listPage(req: FastifyRequest, reply: FastifyReply, o: PageOpts = {}) {
    const [list, ctx] = await Promise.all([r.loadList(), r.loadFormContext(null)]);
    const csrf = csrfToken(req);
    const content = (
      <>
        {notices(o)}
        {r.List({ list, csrf })}
        <section aria-labelledby="new-h">
          <h2 id="new-h">{`Add a ${r.noun}`}</h2>
          {r.Form({ csrf, action: base, submitLabel: `Add ${r.noun}`, values: o.values ?? {}, errors: o.errors ?? {}, ctx })}
        </section>
      </>
    );
    return sendAdminPage(req, reply, { title: r.title, current: base, status: o.status, content });
  }

  async function editPage(req: FastifyRequest, reply: FastifyReply, item: T, o: PageOpts = {}) {
    const [ctx, extra] = await Promise.all([r.loadFormContext(item), r.editExtra?.(item, req, o.extra) ?? null]);
    const csrf = csrfToken(req);
    const content = (
      <>
        {notices(o)}
        {r.Form({ csrf, action: `${base}/${item.id}`, submitLabel: 'Save', values: o.values ?? r.valuesOf(item), errors: o.errors ?? {}, ctx })}
        {extra}
        <section aria-labelledby="delete-h">
          <h2 id="delete-h">{`Delete this ${r.noun}`}</h2>
          <form method="post" action={`${base}/${item.id}/delete`} data-confirm={`Delete ${item.name}? This cannot be undone.`}>
            <input type="hidden" name="_csrf" value={csrf} />
            <button type="submit" class="button-danger">{`Delete ${r.noun}`}</button>
          </form>
        </section>
        <p>
          <a href={base}>{`← All ${r.title.toLowerCase()}`}</a>
        </p>
      </>
    );
    return sendAdminPage(req, reply, { title: `Edit ${r.noun}: ${item.name}`, current: base, status: o.status, content });
  }

  const submitted = (body: unknown): Values => {
    const out: Values = {};
    for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
    return out;
  };
  const doneOf = (req: FastifyRequest) => String((req.query as Record<string, unknown> | undefined)?.done ?? '');

  app.get(`/${r.path}`, guard, (req, reply) => listPage(req, reply, { done: doneOf(req) }));

  app.post(`/${r.path}`, guard, async (req, reply) => {
    try {
      await r.service.create(r.fromForm(req.body, 'create'), actorOf(staffOf(req)));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return listPage(req, reply, { status: e.status, values: submitted(req.body), errors: fieldErrors(e) });
    }
    return reply.code(303).header('location', `${base}?done=created`).send();
  });

  app.get(`/${r.path}/:id`, guard, async (req: IdReq, reply) => editPage(req, reply, await r.service.get(parseId(req.params.id)), { done: doneOf(req) }));

  app.post(`/${r.path}/:id`, guard, async (req: IdReq, reply) => {
    const item = await r.service.get(parseId(req.params.id));
    try {
      await r.service.update(item.id, r.fromForm(req.body, 'update'), actorOf(staffOf(req)));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return editPage(req, reply, item, { status: e.status, values: submitted(req.body), errors: fieldErrors(e) });
    }
    return reply.code(303).header('location', `${base}/${item.id}?done=saved`).send();
  });

  app.post(`/${r.path}/:id/delete`, guard, async (req: IdReq, reply) => {
    const item = await r.service.get(parseId(req.params.id));
    try {
      await r.service.remove(item.id, actorOf(staffOf(req)));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return editPage(req, reply, item, { status: e.status, problem: `${e.message}.` });
    }
    return reply.code(303).header('location', `${base}?done=deleted`).send();
  });

  r.extraRoutes?.(app, { edit: (req, reply, item, o) => editPage(req, reply, item, { status: o.status, extra: o.extra }) });
}

/** A form field that names a number: empty → `empty`; digits → the number; anything else is passed on for the service to refuse. */
export function numberField(body: unknown, name: string, empty: null | undefined): number | string | null | undefined {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof v !== 'string' || v.trim() === '') return empty;
  return /^-?\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : v;
}

/**
 * Copies the named text fields that were sent. On create an empty one is
 * left out (the service picks its default); an empty slug is always left
 * out, so clearing it on an edit keeps the URL rather than failing.
 */
export function textFields(body: unknown, names: string[], mode: 'create' | 'update'): Record<string, unknown> {
  const src = (body ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const n of names) {
    const v = src[n];
    if (typeof v !== 'string') continue;
    if ((mode === 'create' || n === 'slug') && v.trim() === '') continue;
    out[n] = v;
  }
  return out;
}
