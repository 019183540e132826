import type { Tag, TagsService } from '../../../domain/tags/index.ts';
import { TextAreaField } from '../fields.tsx';
import { CsrfField, TextField } from '../layout.tsx';
import { textFields, type DeskResource, type FormProps } from './desk-resource.tsx';
import { DataTable } from '../data-table.tsx';

type DeskTag = Tag & { stories: number };

function TagsList({ list }: { list: DeskTag[] }) {
  if (!list.length) return <p>No tags yet. Stories create them as they are tagged, or add one below.</p>;
  return (
    <DataTable caption="Tags, by name" columns={['Tag', 'Address', 'Also reached as', 'Stories']}>
        {list.map((t) => (
          <tr>
            <td>
              <a href={`/admin/tags/${t.id}`}>
                <bdi>{t.name}</bdi>
              </a>
            </td>
            <td>
              <a href={`/tag/${t.slug}`}>/tag/{t.slug}</a>
            </td>
            <td>{t.aliases.length ? t.aliases.join(', ') : '—'}</td>
            <td>{t.stories}</td>
          </tr>
        ))}
      </DataTable>
  );
}

function TagForm(p: FormProps<null>) {
  const { values: v, errors: e } = p;
  return (
    <form method="post" action={p.action} class="stack-form" novalidate>
      <CsrfField token={p.csrf} />
      <TextField name="name" label="Name" value={v.name} error={e.name} required maxLength={100} />
      <TextField name="slug" label="Slug" value={v.slug} error={e.slug} maxLength={80} hint="The address: /tag/slug. Leave empty to make one from the name." />
      <TextField
        name="aliases"
        label="Aliases"
        value={v.aliases}
        error={e.aliases}
        hint="Other slugs that lead here (old names, other spellings), comma separated. Their addresses redirect to this tag."
      />
      <TextAreaField name="description" label="Description" value={v.description} error={e.description} maxLength={1000} />
      <button type="submit">{p.submitLabel}</button>
    </form>
  );
}

/** "majlis, parliament-of-iran" → a list; the service checks each is a slug. */
function aliasList(raw: unknown): string[] | undefined {
  if (typeof raw !== 'string') return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function tagsResource(tags: TagsService): DeskResource<Tag, DeskTag[], null> {
  return {
    path: 'tags',
    title: 'Tags',
    noun: 'tag',
    service: tags,
    loadList: () => tags.listForDesk(),
    loadFormContext: async () => null,
    fromForm(body, mode) {
      const raw = textFields(body, ['name', 'slug', 'description'], mode);
      const aliases = aliasList((body as Record<string, unknown> | undefined)?.aliases);
      if (aliases && (aliases.length || mode === 'update')) raw.aliases = aliases;
      return raw;
    },
    valuesOf: (t) => ({ name: t.name, slug: t.slug, description: t.description, aliases: t.aliases.join(', ') }),
    List: TagsList,
    Form: TagForm,
  };
}
