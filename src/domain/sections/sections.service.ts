import type { Db } from '../../storage/index.ts';
import { isUniqueViolation } from '../../storage/index.ts';
import type { SectionRow } from '../../storage/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { integer, optionalId, parseFields, slug, text } from '../shared/fields.ts';
import { slugify } from '../shared/slug.ts';
import { descendantsOf } from './sections.tree.ts';
import { countArticlesBySection, deleteSectionRow, findSectionRow, insertSectionRow, listSectionRows, renumberSections, sectionInUse, updateSectionRow } from './sections.repo.ts';

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
  constructor(private readonly deps: { db: Db; clock: Clock; changes: ChangeNotifier }) {}

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
    return [...descendantsOf(await this.list(), id)];
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

  /** Stories filed in each section, by section id (sections with none are absent). */
  async storyCounts(): Promise<Map<number, number>> {
    return countArticlesBySection(this.deps.db.kysely);
  }

  /** `actor` is who did it, for the audit log (`user:12`, `apikey:3`). */
  async create(raw: unknown, actor = 'system'): Promise<Section> {
    const input = parseFields<SectionInput>(raw, SPEC, ['name']);
    await this.checkParent(null, input.parentId);
    const now = this.deps.clock.now().toISOString();
    const slugValue = input.slug ?? slugify(input.name!);
    const id = await this.unique(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        const sectionId = await insertSectionRow(trx, {
          slug: slugValue,
          name: input.name!,
          description: input.description ?? '',
          parent_id: input.parentId ?? null,
          position: input.position ?? 0,
          created_at: now,
          updated_at: now,
        });
        await recordAudit(trx, now, { actor, action: 'section.create', targetType: 'section', targetId: sectionId, detail: { slug: slugValue, name: input.name } });
        await recordChange(trx, now, { kind: 'section', id: sectionId, action: 'created', tags: [cacheTag.sections, cacheTag.sectionList(sectionId), cacheTag.feeds, cacheTag.sitemaps, cacheTag.missing] });
        return sectionId;
      }),
    );
    await this.deps.changes.committed();
    return this.get(id);
  }

  async update(id: number, raw: unknown, actor = 'system'): Promise<Section> {
    const input = parseFields<SectionInput>(raw, SPEC);
    await this.get(id);
    await this.checkParent(id, input.parentId);
    const patch: Partial<SectionRow> = { updated_at: this.deps.clock.now().toISOString() };
    if (input.slug !== undefined) patch.slug = input.slug;
    if (input.name !== undefined) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description;
    if (input.parentId !== undefined) patch.parent_id = input.parentId;
    if (input.position !== undefined) patch.position = input.position;
    const changed = Object.keys(input);
    await this.unique(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        await updateSectionRow(trx, id, patch);
        if (changed.length) await recordAudit(trx, patch.updated_at!, { actor, action: 'section.update', targetType: 'section', targetId: id, detail: { changed } });
        await recordChange(trx, patch.updated_at!, { kind: 'section', id, action: 'updated', tags: [cacheTag.sections, cacheTag.sectionList(id), cacheTag.feeds, cacheTag.sitemaps, cacheTag.missing] });
      }),
    );
    await this.deps.changes.committed();
    return this.get(id);
  }

  /**
   * One place up or down among its siblings. Siblings are renumbered 0…n in
   * the order they are shown, so equal positions (the default 0) still move.
   */
  async move(id: number, direction: 'up' | 'down', actor = 'system'): Promise<Section> {
    const me = await this.get(id);
    const siblings = (await this.list()).filter((s) => s.parentId === me.parentId);
    const i = siblings.findIndex((s) => s.id === id);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= siblings.length) return me;
    [siblings[i], siblings[j]] = [siblings[j], siblings[i]];
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await renumberSections(trx, siblings.map((s) => s.id));
      await recordAudit(trx, at, { actor, action: 'section.move', targetType: 'section', targetId: id, detail: { direction } });
      await recordChange(trx, at, { kind: 'section', id, action: 'updated', tags: [cacheTag.sections, cacheTag.sectionList(id), cacheTag.feeds, cacheTag.sitemaps, cacheTag.missing] });
    });
    await this.deps.changes.committed();
    return this.get(id);
  }

  async remove(id: number, actor = 'system'): Promise<void> {
    const section = await this.get(id);
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      // Checked inside the transaction, so a story filed meanwhile is never left pointing at nothing.
      if (await sectionInUse(trx, id)) throw new AppError('CONFLICT', 'the section still has stories or subsections; move them first');
      await deleteSectionRow(trx, id);
      await recordAudit(trx, at, { actor, action: 'section.delete', targetType: 'section', targetId: id, detail: { slug: section.slug, name: section.name } });
      await recordChange(trx, at, { kind: 'section', id, action: 'deleted', tags: [cacheTag.sections, cacheTag.sectionList(id), cacheTag.feeds, cacheTag.sitemaps, cacheTag.missing] });
    });
    await this.deps.changes.committed();
  }

  private async unique<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('SLUG_TAKEN', 'a section with this slug exists', { field: 'slug' });
      throw e;
    }
  }
}
