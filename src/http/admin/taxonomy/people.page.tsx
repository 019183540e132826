import type { ImageInfo } from '../../../domain/articles/index.ts';
import type { MediaService } from '../../../domain/media/index.ts';
import type { PeopleService, Person } from '../../../domain/people/index.ts';
import { TextAreaField } from '../fields.tsx';
import { CsrfField, TextField } from '../layout.tsx';
import { ImageChoices, imageChoicesFor } from '../media/image-choices.tsx';
import { thumbUrl } from '../media/thumb.ts';
import { numberField, textFields, type DeskResource, type FormProps } from './desk-resource.tsx';
import { DataTable } from '../data-table.tsx';

interface PeopleList {
  people: Array<Person & { stories: number }>;
  photos: Map<number, ImageInfo>;
}

function PeopleTable({ list }: { list: PeopleList }) {
  if (!list.people.length) return <p>No people yet. Add the newsroom's writers below; bylines are chosen from them.</p>;
  return (
    <DataTable caption="People, by name" columns={['Photo', 'Name', 'Title', 'Author page', 'Bylines']}>
        {list.people.map((p) => {
          const photo = p.photoImageId === null ? undefined : list.photos.get(p.photoImageId);
          return (
            <tr>
              <td>{photo ? <img class="person-photo" src={thumbUrl(photo)} alt="" /> : '—'}</td>
              <td>
                <a href={`/admin/people/${p.id}`}>
                  <bdi>{p.name}</bdi>
                </a>
              </td>
              <td>{p.roleTitle || '—'}</td>
              <td>
                <a href={`/author/${p.slug}`}>/author/{p.slug}</a>
              </td>
              <td>{p.stories}</td>
            </tr>
          );
        })}
      </DataTable>
  );
}

function PersonForm(p: FormProps<{ images: ImageInfo[] }>) {
  const { values: v, errors: e } = p;
  return (
    <form method="post" action={p.action} class="stack-form" novalidate>
      <CsrfField token={p.csrf} />
      <TextField name="name" label="Name" value={v.name} error={e.name} required maxLength={120} hint="As it is printed in bylines." />
      <TextField name="slug" label="Slug" value={v.slug} error={e.slug} maxLength={80} hint="The author page: /author/slug. Leave empty to make one from the name." />
      <TextField name="roleTitle" label="Title" value={v.roleTitle} error={e.roleTitle} maxLength={120} hint="e.g. Tehran correspondent, Sports editor." />
      <TextAreaField name="bio" label="Biography" value={v.bio} error={e.bio} rows={6} maxLength={4000} hint="Shown on the author page. A blank line starts a new paragraph." />
      <ImageChoices
        name="photoImageId"
        legend="Photo"
        images={p.ctx.images}
        value={v.photoImageId ?? ''}
        error={e.photoImageId}
        hint="The newest images of the media library; upload a portrait there first."
      />
      <button type="submit">{p.submitLabel}</button>
    </form>
  );
}

export function peopleResource(people: PeopleService, media: MediaService): DeskResource<Person, PeopleList, { images: ImageInfo[] }> {
  return {
    path: 'people',
    title: 'People',
    noun: 'person',
    service: people,
    async loadList() {
      const list = await people.listForDesk();
      const photos = await media.getMany(list.flatMap((p) => (p.photoImageId === null ? [] : [p.photoImageId])));
      return { people: list, photos };
    },
    async loadFormContext(current) {
      return { images: await imageChoicesFor(media, current?.photoImageId ?? null) };
    },
    fromForm(body, mode) {
      const raw = textFields(body, ['name', 'slug', 'roleTitle', 'bio'], mode);
      const photo = numberField(body, 'photoImageId', null);
      if (photo !== null || mode === 'update') raw.photoImageId = photo;
      return raw;
    },
    valuesOf: (p) => ({ name: p.name, slug: p.slug, roleTitle: p.roleTitle, bio: p.bio, photoImageId: p.photoImageId === null ? '' : String(p.photoImageId) }),
    List: PeopleTable,
    Form: PersonForm,
  };
}
