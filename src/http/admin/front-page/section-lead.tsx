import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { can } from '../../../domain/access/index.ts';
import { utcToZonedLocal, zonedLocalToUtc } from '../../../domain/articles/index.ts';
import { descendantsOf, type Section } from '../../../domain/sections/index.ts';
import { actorOf } from '../../../domain/users/index.ts';
import type { HttpDeps } from '../../deps.ts';
import { field, isFormError, type FieldErrors } from '../forms.ts';
import { csrfToken, requireCapability, staffOf } from '../guard.ts';
import { CsrfField, Notice } from '../layout.tsx';
import { StoryPick } from './front-page.page.tsx';
import { controlErrors, sectionLeadName, until, type FormValues } from './front-page.form.ts';

/** Stories offered: the section's newest public ones, its subsections' included (what its page lists). */
const OFFERED = 60;

/** What a refused post hands back to the edit page: the values as typed and the errors by control. */
export interface LeadFormState {
  values: FormValues;
  errors: FieldErrors;
}

/**
 * A section page's own lead on the section's edit screen. It is the same
 * choice as the "Section page leads" of the front-page screen (one row, one
 * check, one purge: FrontPageService.setSectionLead), so either screen shows
 * what the other set. Editors and admins (articles:edit-any), as there.
 */
export function sectionLeadPart(deps: HttpDeps) {
  const capability = 'articles:edit-any' as const;

  async function render(section: Section, req: FastifyRequest, state?: LeadFormState): Promise<ComponentChildren> {
    if (!can(staffOf(req).role, capability)) return null;
    const [sections, settings, choices] = await Promise.all([deps.sections.list(), deps.settings.get(), deps.frontPage.choices()]);
    const name = sectionLeadName(section.id);
    const chosen = choices.sectionLeads.find((l) => l.sectionId === section.id);
    const values: FormValues = state?.values ?? { [name]: chosen ? String(chosen.storyId) : '', [until(name)]: chosen?.pinnedUntil ? utcToZonedLocal(chosen.pinnedUntil, settings.timeZone) : '' };
    const ids = [...descendantsOf(sections, section.id)];
    const newest = (await deps.queries.listPublic({ sectionIds: ids }, OFFERED, 0)).items;
    const picked = Number(values[name]);
    // A chosen story older than the newest sixty stays offered, or saving the page would drop it.
    const older = Number.isSafeInteger(picked) && picked > 0 && !newest.some((s) => s.id === picked) ? await deps.queries.latestPublic({ ids: [picked] }, 1) : [];
    const saved = (req.query as Record<string, unknown> | undefined)?.lead === 'saved';
    const errorCount = Object.keys(state?.errors ?? {}).length;
    return (
      <section aria-labelledby="lead-h">
        <h2 id="lead-h">Lead story of the section page</h2>
        {saved ? <Notice kind="success">The section page’s lead was saved. Readers see it now.</Notice> : null}
        {errorCount ? <Notice kind="error">The lead was not saved: please correct the {errorCount === 1 ? 'field' : 'fields'} marked below.</Notice> : null}
        <p class="field-hint">
          The story at the top of /section/{section.slug}. Left on “newest”, after its pin ends, or once the story is no longer published, the newest story in the section leads. Times are in the edition’s time zone ({settings.timeZone}). The front-page screen shows and sets the same choice.
        </p>
        <form method="post" action={`/admin/sections/${section.id}/lead`} class="stack-form" novalidate>
          <CsrfField token={csrfToken(req)} />
          <StoryPick name={name} label="Lead" stories={[...newest, ...older]} p={{ values, errors: state?.errors }} auto="Newest in the section (automatic)" />
          <button type="submit">Save lead</button>
        </form>
      </section>
    );
  }

  /** POST /admin/sections/:id/lead: the choice through the service; a refusal comes back on the edit page with the fields marked. */
  async function post(req: FastifyRequest, reply: FastifyReply, section: Section, refused: (status: number, state: LeadFormState) => Promise<unknown>): Promise<unknown> {
    const name = sectionLeadName(section.id);
    const values: FormValues = { [name]: field(req.body, name).trim(), [until(name)]: field(req.body, until(name)).trim() };
    try {
      const { timeZone } = await deps.settings.get();
      const story = values[name];
      const local = values[until(name)];
      const choice = story ? { story: /^\d{1,15}$/.test(story) ? Number(story) : story, pinnedUntil: local ? zonedLocalToUtc(local, timeZone, until(name)).toISOString() : null } : null;
      await deps.frontPage.setSectionLead(section.id, choice, actorOf(staffOf(req)));
    } catch (e) {
      if (!isFormError(e)) throw e;
      const controlOf = (f: string) => (f.endsWith('.pinnedUntil') || f === until(name) ? until(name) : name);
      return refused(e.status, { values, errors: controlErrors(e.problems, controlOf) });
    }
    return reply.code(303).header('location', `/admin/sections/${section.id}?lead=saved#lead-h`).send();
  }

  return { render, post, guard: requireCapability(capability) };
}

export type SectionLeadPart = ReturnType<typeof sectionLeadPart>;
