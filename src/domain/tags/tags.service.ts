import type { Db, Q } from '../../storage/index.ts';
import { isUniqueViolation } from '../../storage/index.ts';
import type { TagRow } from '../../storage/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { parseFields, slug, slugList, text } from '../shared/fields.ts';
import { slugify } from '../shared/slug.ts';
import {
  aliasesOf, allAliases, articleIdsWithTag, countArticlesByTag, deleteTagRow, findTagRow, insertTagRow, listTagRows, replaceTagAliases, slugsUsedElsewhere, updateTagRow,
} from './tags.repo.ts';

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
  /** `reindex` gets the stories whose search entries hold a renamed name, in the change's transaction (a durable job: SearchService.reindexLater). */
  constructor(private readonly deps: { db: Db; clock: Clock; changes: ChangeNotifier; reindex?: (trx: Q, articleIds: number[]) => Promise<void> }) {}

  /** Without aliases (the public site and the API list do not need them). */
  async list(): Promise<Tag[]> {
    return (await listTagRows(this.deps.db.kysely)).map((r) => tagFromRow(r, []));
  }

  /** With aliases and the number of stories each tag is on, for the newsroom's tag page. */
  async listForDesk(): Promise<Array<Tag & { stories: number }>> {
    const db = this.deps.db.kysely;
    const [rows, aliases, counts] = await Promise.all([listTagRows(db), allAliases(db), countArticlesByTag(db)]);
    return rows.map((r) => ({ ...tagFromRow(r, aliases.get(r.id) ?? []), stories: counts.get(r.id) ?? 0 }));
  }

  /** By slug or alias: an alias lookup lets the site 301 an old tag URL to the current one. */
  async get(ref: string | number): Promise<Tag> {
    const r = await findTagRow(this.deps.db.kysely, ref);
    if (!r) throw notFound(`tag ${ref}`);
    return tagFromRow(r, await aliasesOf(this.deps.db.kysely, r.id));
  }

  /** `actor` is who did it, for the audit log (`user:12`, `apikey:3`). */
  async create(raw: unknown, actor = 'system'): Promise<Tag> {
    const input = parseFields<Tag>(raw, SPEC, ['name']);
    const now = this.deps.clock.now().toISOString();
    const tagSlug = input.slug ?? slugify(input.name!);
    const id = await this.unique(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        await assertSlugsFree(trx, tagSlug, input.aliases ?? [], null);
        const tagId = await insertTagRow(trx, { slug: tagSlug, name: input.name!, description: input.description ?? '', created_at: now });
        if (input.aliases) await replaceTagAliases(trx, tagId, input.aliases);
        await recordAudit(trx, now, { actor, action: 'tag.create', targetType: 'tag', targetId: tagId, detail: { slug: tagSlug, name: input.name } });
        await recordChange(trx, now, { kind: 'tag', id: tagId, action: 'created', tags: [cacheTag.tag(tagId), cacheTag.tagList(tagId), cacheTag.feeds, cacheTag.sitemaps, cacheTag.search, cacheTag.missing] });
        return tagId;
      }),
    );
    await this.deps.changes.committed();
    return this.get(id);
  }

  async update(id: number, raw: unknown, actor = 'system'): Promise<Tag> {
    const input = parseFields<Tag>(raw, SPEC);
    const before = await this.get(id);
    const now = this.deps.clock.now().toISOString();
    const renamed = input.name !== undefined && input.name !== before.name;
    await this.unique(() =>
      this.deps.db.kysely.transaction().execute(async (trx) => {
        await assertSlugsFree(trx, input.slug ?? before.slug, input.aliases ?? before.aliases, id);
        const patch: Partial<TagRow> = {};
        if (input.slug !== undefined) patch.slug = input.slug;
        if (input.name !== undefined) patch.name = input.name;
        if (input.description !== undefined) patch.description = input.description;
        if (Object.keys(patch).length) await updateTagRow(trx, id, patch);
        if (input.aliases) await replaceTagAliases(trx, id, input.aliases);
        const changed = Object.keys(input);
        if (changed.length) await recordAudit(trx, now, { actor, action: 'tag.update', targetType: 'tag', targetId: id, detail: { changed } });
        await recordChange(trx, now, { kind: 'tag', id, action: 'updated', tags: [cacheTag.tag(id), cacheTag.tagList(id), cacheTag.feeds, cacheTag.sitemaps, cacheTag.search, cacheTag.missing] });
        if (renamed) await this.reindex(trx, await articleIdsWithTag(trx, id));
      }),
    );
    await this.deps.changes.committed();
    return this.get(id);
  }

  async remove(id: number, actor = 'system'): Promise<void> {
    const tag = await this.get(id);
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      const ids = await articleIdsWithTag(trx, id);
      await deleteTagRow(trx, id);
      await recordAudit(trx, now, { actor, action: 'tag.delete', targetType: 'tag', targetId: id, detail: { slug: tag.slug, name: tag.name } });
      await recordChange(trx, now, { kind: 'tag', id, action: 'deleted', tags: [cacheTag.tag(id), cacheTag.tagList(id), cacheTag.feeds, cacheTag.sitemaps, cacheTag.search, cacheTag.missing] });
      await this.reindex(trx, ids);
    });
    await this.deps.changes.committed();
  }

  private async reindex(trx: Q, ids: number[]): Promise<void> {
    if (ids.length) await this.deps.reindex?.(trx, ids);
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

/**
 * A tag's slug and aliases share one namespace across all tags: an alias
 * equal to another tag's slug would be shadowed by it (the lookup tries
 * slugs first) and send readers of the old URL to the wrong tag.
 */
async function assertSlugsFree(db: Q, tagSlug: string, aliases: string[], tagId: number | null): Promise<void> {
  if (aliases.includes(tagSlug)) throw validationError([{ field: 'aliases', message: `"${tagSlug}" is the tag's own slug` }]);
  const taken = await slugsUsedElsewhere(db, [tagSlug, ...aliases], tagId);
  if (taken.includes(tagSlug)) throw new AppError('SLUG_TAKEN', `the slug "${tagSlug}" is already used by another tag`, { field: 'slug' });
  if (taken.length) throw new AppError('SLUG_TAKEN', `already used by another tag: ${taken.join(', ')}`, { field: 'aliases' });
}
