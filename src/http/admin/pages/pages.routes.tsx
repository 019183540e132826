import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parsePageInput, type PageInput, type StaticPage } from '../../../domain/pages/index.ts';
import { AppError } from '../../../domain/shared/errors.ts';
import { actorOf } from '../../../domain/users/index.ts';
import type { HttpDeps } from '../../deps.ts';
import { siteAssets, type SiteAssets } from '../../site/context.ts';
import { renderStaticPage } from '../../site/static-page.page.tsx';
import { DataTable } from '../data-table.tsx';
import { field, fieldErrors, parseId, type FieldErrors } from '../forms.ts';
import { csrfToken, requireCapability, staffOf } from '../guard.ts';
import type { AdminRoutePlugin } from '../index.ts';
import { CsrfField, Notice, sendAdminPage } from '../layout.tsx';
import { docToMarkdown } from '../stories/doc-markdown.ts';
import { editorImages, PageEditor, pageValues, RevisionsList, type PageValues } from './page-editor.page.tsx';

type IdReq = FastifyRequest<{ Params: { id: string } }>;

const DONE: Record<string, string> = {
  saved: 'The page was saved.',
  published: 'The page is published.',
  unpublished: 'The page is a draft again: its address answers 404.',
  deleted: 'The page was deleted.',
  moved: 'The footer menu was reordered.',
  restored: 'The revision was restored as a new save.',
};

/**
 * The form → PageInput. The editor's JSON (`bodyJson`) wins; otherwise the
 * no-JavaScript textarea, and an unchanged one leaves the stored body alone
 * (Markdown cannot spell every node), as the story form does.
 */
function pageInput(body: unknown, current: StaticPage | null): PageInput {
  const raw: Record<string, unknown> = { title: field(body, 'title'), slug: field(body, 'slug'), inMenu: field(body, 'inMenu') === 'on' };
  const status = field(body, 'status');
  if (status) raw.status = status;
  const version = field(body, 'version');
  if (version) raw.version = Number(version);
  const json = field(body, 'bodyJson');
  const md = field(body, 'bodyMarkdown').replace(/\r\n/g, '\n');
  if (json) {
    try {
      raw.body = JSON.parse(json);
    } catch {
      throw new AppError('BAD_REQUEST', 'the page body did not arrive intact; reload and try again', { field: 'body' });
    }
  } else if (!current || md.trim() !== docToMarkdown(current.body).trim()) raw.bodyMarkdown = md;
  return parsePageInput(raw, current ? 'update' : 'create');
}

const valuesFrom = (body: unknown): PageValues => ({ title: field(body, 'title'), slug: field(body, 'slug'), bodyMarkdown: field(body, 'bodyMarkdown'), version: field(body, 'version'), inMenu: field(body, 'inMenu') });

/** Static pages for editors (taxonomy:write): the list with the footer menu's order, the editor, preview and revisions. */
export const pagesAdminRoutes: AdminRoutePlugin = (app: FastifyInstance, deps: HttpDeps) => {
  const guard = { preHandler: requireCapability('taxonomy:write') };
  let assets: SiteAssets | null = null;

  function editor(req: FastifyRequest, reply: FastifyReply, page: StaticPage | null, o: { v?: PageValues; e?: FieldErrors; status?: number; notice?: { kind: 'success' | 'error'; text: string } } = {}) {
    return sendAdminPage(req, reply, {
      title: page ? `Page: ${page.title}` : 'New page',
      current: '/admin/pages',
      status: o.status,
      content: <PageEditor page={page} csrf={csrfToken(req)} v={o.v ?? pageValues(page)} e={o.e ?? {}} images={editorImages(page)} notice={o.notice} />,
    });
  }

  async function save(req: FastifyRequest, reply: FastifyReply, current: StaticPage | null) {
    const actor = actorOf(staffOf(req));
    let saved: StaticPage;
    try {
      const input = pageInput(req.body, current);
      saved = current ? await deps.pages.update(current.id, input, actor) : await deps.pages.create(input, actor);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 403) throw e;
      return editor(req, reply, current, { v: valuesFrom(req.body), e: fieldErrors(e), status: e.status, notice: { kind: 'error', text: `Not saved: ${e.message}` } });
    }
    const done = saved.status === 'published' ? (current?.status === 'published' ? 'saved' : 'published') : current?.status === 'published' ? 'unpublished' : 'saved';
    return reply.code(303).header('location', `/admin/pages/${saved.id}?done=${done}`).send();
  }

  app.get('/pages', guard, async (req, reply) => {
    const pages = await deps.pages.list();
    const menu = pages.filter((p) => p.menuPosition !== null).sort((a, b) => a.menuPosition! - b.menuPosition!);
    const others = pages.filter((p) => p.menuPosition === null);
    const csrf = csrfToken(req);
    const notice = DONE[String((req.query as Record<string, unknown>)?.done ?? '')];
    const row = (p: StaticPage, i: number | null) => (
      <tr>
        <td>
          <a href={`/admin/pages/${p.id}`}>
            <bdi>{p.title}</bdi>
          </a>
        </td>
        <td>{p.status === 'published' ? <a href={`/${p.slug}`}>/{p.slug}</a> : <code>/{p.slug}</code>}</td>
        <td>{p.status === 'published' ? 'Published' : 'Draft'}</td>
        <td>
          {i === null ? (
            '—'
          ) : (
            <form method="post" action={`/admin/pages/${p.id}/move`} class="inline-form">
              <CsrfField token={csrf} />
              <button type="submit" name="direction" value="up" class="button-small button-secondary" disabled={i === 0} aria-label={`Move ${p.title} up in the menu`}>
                ↑
              </button>{' '}
              <button type="submit" name="direction" value="down" class="button-small button-secondary" disabled={i === menu.length - 1} aria-label={`Move ${p.title} down in the menu`}>
                ↓
              </button>
            </form>
          )}
        </td>
      </tr>
    );
    return sendAdminPage(req, reply, {
      title: 'Pages',
      current: '/admin/pages',
      content: (
        <>
          {notice ? <Notice kind="success">{notice}</Notice> : null}
          <p class="lead">About, Contact, Terms: pages at the root of the site, outside the news. They have no comments and are not in the feeds; public ones are in the sitemap.</p>
          <p>
            <a href="/admin/pages/new" class="button">
              New page
            </a>
          </p>
          {pages.length ? (
            <DataTable caption="Pages; those in the footer menu first, in its order" columns={['Title', 'Address', 'Status', 'Footer menu']}>
              {menu.map((p, i) => row(p, i))}
              {others.map((p) => row(p, null))}
            </DataTable>
          ) : (
            <p>No pages yet.</p>
          )}
        </>
      ),
    });
  });

  app.get('/pages/new', guard, (req, reply) => editor(req, reply, null));
  app.post('/pages', guard, (req, reply) => save(req, reply, null));

  app.get('/pages/:id', guard, async (req: IdReq, reply) => {
    const page = await deps.pages.get(parseId(req.params.id));
    const done = DONE[String((req.query as Record<string, unknown>)?.done ?? '')];
    return editor(req, reply, page, done ? { notice: { kind: 'success', text: done } } : {});
  });
  app.post('/pages/:id', guard, async (req: IdReq, reply) => save(req, reply, await deps.pages.get(parseId(req.params.id))));

  app.get('/pages/:id/preview', guard, async (req: IdReq, reply) => {
    const page = await deps.pages.get(parseId(req.params.id));
    assets ??= siteAssets();
    const rendered = await renderStaticPage(deps, assets, page, true);
    return reply.header('cache-control', 'no-store, private').header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(rendered.body);
  });

  app.post('/pages/:id/move', guard, async (req: IdReq, reply) => {
    const direction = field(req.body, 'direction');
    if (direction !== 'up' && direction !== 'down') throw new AppError('BAD_REQUEST', 'move up or down');
    await deps.pages.move(parseId(req.params.id), direction, actorOf(staffOf(req)));
    return reply.code(303).header('location', '/admin/pages?done=moved').send();
  });

  app.post('/pages/:id/delete', guard, async (req: IdReq, reply) => {
    await deps.pages.remove(parseId(req.params.id), actorOf(staffOf(req)));
    return reply.code(303).header('location', '/admin/pages?done=deleted').send();
  });

  app.get('/pages/:id/revisions', guard, async (req: IdReq, reply) => {
    const page = await deps.pages.get(parseId(req.params.id));
    return sendAdminPage(req, reply, { title: `Revisions: ${page.title}`, current: '/admin/pages', content: <RevisionsList page={page} revisions={await deps.pages.revisions(page.id)} csrf={csrfToken(req)} /> });
  });

  app.post('/pages/:id/revisions/:version/restore', guard, async (req: FastifyRequest<{ Params: { id: string; version: string } }>, reply) => {
    const id = parseId(req.params.id);
    await deps.pages.restore(id, parseId(req.params.version), actorOf(staffOf(req)));
    return reply.code(303).header('location', `/admin/pages/${id}?done=restored`).send();
  });
};
