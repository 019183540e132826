import type { FastifyInstance } from 'fastify';
import { descendantsOf, sectionTree, type Section, type SectionsService, type SectionTreeRow } from '../../../domain/sections/index.ts';
import { AppError } from '../../../domain/shared/errors.ts';
import { actorOf } from '../../../domain/users/index.ts';
import { SelectField, TextAreaField } from '../fields.tsx';
import { field, parseId } from '../forms.ts';
import { requireCapability, staffOf } from '../guard.ts';
import { CsrfField, TextField } from '../layout.tsx';
import { numberField, textFields, type DeskResource, type FormProps } from './desk-resource.tsx';
import { DataTable } from '../data-table.tsx';
import type { LeadFormState, SectionLeadPart } from '../front-page/section-lead.tsx';

interface SectionList {
  tree: SectionTreeRow[];
  stories: Map<number, number>;
}

function MoveButtons({ s, first, last, csrf }: { s: Section; first: boolean; last: boolean; csrf: string }) {
  return (
    <form method="post" action={`/admin/sections/${s.id}/move`} class="inline-form">
      <CsrfField token={csrf} />
      <button type="submit" name="direction" value="up" class="button-small button-secondary" disabled={first} aria-label={`Move ${s.name} up`}>
        ↑
      </button>{' '}
      <button type="submit" name="direction" value="down" class="button-small button-secondary" disabled={last} aria-label={`Move ${s.name} down`}>
        ↓
      </button>
    </form>
  );
}

function SectionsList({ list, csrf }: { list: SectionList; csrf: string }) {
  if (!list.tree.length) return <p>No sections yet. Add the first one below.</p>;
  return (
    <DataTable caption="Sections, in the order readers see them" columns={['Section', 'Address', 'Stories', 'Order']}>
        {list.tree.map(({ section: s, depth, first, last }) => (
          <tr>
            <td class={`tree-depth-${Math.min(depth, 4)}`}>
              {depth ? <span aria-hidden="true">↳ </span> : null}
              <a href={`/admin/sections/${s.id}`}>
                <bdi>{s.name}</bdi>
              </a>
            </td>
            <td>
              <a href={`/section/${s.slug}`}>/section/{s.slug}</a>
            </td>
            <td>{list.stories.get(s.id) ?? 0}</td>
            <td>
              <MoveButtons s={s} first={first} last={last} csrf={csrf} />
            </td>
          </tr>
        ))}
      </DataTable>
  );
}

function SectionForm(p: FormProps<{ parents: Array<[string, string]> }>) {
  const { values: v, errors: e } = p;
  return (
    <form method="post" action={p.action} class="stack-form" novalidate>
      <CsrfField token={p.csrf} />
      <TextField name="name" label="Name" value={v.name} error={e.name} required maxLength={120} />
      <TextField name="slug" label="Slug" value={v.slug} error={e.slug} maxLength={80} hint="The address: /section/slug. Leave empty to make one from the name." />
      <SelectField name="parentId" label="Inside" value={v.parentId} error={e.parentId} options={p.ctx.parents} />
      <TextAreaField name="description" label="Description" value={v.description} error={e.description} maxLength={1000} hint="Shown at the top of the section page and in its feed." />
      <TextField name="position" label="Position" value={v.position} error={e.position} inputMode="numeric" hint="Lower comes first among its siblings; the arrows in the list do the same." />
      <button type="submit">{p.submitLabel}</button>
    </form>
  );
}

/** A section cannot be put inside itself or one of its own subsections, so those are not offered. */
function parentOptions(all: Section[], current: Section | null): Array<[string, string]> {
  const below = current ? descendantsOf(all, current.id) : new Set<number>();
  const rows = sectionTree(all).filter((t) => !below.has(t.section.id));
  return [['', '— Top level —'], ...rows.map((t): [string, string] => [String(t.section.id), `${'\u2003'.repeat(t.depth)}${t.section.name}`])];
}

export function sectionsResource(sections: SectionsService, lead: SectionLeadPart): DeskResource<Section, SectionList, { parents: Array<[string, string]> }> {
  return {
    path: 'sections',
    title: 'Sections',
    noun: 'section',
    service: sections,
    async loadList() {
      const [all, stories] = await Promise.all([sections.list(), sections.storyCounts()]);
      return { tree: sectionTree(all), stories };
    },
    async loadFormContext(current) {
      return { parents: parentOptions(await sections.list(), current) };
    },
    fromForm(body, mode) {
      const raw = textFields(body, ['name', 'slug', 'description'], mode);
      const parentId = numberField(body, 'parentId', null);
      if (parentId !== null || mode === 'update') raw.parentId = parentId;
      const position = numberField(body, 'position', undefined);
      if (position !== undefined) raw.position = position;
      return raw;
    },
    valuesOf: (s) => ({ name: s.name, slug: s.slug, description: s.description, parentId: s.parentId === null ? '' : String(s.parentId), position: String(s.position) }),
    List: SectionsList,
    Form: SectionForm,
    editExtra: (s, req, state) => lead.render(s, req, state as LeadFormState | undefined),
    extraRoutes(app: FastifyInstance, pages) {
      app.post<{ Params: { id: string } }>('/sections/:id/lead', { preHandler: lead.guard }, async (req, reply) => {
        const section = await sections.get(parseId(req.params.id));
        return lead.post(req, reply, section, (status, state) => pages.edit(req, reply, section, { status, extra: state }));
      });
      app.post<{ Params: { id: string } }>('/sections/:id/move', { preHandler: requireCapability('taxonomy:write') }, async (req, reply) => {
        const id = parseId(req.params.id);
        const direction = field(req.body, 'direction');
        if (direction !== 'up' && direction !== 'down') throw new AppError('BAD_REQUEST', 'direction: press the up or down arrow', { field: 'direction' });
        await sections.move(id, direction, actorOf(staffOf(req)));
        return reply.code(303).header('location', '/admin/sections?done=moved').send();
      });
    },
  };
}
