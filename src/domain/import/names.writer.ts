import type { Q } from '../../storage/index.ts';
import { cacheTag, recordChange } from '../changes/index.ts';
import { findPersonRow, insertPersonRow, updatePersonRow } from '../people/index.ts';
import { insertSectionRow, updateSectionRow } from '../sections/index.ts';
import { slugify, withSuffix } from '../shared/slug.ts';
import { insertTagRow } from '../tags/index.ts';
import { findImported, personSlugTaken, rememberImported, sectionSlugTaken, tagIdBySlug } from './import.repo.ts';
import type { WriteContext } from './story.writer.ts';

/**
 * A section for a source category, under its parent's section. A section
 * the newsroom already has with that slug is used as it is, not renamed:
 * the import joins what is there.
 */
export async function writeSection(trx: Q, ctx: WriteContext, t: { slug: string; name: string; description: string; parentId: number | null }): Promise<number> {
  const known = await findImported(trx, ctx.source, 'section', t.slug);
  const slug = slugify(t.slug || t.name);
  const fields = { name: t.name.slice(0, 120) || slug, description: t.description.slice(0, 1000), parent_id: t.parentId, updated_at: ctx.nowIso };
  let id = known ?? (await sectionSlugTaken(trx, slug));
  if (id !== undefined && known !== undefined) await updateSectionRow(trx, id, fields);
  if (id === undefined) {
    id = await insertSectionRow(trx, { ...fields, slug, position: 1000, created_at: ctx.nowIso });
    ctx.counts.sections++;
  }
  await rememberImported(trx, ctx.source, 'section', t.slug, id, ctx.nowIso);
  await recordChange(trx, ctx.nowIso, { kind: 'section', id, action: known ? 'updated' : 'created', tags: [cacheTag.sections, cacheTag.sectionList(id), cacheTag.missing] });
  return id;
}

export async function writeTag(trx: Q, ctx: WriteContext, t: { slug: string; name: string; description: string }): Promise<number> {
  const known = await findImported(trx, ctx.source, 'tag', t.slug);
  if (known !== undefined) return known;
  const slug = slugify(t.slug || t.name);
  let id = await tagIdBySlug(trx, slug);
  if (id === undefined) {
    id = await insertTagRow(trx, { slug, name: t.name.slice(0, 120) || slug, description: t.description.slice(0, 1000), created_at: ctx.nowIso });
    ctx.counts.tags++;
    await recordChange(trx, ctx.nowIso, { kind: 'tag', id, action: 'created', tags: [cacheTag.tag(id), cacheTag.missing] });
  }
  await rememberImported(trx, ctx.source, 'tag', t.slug, id, ctx.nowIso);
  return id;
}

/** An author, found again on a re-run by login, or by email when the login changed. */
export async function writePerson(trx: Q, ctx: WriteContext, a: { login: string; email: string; name: string }): Promise<number> {
  const known = (await findImported(trx, ctx.source, 'person', a.login)) ?? (a.email ? await findImported(trx, ctx.source, 'person-email', a.email) : undefined);
  const name = a.name.slice(0, 120) || a.login;
  let id = known !== undefined && (await findPersonRow(trx, known)) ? known : undefined;
  if (id !== undefined) {
    await updatePersonRow(trx, id, { name, updated_at: ctx.nowIso });
    await recordChange(trx, ctx.nowIso, { kind: 'person', id, action: 'updated', tags: [cacheTag.person(id)] });
  } else {
    const base = slugify(name);
    let slug = base;
    for (let n = 2; await personSlugTaken(trx, slug); n++) slug = withSuffix(base, n);
    id = await insertPersonRow(trx, { slug, name, bio: '', role_title: '', photo_image_id: null, created_at: ctx.nowIso, updated_at: ctx.nowIso });
    ctx.counts.people++;
    await recordChange(trx, ctx.nowIso, { kind: 'person', id, action: 'created', tags: [cacheTag.person(id), cacheTag.missing] });
  }
  await rememberImported(trx, ctx.source, 'person', a.login, id, ctx.nowIso);
  if (a.email) await rememberImported(trx, ctx.source, 'person-email', a.email, id, ctx.nowIso);
  return id;
}
