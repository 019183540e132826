import { validationError, type FieldProblem } from '../shared/errors.ts';
import { slugify } from '../shared/slug.ts';
import { findPersonRow } from '../people/index.ts';
import { findSectionByRef, listSectionRows } from '../sections/index.ts';
import { findTagByName, findTagRow, insertTagRow } from '../tags/index.ts';
import { imagesByIds, type Q } from './articles.repo.ts';
import type { ArticleInput } from './articles.input.ts';
import { imageIdsOf } from './document.ts';

export interface Resolved {
  sectionId?: number | null;
  tagIds?: number[];
  personIds?: number[];
}

/**
 * Turns references in an input (section slug, tag names, byline slugs,
 * image ids) into ids inside the write transaction. Missing sections,
 * people and images are a 422 naming the field; tags that do not exist yet
 * are created, as a newsroom expects when it types a new tag.
 *
 * With `rowLocks` (PostgreSQL) the images a story will show are share-locked
 * until the write commits: MediaService.removeUnused locks the image row
 * before it looks for uses, so a delete and a save that starts using the
 * image run one after the other, and neither acts on what the other has
 * not committed yet.
 */
export async function resolveReferences(db: Q, input: ArticleInput, nowIso: string, rowLocks = false): Promise<Resolved> {
  const problems: FieldProblem[] = [];
  const out: Resolved = {};
  if (input.section !== undefined) {
    if (input.section === null) out.sectionId = null;
    else {
      const s = await findSectionByRef(db, input.section);
      if (!s) problems.push({ field: 'section', message: await noSuchSection(db, input.section) });
      else out.sectionId = s.id;
    }
  }
  if (input.bylines !== undefined) {
    out.personIds = [];
    for (const ref of input.bylines) {
      const p = await findPersonRow(db, ref);
      if (!p) problems.push({ field: 'bylines', message: `no person "${ref}"` });
      else if (!out.personIds.includes(p.id)) out.personIds.push(p.id);
    }
  }
  const imageIds = [...(input.body ? imageIdsOf(input.body) : []), ...(input.featuredImageId ? [input.featuredImageId] : [])];
  if (imageIds.length) {
    const found = await imagesByIds(db, imageIds, { lockShared: rowLocks });
    for (const id of imageIds) {
      if (!found.has(id)) problems.push({ field: id === input.featuredImageId ? 'featuredImageId' : 'body', message: `no image with id ${id}` });
    }
  }
  if (problems.length) throw validationError(problems);
  if (input.tags !== undefined) {
    out.tagIds = [];
    for (const name of input.tags) {
      const slug = slugify(name);
      const existing = (await findTagRow(db, slug)) ?? (await findTagByName(db, name));
      const id = existing ? existing.id : await insertTagRow(db, { slug, name, description: '', created_at: nowIso });
      if (!out.tagIds.includes(id)) out.tagIds.push(id);
    }
  }
  return out;
}

/** Sections are never created by a story save: say which exist, so the client can correct the name. */
async function noSuchSection(db: Q, ref: string | number): Promise<string> {
  const rows = await listSectionRows(db);
  const shown = rows.slice(0, 40).map((r) => `${r.name} (${r.slug})`);
  const list = rows.length ? `; the sections are: ${shown.join(', ')}${rows.length > shown.length ? `, and ${rows.length - shown.length} more` : ''}` : '; there are no sections yet';
  return `no section "${ref}" (give a section's slug, name or id)${list}`;
}
