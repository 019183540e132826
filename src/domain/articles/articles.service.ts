import type { Db } from '../../storage/index.ts';
import { isUniqueViolation, lockName } from '../../storage/index.ts';
import type { ArticleRow, ArticleUpdate } from '../../storage/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { cacheTag, recordChange, type ChangeNotifier } from '../changes/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { RESERVED_SLUGS, slugify, withSuffix } from '../shared/slug.ts';
import type { ArticleInput } from './articles.input.ts';
import { directionOf } from './articles.input.ts';
import { hydrateArticle } from './articles.read.ts';
import {
  deleteArticleRow, findArticleRow, insertArticle, insertCorrection, insertRevision, publishDueRows,
  replaceArticleBylines, replaceArticleTags, slugTaken, updateArticleIfVersion, type Q,
} from './articles.repo.ts';
import { resolveReferences } from './articles.resolve.ts';
import { claimCleanSlug } from './articles.slug-claim.ts';
import type { Article, ArticleStatus } from './articles.types.ts';
import { storyChangeTags } from './articles.changes.ts';
import { storyFootprint, type StoryFootprint } from './articles.footprint.repo.ts';
import { docText, emptyDoc, wordCount, type Doc } from './document.ts';

export interface ArticlesDeps {
  db: Db;
  clock: Clock;
  /** Every write appends its change row in its own transaction (recordChange); this is told after commit. */
  changes: ChangeNotifier;
  defaultLanguage: string;
  /** Keeps the search index in step: called inside every write transaction, so index and story commit together. */
  indexer?: { index(trx: Q, articleId: number): Promise<void>; remove(trx: Q, articleId: number): Promise<void> };
  /** Records a scheduled story's publish job in the write's own transaction (src/jobs/scheduler.ts), so the two commit together. */
  schedule?: (trx: Q, articleId: number, publishAtIso: string) => Promise<void>;
  /** Fills in new embeds' titles and thumbnails (src/domain/embeds/previews.ts), before the write transaction opens. */
  embedPreviews?: { complete(doc: Doc): Promise<Doc> };
}

/**
 * Checked without awaiting: a save with no embed reaches its transaction in
 * the same tick as before, so concurrent saves interleave as they always did.
 */
function hasEmbeds(input: ArticleInput): boolean {
  return input.body?.content.some((b) => b.type === 'embed') ?? false;
}

/** Status and publish time after a write, given what was asked and what is stored. */
export function nextPublication(
  asked: { status?: ArticleStatus; publishedAt?: Date | null },
  stored: { status: ArticleStatus; publishedAt: string | null },
  now: Date,
): { status: ArticleStatus; publishedAt: string | null } {
  let status = asked.status ?? stored.status;
  let publishedAt = asked.publishedAt !== undefined ? (asked.publishedAt?.toISOString() ?? null) : stored.publishedAt;
  if (status === 'published' || status === 'scheduled') {
    if (status === 'scheduled' && !publishedAt) {
      throw validationError([{ field: 'publishedAt', message: 'a scheduled story needs a publish time' }]);
    }
    publishedAt ??= now.toISOString();
    status = publishedAt > now.toISOString() ? 'scheduled' : 'published';
  }
  return { status, publishedAt };
}

export class ArticlesService {
  constructor(private readonly deps: ArticlesDeps) {}

  private get db() {
    return this.deps.db.kysely;
  }

  /** Network first, outside any transaction: a slow provider must not hold the database. */
  private async withEmbedPreviews(input: ArticleInput): Promise<ArticleInput> {
    if (!input.body || !this.deps.embedPreviews) return input;
    return { ...input, body: await this.deps.embedPreviews.complete(input.body) };
  }

  /** Unique-slug races on PostgreSQL surface as a unique violation at commit: retry with the next suffix. */
  private async withSlugRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        if (!isUniqueViolation(e) || attempt >= 8) throw e;
      }
    }
  }

  private async uniqueSlug(db: Q, base: string, exceptId?: number): Promise<string> {
    // Concurrent stories with one headline take turns picking, rather than collide and retry.
    await lockName(db, this.deps.db, `slug:${base}`);
    for (let n = 1; n < 1000; n++) {
      const candidate = withSuffix(base, n);
      if (RESERVED_SLUGS.has(candidate)) continue;
      if (!(await slugTaken(db, candidate, exceptId))) return candidate;
    }
    throw new AppError('SLUG_TAKEN', `no free slug near "${base}"`, { field: 'slug' });
  }

  async create(given: ArticleInput, actor: string): Promise<Article> {
    const input = hasEmbeds(given) ? await this.withEmbedPreviews(given) : given;
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const id = await this.withSlugRetry(() =>
      this.db.transaction().execute(async (trx) => {
        const refs = await resolveReferences(trx, input, nowIso, this.deps.db.caps.rowLocks);
        const pub = nextPublication(input, { status: 'draft', publishedAt: null }, now);
        const body = input.body ?? emptyDoc();
        const text = docText(body);
        const language = input.language ?? this.deps.defaultLanguage;
        if (input.slug && (await slugTaken(trx, input.slug))) {
          throw new AppError('SLUG_TAKEN', `slug "${input.slug}" is already used by another story`, { field: 'slug' });
        }
        const slug = input.slug ?? (await this.uniqueSlug(trx, slugify(input.headline ?? '')));
        const articleId = await insertArticle(trx, {
          slug,
          headline: input.headline ?? '',
          dek: input.dek ?? '',
          dateline: input.dateline ?? '',
          body: JSON.stringify(body),
          body_text: text,
          word_count: wordCount(text),
          language,
          direction: directionOf(language),
          section_id: refs.sectionId ?? null,
          featured_image_id: input.featuredImageId ?? null,
          credit: input.credit ?? '',
          status: pub.status,
          published_at: pub.publishedAt,
          first_published_at: pub.status === 'published' ? pub.publishedAt : null,
          created_at: nowIso,
          updated_at: nowIso,
          comment_mode: input.commentMode ?? 'default',
          canonical_url: input.canonicalUrl ?? '',
          seo_title: input.seoTitle ?? '',
          seo_description: input.seoDescription ?? '',
          social_title: input.socialTitle ?? '',
          social_description: input.socialDescription ?? '',
          version: 1,
          created_by: input.createdBy ?? null,
          created_by_key: input.createdByKey ?? null,
        });
        await replaceArticleTags(trx, articleId, refs.tagIds ?? []);
        await replaceArticleBylines(trx, articleId, refs.personIds ?? []);
        if (pub.status === 'published' && !input.slug) await this.takeCleanSlug(trx, nowIso, articleId);
        await this.deps.indexer?.index(trx, articleId);
        if (pub.status === 'scheduled') await this.deps.schedule?.(trx, articleId, pub.publishedAt!);
        const saved = await findArticleRow(trx, articleId);
        await insertRevision(trx, articleId, 1, snapshotOf(saved!, refs), actor, nowIso);
        await recordAudit(trx, nowIso, { actor, action: 'article.create', targetType: 'article', targetId: articleId, detail: { status: pub.status } });
        if (pub.status === 'published') {
          await recordAudit(trx, nowIso, { actor, action: 'article.publish', targetType: 'article', targetId: articleId });
        }
        await this.recordStoryChange(trx, nowIso, articleId, 'created', null);
        return articleId;
      }),
    );
    await this.deps.changes.committed();
    return this.get(id);
  }

  async update(id: number, given: ArticleInput, actor: string): Promise<Article> {
    const input = hasEmbeds(given) ? await this.withEmbedPreviews(given) : given;
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    await this.withSlugRetry(() =>
      this.db.transaction().execute(async (trx) => {
        const row = await findArticleRow(trx, id);
        if (!row) throw notFound(`article ${id}`);
        const footprint = await storyFootprint(trx, id, nowIso);
        if (input.version !== undefined && input.version !== row.version) {
          throw new AppError('VERSION_CONFLICT', `this story was saved by someone else (version ${row.version}, you edited ${input.version}); reload before saving`, { field: 'version' });
        }
        const refs = await resolveReferences(trx, input, nowIso, this.deps.db.caps.rowLocks);
        const pub = nextPublication(input, { status: row.status as ArticleStatus, publishedAt: row.published_at }, now);
        const patch: ArticleUpdate = { ...fieldsPatch(input), status: pub.status, published_at: pub.publishedAt, updated_at: nowIso, version: row.version + 1 };
        if (input.language) patch.direction = directionOf(input.language);
        if (pub.status === 'published' && !row.first_published_at) patch.first_published_at = pub.publishedAt;
        if (input.slug && input.slug !== row.slug) {
          if (await slugTaken(trx, input.slug, id)) throw new AppError('SLUG_TAKEN', `slug "${input.slug}" is already used by another story`, { field: 'slug' });
          patch.slug = input.slug;
        }
        if (refs.sectionId !== undefined) patch.section_id = refs.sectionId;
        if (!(await updateArticleIfVersion(trx, id, row.version, patch))) {
          throw new AppError('VERSION_CONFLICT', 'this story was saved by someone else; reload before saving', { field: 'version' });
        }
        if (refs.tagIds) await replaceArticleTags(trx, id, refs.tagIds);
        if (refs.personIds) await replaceArticleBylines(trx, id, refs.personIds);
        if (pub.status === 'published' && row.first_published_at === null && !input.slug) await this.takeCleanSlug(trx, nowIso, id);
        await this.deps.indexer?.index(trx, id);
        if (pub.status === 'scheduled') await this.deps.schedule?.(trx, id, pub.publishedAt!);
        const saved = (await findArticleRow(trx, id))!;
        await insertRevision(trx, id, saved.version, snapshotOf(saved, refs), actor, nowIso);
        await this.auditTransition(trx, nowIso, actor, id, row.status, pub.status);
        const action = pub.status === 'published' && row.status !== 'published' ? 'published' : row.status === 'published' && pub.status !== 'published' ? 'unpublished' : 'updated';
        await this.recordStoryChange(trx, nowIso, id, action, footprint);
      }),
    );
    await this.deps.changes.committed();
    return this.get(id);
  }

  /** First publication takes the headline's clean slug from a never-public draft (articles.slug-claim.ts); the draft's move is a change too. */
  private async takeCleanSlug(trx: Q, nowIso: string, id: number): Promise<void> {
    const draft = await claimCleanSlug(trx, id);
    if (draft !== null) await this.recordStoryChange(trx, nowIso, draft, 'updated', await storyFootprint(trx, draft, nowIso));
  }

  /** The story's change row, with the tags of every page it was or now is on. */
  private async recordStoryChange(trx: Q, nowIso: string, id: number, action: string, before: StoryFootprint | null): Promise<void> {
    const after = await storyFootprint(trx, id, nowIso);
    await recordChange(trx, nowIso, { kind: 'article', id, action, tags: storyChangeTags(id, before, after) });
  }

  private async auditTransition(trx: Q, at: string, actor: string, id: number, from: string, to: string): Promise<void> {
    const action = from === to ? 'article.update' : to === 'published' ? 'article.publish' : from === 'published' ? 'article.unpublish' : `article.${to}`;
    await recordAudit(trx, at, { actor, action, targetType: 'article', targetId: id, detail: { from, to } });
  }

  async remove(id: number, actor: string): Promise<void> {
    const nowIso = this.deps.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await findArticleRow(trx, id);
      if (!row) throw notFound(`article ${id}`);
      const footprint = await storyFootprint(trx, id, nowIso);
      await this.deps.indexer?.remove(trx, id);
      await deleteArticleRow(trx, id);
      await recordAudit(trx, nowIso, { actor, action: 'article.delete', targetType: 'article', targetId: id, detail: { headline: row.headline } });
      // Its comments go with it: its comment feed changes too.
      const tags = [...storyChangeTags(id, footprint, null), cacheTag.comments(id)];
      await recordChange(trx, nowIso, { kind: 'article', id, action: 'deleted', tags });
    });
    await this.deps.changes.committed();
  }

  async get(id: number): Promise<Article> {
    const row = await findArticleRow(this.db, id);
    if (!row) throw notFound(`article ${id}`);
    return hydrateArticle(this.db, row);
  }

  async addCorrection(id: number, text: string, actor: string): Promise<Article> {
    const body = typeof text === 'string' ? text.normalize('NFC').trim() : '';
    if (!body || body.length > 2000) throw validationError([{ field: 'body', message: 'a correction is 1 to 2000 characters of text' }]);
    const nowIso = this.deps.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await findArticleRow(trx, id);
      if (!row) throw notFound(`article ${id}`);
      await insertCorrection(trx, id, body, nowIso);
      await trx.updateTable('articles').set({ updated_at: nowIso, version: row.version + 1 }).where('id', '=', id).execute();
      await this.deps.indexer?.index(trx, id);
      await recordAudit(trx, nowIso, { actor, action: 'article.correct', targetType: 'article', targetId: id });
      const footprint = await storyFootprint(trx, id, nowIso);
      await recordChange(trx, nowIso, { kind: 'article', id, action: 'corrected', tags: storyChangeTags(id, footprint, footprint) });
    });
    await this.deps.changes.committed();
    return this.get(id);
  }

  /**
   * Scheduled stories whose time has come go live; returns their ids. The
   * flip is conditional (only `scheduled` rows), so a second run publishes
   * nothing twice; `within` runs in the same transaction (the publish job
   * marks itself done there, so job and effect commit together).
   */
  async publishDue(within?: (trx: Q) => Promise<void>): Promise<number[]> {
    const nowIso = this.deps.clock.now().toISOString();
    const ids = await this.db.transaction().execute(async (trx) => {
      const { ids: due, first } = await publishDueRows(trx, nowIso);
      for (const id of due) {
        // As when published by hand: a first publication takes its headline's clean slug from a never-public draft.
        if (first.includes(id)) await this.takeCleanSlug(trx, nowIso, id);
        await this.deps.indexer?.index(trx, id);
        // Before the flip it was on no public page: every page it now enters is purged.
        await this.recordStoryChange(trx, nowIso, id, 'published', null);
      }
      await within?.(trx);
      return due;
    });
    if (ids.length) await this.deps.changes.committed();
    return ids;
  }
}

function fieldsPatch(input: ArticleInput): ArticleUpdate {
  const p: ArticleUpdate = {};
  if (input.headline !== undefined) p.headline = input.headline;
  if (input.dek !== undefined) p.dek = input.dek;
  if (input.dateline !== undefined) p.dateline = input.dateline;
  if (input.body !== undefined) {
    const text = docText(input.body);
    p.body = JSON.stringify(input.body);
    p.body_text = text;
    p.word_count = wordCount(text);
  }
  if (input.credit !== undefined) p.credit = input.credit;
  if (input.language !== undefined) p.language = input.language;
  if (input.featuredImageId !== undefined) p.featured_image_id = input.featuredImageId;
  if (input.commentMode !== undefined) p.comment_mode = input.commentMode;
  if (input.canonicalUrl !== undefined) p.canonical_url = input.canonicalUrl;
  if (input.seoTitle !== undefined) p.seo_title = input.seoTitle;
  if (input.seoDescription !== undefined) p.seo_description = input.seoDescription;
  if (input.socialTitle !== undefined) p.social_title = input.socialTitle;
  if (input.socialDescription !== undefined) p.social_description = input.socialDescription;
  return p;
}

function snapshotOf(row: ArticleRow, refs: { tagIds?: number[]; personIds?: number[] }) {
  const { body, ...rest } = row;
  return { ...rest, body: JSON.parse(body), tagIds: refs.tagIds, personIds: refs.personIds };
}
