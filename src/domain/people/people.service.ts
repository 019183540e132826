import type { Db, Q } from '../../storage/index.ts';
import { isUniqueViolation } from '../../storage/index.ts';
import type { PersonRow } from '../../storage/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { optionalId, parseFields, slug, text } from '../shared/fields.ts';
import { slugify } from '../shared/slug.ts';
import { articleIdsWithByline, countBylinesByPerson, deletePersonRow, findPersonRow, imageExists, insertPersonRow, listPeopleRows, personHasBylines, updatePersonRow } from './people.repo.ts';

export interface Person {
  id: number;
  slug: string;
  name: string;
  bio: string;
  roleTitle: string;
  photoImageId: number | null;
}

const SPEC = { slug, name: text(120, true), bio: text(4000), roleTitle: text(120), photoImageId: optionalId };

export function personFromRow(r: PersonRow): Person {
  return { id: r.id, slug: r.slug, name: r.name, bio: r.bio, roleTitle: r.role_title, photoImageId: r.photo_image_id };
}

export class PeopleService {
  /** `reindex` gets the stories whose search entries hold a renamed name, in the change's transaction (a durable job: SearchService.reindexLater). */
  constructor(private readonly deps: { db: Db; clock: Clock; changes: ChangeNotifier; reindex?: (trx: Q, articleIds: number[]) => Promise<void> }) {}

  async list(): Promise<Person[]> {
    return (await listPeopleRows(this.deps.db.kysely)).map(personFromRow);
  }

  /** With the number of bylines each person has, for the newsroom's people page. */
  async listForDesk(): Promise<Array<Person & { stories: number }>> {
    const [people, counts] = await Promise.all([this.list(), countBylinesByPerson(this.deps.db.kysely)]);
    return people.map((p) => ({ ...p, stories: counts.get(p.id) ?? 0 }));
  }

  async get(ref: string | number): Promise<Person> {
    const r = await findPersonRow(this.deps.db.kysely, ref);
    if (!r) throw notFound(`person ${ref}`);
    return personFromRow(r);
  }

  private async checkPhoto(id: number | null | undefined): Promise<void> {
    if (!id) return;
    if (!(await imageExists(this.deps.db.kysely, id))) throw validationError([{ field: 'photoImageId', message: `no image with id ${id}` }]);
  }

  /** `actor` is who did it, for the audit log (`user:12`, `apikey:3`). */
  async create(raw: unknown, actor = 'system'): Promise<Person> {
    const input = parseFields<Person>(raw, SPEC, ['name']);
    await this.checkPhoto(input.photoImageId);
    const now = this.deps.clock.now().toISOString();
    const personSlug = input.slug ?? slugify(input.name!);
    const id = await this.unique(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        const personId = await insertPersonRow(trx, {
          slug: personSlug,
          name: input.name!,
          bio: input.bio ?? '',
          role_title: input.roleTitle ?? '',
          photo_image_id: input.photoImageId ?? null,
          created_at: now,
          updated_at: now,
        });
        await recordAudit(trx, now, { actor, action: 'person.create', targetType: 'person', targetId: personId, detail: { slug: personSlug, name: input.name } });
        await recordChange(trx, now, { kind: 'person', id: personId, action: 'created', tags: [cacheTag.person(personId), cacheTag.personList(personId), cacheTag.feeds, cacheTag.sitemaps, cacheTag.search, cacheTag.missing] });
        return personId;
      }),
    );
    await this.deps.changes.committed();
    return this.get(id);
  }

  async update(id: number, raw: unknown, actor = 'system'): Promise<Person> {
    const input = parseFields<Person>(raw, SPEC);
    const before = await this.get(id);
    await this.checkPhoto(input.photoImageId);
    const renamed = input.name !== undefined && input.name !== before.name;
    const patch: Partial<PersonRow> = { updated_at: this.deps.clock.now().toISOString() };
    if (input.slug !== undefined) patch.slug = input.slug;
    if (input.name !== undefined) patch.name = input.name;
    if (input.bio !== undefined) patch.bio = input.bio;
    if (input.roleTitle !== undefined) patch.role_title = input.roleTitle;
    if (input.photoImageId !== undefined) patch.photo_image_id = input.photoImageId;
    const changed = Object.keys(input);
    await this.unique(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        await updatePersonRow(trx, id, patch);
        if (changed.length) await recordAudit(trx, patch.updated_at!, { actor, action: 'person.update', targetType: 'person', targetId: id, detail: { changed } });
        await recordChange(trx, patch.updated_at!, { kind: 'person', id, action: 'updated', tags: [cacheTag.person(id), cacheTag.personList(id), cacheTag.feeds, cacheTag.sitemaps, cacheTag.search, cacheTag.missing] });
        if (renamed) {
          const ids = await articleIdsWithByline(trx, id);
          if (ids.length) await this.deps.reindex?.(trx, ids);
        }
      }),
    );
    await this.deps.changes.committed();
    return this.get(id);
  }

  async remove(id: number, actor = 'system'): Promise<void> {
    const person = await this.get(id);
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      if (await personHasBylines(trx, id)) throw new AppError('CONFLICT', 'this person has bylines on stories; remove those first');
      await deletePersonRow(trx, id);
      await recordAudit(trx, now, { actor, action: 'person.delete', targetType: 'person', targetId: id, detail: { slug: person.slug, name: person.name } });
      await recordChange(trx, now, { kind: 'person', id, action: 'deleted', tags: [cacheTag.person(id), cacheTag.personList(id), cacheTag.feeds, cacheTag.sitemaps, cacheTag.search, cacheTag.missing] });
    });
    await this.deps.changes.committed();
  }

  private async unique<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('SLUG_TAKEN', 'a person with this slug exists', { field: 'slug' });
      throw e;
    }
  }
}
