import type { Db } from '../../storage/index.ts';
import { isUniqueViolation } from '../../storage/index.ts';
import type { TagRow } from '../../storage/schema.ts';
import type { ContentEvent } from '../shared/events.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { parseFields, slug, slugList, text } from '../shared/fields.ts';
import { slugify } from '../shared/slug.ts';
import { aliasesOf, deleteTagRow, findTagRow, insertTagRow, listTagRows, replaceTagAliases, updateTagRow } from './tags.repo.ts';

export interface Tag {
  id: number;
  slug: string;
  name: string;
  description: string;
  /** Other slugs that lead to this tag (old names, spellings). */
  aliases: string[];
}

const SPEC = { slug, name: text(100, true), description: text(1000), aliases: slugList };

function tagFromRow(r: TagRow, aliases: string[]): Tag {
  return { id: r.id, slug: r.slug, name: r.name, description: r.description, aliases };
}

export class TagsService {
  constructor(private readonly deps: { db: Db; clock: Clock; emit: (e: ContentEvent) => void }) {}

  async list(): Promise<Tag[]> {
    return (await listTagRows(this.deps.db.kysely)).map((r) => tagFromRow(r, []));
  }

  /** By slug or alias: an alias lookup lets the site 301 an old tag URL to the current one. */
  async get(ref: string | number): Promise<Tag> {
    const r = await findTagRow(this.deps.db.kysely, ref);
    if (!r) throw notFound(`tag ${ref}`);
    return tagFromRow(r, await aliasesOf(this.deps.db.kysely, r.id));
  }

  async create(raw: unknown): Promise<Tag> {
    const input = parseFields<Tag>(raw, SPEC, ['name']);
    const now = this.deps.clock.now().toISOString();
    const id = await this.unique(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        const tagId = await insertTagRow(trx, { slug: input.slug ?? slugify(input.name!), name: input.name!, description: input.description ?? '', created_at: now });
        if (input.aliases) await replaceTagAliases(trx, tagId, input.aliases);
        return tagId;
      }),
    );
    this.deps.emit({ kind: 'tag', id, action: 'created' });
    return this.get(id);
  }

  async update(id: number, raw: unknown): Promise<Tag> {
    const input = parseFields<Tag>(raw, SPEC);
    await this.get(id);
    await this.unique(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        const patch: Partial<TagRow> = {};
        if (input.slug !== undefined) patch.slug = input.slug;
        if (input.name !== undefined) patch.name = input.name;
        if (input.description !== undefined) patch.description = input.description;
        if (Object.keys(patch).length) await updateTagRow(trx, id, patch);
        if (input.aliases) await replaceTagAliases(trx, id, input.aliases);
      }),
    );
    this.deps.emit({ kind: 'tag', id, action: 'updated' });
    return this.get(id);
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    await deleteTagRow(this.deps.db.kysely, id);
    this.deps.emit({ kind: 'tag', id, action: 'deleted' });
  }

  private async unique<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('SLUG_TAKEN', 'that slug or alias is already used by a tag', { field: 'slug' });
      throw e;
    }
  }
}
