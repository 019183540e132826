import type { Db } from '../../storage/index.ts';
import { isUniqueViolation } from '../../storage/index.ts';
import type { SectionRow } from '../../storage/schema.ts';
import type { ContentEvent } from '../shared/events.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { integer, optionalId, parseFields, slug, text } from '../shared/fields.ts';
import { slugify } from '../shared/slug.ts';
import { deleteSectionRow, findSectionRow, insertSectionRow, listSectionRows, sectionInUse, updateSectionRow } from './sections.repo.ts';

export interface Section {
  id: number;
  slug: string;
  name: string;
  description: string;
  parentId: number | null;
  position: number;
}

export interface SectionInput {
  slug: string;
  name: string;
  description: string;
  parentId: number | null;
  position: number;
}

const SPEC = { slug, name: text(120, true), description: text(1000), parentId: optionalId, position: integer };

export function sectionFromRow(r: SectionRow): Section {
  return { id: r.id, slug: r.slug, name: r.name, description: r.description, parentId: r.parent_id, position: r.position };
}

export class SectionsService {
  constructor(private readonly deps: { db: Db; clock: Clock; emit: (e: ContentEvent) => void }) {}

  async list(): Promise<Section[]> {
    return (await listSectionRows(this.deps.db.kysely)).map(sectionFromRow);
  }

  async get(ref: string | number): Promise<Section> {
    const r = await findSectionRow(this.deps.db.kysely, ref);
    if (!r) throw notFound(`section ${ref}`);
    return sectionFromRow(r);
  }

  /** The section and every section below it, for section pages that include their children. */
  async withDescendants(id: number): Promise<number[]> {
    const all = await this.list();
    const out = [id];
    for (let i = 0; i < out.length; i++) for (const s of all) if (s.parentId === out[i] && !out.includes(s.id)) out.push(s.id);
    return out;
  }

  private async checkParent(id: number | null, parentId: number | null | undefined): Promise<void> {
    if (parentId === undefined || parentId === null) return;
    const all = await this.list();
    if (!all.some((s) => s.id === parentId)) throw validationError([{ field: 'parentId', message: `no section ${parentId}` }]);
    // Walking up from the new parent must never reach the section itself.
    for (let cur: number | null = parentId, n = 0; cur !== null && n < 100; n++) {
      if (cur === id) throw validationError([{ field: 'parentId', message: 'a section cannot be inside itself' }]);
      cur = all.find((s) => s.id === cur)?.parentId ?? null;
    }
  }

  async create(raw: unknown): Promise<Section> {
    const input = parseFields<SectionInput>(raw, SPEC, ['name']);
    await this.checkParent(null, input.parentId);
    const now = this.deps.clock.now().toISOString();
    try {
      const id = await insertSectionRow(this.deps.db.kysely, {
        slug: input.slug ?? slugify(input.name!),
        name: input.name!,
        description: input.description ?? '',
        parent_id: input.parentId ?? null,
        position: input.position ?? 0,
        created_at: now,
        updated_at: now,
      });
      this.deps.emit({ kind: 'section', id, action: 'created' });
      return this.get(id);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('SLUG_TAKEN', 'a section with this slug exists', { field: 'slug' });
      throw e;
    }
  }

  async update(id: number, raw: unknown): Promise<Section> {
    const input = parseFields<SectionInput>(raw, SPEC);
    await this.get(id);
    await this.checkParent(id, input.parentId);
    const patch: Partial<SectionRow> = { updated_at: this.deps.clock.now().toISOString() };
    if (input.slug !== undefined) patch.slug = input.slug;
    if (input.name !== undefined) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description;
    if (input.parentId !== undefined) patch.parent_id = input.parentId;
    if (input.position !== undefined) patch.position = input.position;
    try {
      await updateSectionRow(this.deps.db.kysely, id, patch);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('SLUG_TAKEN', 'a section with this slug exists', { field: 'slug' });
      throw e;
    }
    this.deps.emit({ kind: 'section', id, action: 'updated' });
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    if (await sectionInUse(this.deps.db.kysely, id)) {
      throw new AppError('CONFLICT', 'the section still has stories or subsections; move them first');
    }
    await deleteSectionRow(this.deps.db.kysely, id);
    this.deps.emit({ kind: 'section', id, action: 'deleted' });
  }
}
