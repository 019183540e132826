import type { FastifyInstance } from 'fastify';
import type { ArticleSummary } from '../../../domain/articles/index.ts';
import { MAX_TOP_STORIES } from '../../../domain/front-page/index.ts';
import { descendantsOf, sectionTree, type Section } from '../../../domain/sections/index.ts';
import { actorOf } from '../../../domain/users/index.ts';
import type { HttpDeps } from '../../deps.ts';
import { FieldShell } from '../fields.tsx';
import { isFormError, type FieldErrors } from '../forms.ts';
import { requireCapability, staffOf } from '../guard.ts';
import { CsrfField, Notice, sendAdminPage } from '../layout.tsx';
import { controlErrors, formValuesOf, orderName, readForm, sectionLeadName, topName, until, type FormValues } from './front-page.form.ts';

/** Stories offered in the pickers: the newest public ones (a chosen older one is added to them). */
const OFFERED = 60;

interface ScreenProps {
  csrf: string;
  timeZone: string;
  sections: Section[];
  stories: ArticleSummary[];
  values: FormValues;
  errors?: FieldErrors;
  saved?: boolean;
}

/** A story picker and its "pinned until" time; also the section screen's own lead (section-lead.tsx). */
export function StoryPick({ name, label, stories, p, auto }: { name: string; label: string; stories: ArticleSummary[]; p: Pick<ScreenProps, 'values' | 'errors'>; auto: string }) {
  const value = p.values[name] ?? '';
  return (
    <div class="pick-row">
      <FieldShell name={name} label={label} error={p.errors?.[name]}>
        {(aria) => (
          <select {...aria} name={name}>
            <option value="">{auto}</option>
            {stories.map((s) => (
              <option value={String(s.id)} selected={value === String(s.id)}>
                {s.headline}
              </option>
            ))}
          </select>
        )}
      </FieldShell>
      <FieldShell name={until(name)} label="Pinned until" error={p.errors?.[until(name)]}>
        {(aria) => <input {...aria} type="datetime-local" name={until(name)} value={p.values[until(name)] ?? ''} />}
      </FieldShell>
    </div>
  );
}

function FrontPageScreen(p: ScreenProps) {
  const tree = sectionTree(p.sections);
  const errorCount = Object.keys(p.errors ?? {}).length;
  return (
    <>
      {p.saved ? <Notice kind="success">Front page saved. Readers see it now.</Notice> : null}
      {errorCount ? <Notice kind="error">Nothing was saved: please correct the {errorCount === 1 ? 'field' : 'fields'} marked below.</Notice> : null}
      <p class="field-hint">
        A place left on “newest”, a pin that has ended, or a story that is no longer published falls back to the newest stories at once. Times are in the edition’s time zone ({p.timeZone}); leave “Pinned until” empty to keep a choice until you change it.
      </p>
      <form method="post" action="/admin/front-page" class="stack-form front-page-form" novalidate>
        <CsrfField token={p.csrf} />
        <fieldset class="field">
          <legend>Lead story</legend>
          <StoryPick name="lead" label="Lead" stories={p.stories} p={p} auto="Newest story (automatic)" />
        </fieldset>
        <fieldset class="field">
          <legend>Top stories, in order</legend>
          {Array.from({ length: MAX_TOP_STORIES }, (_, i) => (
            <StoryPick name={topName(i)} label={`Top story ${i + 1}`} stories={p.stories} p={p} auto="None" />
          ))}
        </fieldset>
        <fieldset class="field">
          <legend>Order of the section blocks</legend>
          <p class="field-hint">Number the blocks to put first (1 at the top); unnumbered ones follow, the one with the newest story first.</p>
          <div class="order-grid">
            {tree.map(({ section: s }) => (
              <FieldShell name={orderName(s.id)} label={s.name} error={p.errors?.[orderName(s.id)]}>
                {(aria) => <input {...aria} class="order-input" name={orderName(s.id)} value={p.values[orderName(s.id)] ?? ''} inputMode="numeric" maxLength={3} />}
              </FieldShell>
            ))}
          </div>
          <FieldShell name="orderUntil" label="Order pinned until" error={p.errors?.orderUntil}>
            {(aria) => <input {...aria} type="datetime-local" name="orderUntil" value={p.values.orderUntil ?? ''} />}
          </FieldShell>
        </fieldset>
        <fieldset class="field">
          <legend>Section page leads</legend>
          {tree.map(({ section: s }) => {
            const inside = descendantsOf(p.sections, s.id);
            const own = p.stories.filter((a) => a.section && inside.has(a.section.id));
            return <StoryPick name={sectionLeadName(s.id)} label={s.name} stories={own} p={p} auto="Newest in the section (automatic)" />;
          })}
        </fieldset>
        <button type="submit">Save front page</button>
      </form>
    </>
  );
}

/** The newest public stories, and any chosen story still public that is older. */
async function offeredStories(deps: HttpDeps, values: FormValues): Promise<ArticleSummary[]> {
  const newest = (await deps.queries.listPublic({}, OFFERED, 0)).items;
  const chosen = Object.entries(values).filter(([k, v]) => !k.endsWith('Until') && !k.startsWith('order-') && /^\d+$/.test(v)).map(([, v]) => Number(v));
  const missing = [...new Set(chosen)].filter((id) => !newest.some((s) => s.id === id));
  return missing.length ? [...newest, ...(await deps.queries.latestPublic({ ids: missing }, missing.length))] : newest;
}

/** The front-page screen (articles:edit-any: editors and admins), through FrontPageService.update like the Admin API. */
export function registerFrontPageRoutes(app: FastifyInstance, deps: HttpDeps): void {
  const guard = { preHandler: requireCapability('articles:edit-any') };
  const page = async (csrf: string, values: FormValues, extra: Partial<ScreenProps>) => {
    const [sections, settings] = await Promise.all([deps.sections.list(), deps.settings.get()]);
    return <FrontPageScreen csrf={csrf} timeZone={settings.timeZone} sections={sections} stories={await offeredStories(deps, values)} values={values} {...extra} />;
  };

  app.get<{ Querystring: { saved?: string } }>('/front-page', guard, async (req, reply) => {
    const values = formValuesOf(await deps.frontPage.choices(), (await deps.settings.get()).timeZone);
    return sendAdminPage(req, reply, { title: 'Front page', current: '/admin/front-page', content: await page(req.adminCsrf!, values, { saved: req.query.saved === '1' }) });
  });

  app.post('/front-page', guard, async (req, reply) => {
    const [sections, settings] = await Promise.all([deps.sections.list(), deps.settings.get()]);
    let form: ReturnType<typeof readForm> | null = null;
    try {
      form = readForm(req.body, sections, settings.timeZone);
      await deps.frontPage.update(form.raw, actorOf(staffOf(req)));
    } catch (e) {
      if (!isFormError(e)) throw e;
      const values = form?.values ?? readValues(req.body);
      const errors = controlErrors(e.problems, form?.controlOf ?? ((f) => f));
      return sendAdminPage(req, reply, { title: 'Front page', current: '/admin/front-page', status: e.status, content: await page(req.adminCsrf!, values, { errors }) });
    }
    return reply.code(303).header('location', '/admin/front-page?saved=1').send();
  });
}

/** The posted strings as they were, for a form refused before it could be read whole. */
function readValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}
