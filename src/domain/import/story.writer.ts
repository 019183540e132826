import { createHash } from 'node:crypto';
import type { Q } from '../../storage/index.ts';
import {
  directionOf, docText, findArticleRow, insertArticle, insertRevision, replaceArticleBylines, replaceArticleTags, slugTaken, storyChangeTags,
  storyFootprint, wordCount,
} from '../articles/index.ts';
import { cacheTag, recordChange } from '../changes/index.ts';
import { insertComment } from '../comments/index.ts';
import { RESERVED_SLUGS, slugify, withSuffix } from '../shared/slug.ts';
import { commentExists, findImported, holdStatus, isHeld, putRedirect, rememberImported, updateCommentRow, updateStoryRow } from './import.repo.ts';
import type { CommentRecord, ImportCounts, ImportDeps, StoryRecord } from './import.types.ts';

export interface WriteContext {
  source: string;
  nowIso: string;
  actor: string;
  deps: ImportDeps;
  counts: ImportCounts;
}

async function freeSlug(trx: Q, base: string, exceptId?: number): Promise<string> {
  const root = slugify(base);
  for (let n = 1; n < 1000; n++) {
    const candidate = withSuffix(root, n);
    if (!RESERVED_SLUGS.has(candidate) && !(await slugTaken(trx, candidate, exceptId))) return candidate;
  }
  return withSuffix(root, Date.now());
}

function storyFields(rec: StoryRecord, nowIso: string) {
  const text = docText(rec.body);
  return {
    headline: rec.headline.slice(0, 300) || 'Untitled',
    dek: rec.dek.slice(0, 600),
    body: JSON.stringify(rec.body),
    body_text: text,
    word_count: wordCount(text),
    section_id: rec.sectionId,
    // A run that did not get the picture (no media flags, a failed fetch) leaves the one a story has.
    ...(rec.featuredImageId !== undefined ? { featured_image_id: rec.featuredImageId } : {}),
    updated_at: nowIso,
  };
}

/**
 * One story, new or seen before. A new one is written as a draft and its
 * real status held in import_sources until the run's final flip (see
 * import.flip.ts); one imported by an earlier, finished run is already
 * public, so its update takes its status at once like any edit would.
 */
export async function writeStory(trx: Q, ctx: WriteContext, rec: StoryRecord): Promise<number> {
  const known = await findImported(trx, ctx.source, 'article', rec.sourceId);
  const row = known === undefined ? undefined : await findArticleRow(trx, known);
  let id: number;
  if (row) {
    id = row.id;
    const before = await storyFootprint(trx, id, ctx.nowIso);
    const held = await isHeld(trx, ctx.source, rec.sourceId);
    const status = held ? {} : { status: rec.status, published_at: rec.publishedAt, first_published_at: row.first_published_at ?? (rec.status === 'published' ? rec.publishedAt : null) };
    await updateStoryRow(trx, id, { ...storyFields(rec, ctx.nowIso), ...status, version: row.version + 1 });
    if (held) await holdStatus(trx, ctx.source, rec.sourceId, rec.status, rec.publishedAt);
    await replaceArticleTags(trx, id, rec.tagIds);
    await replaceArticleBylines(trx, id, rec.personIds);
    await ctx.deps.indexer?.index(trx, id);
    await insertRevision(trx, id, row.version + 1, { ...rec, comments: undefined }, ctx.actor, ctx.nowIso);
    await recordChange(trx, ctx.nowIso, { kind: 'article', id, action: 'updated', tags: storyChangeTags(id, before, await storyFootprint(trx, id, ctx.nowIso)) });
    ctx.counts.updated++;
  } else {
    id = await insertArticle(trx, {
      ...storyFields(rec, ctx.nowIso),
      slug: await freeSlug(trx, rec.slug || rec.headline),
      dateline: '',
      language: 'en',
      direction: directionOf('en'),
      featured_image_id: rec.featuredImageId ?? null,
      credit: '',
      status: 'draft',
      published_at: null,
      first_published_at: null,
      created_at: rec.publishedAt ?? ctx.nowIso,
      comment_mode: 'default',
      canonical_url: '',
      seo_title: '',
      seo_description: '',
      social_title: '',
      social_description: '',
      version: 1,
      created_by: null,
    });
    await rememberImported(trx, ctx.source, 'article', rec.sourceId, id, ctx.nowIso);
    await holdStatus(trx, ctx.source, rec.sourceId, rec.status, rec.publishedAt);
    await replaceArticleTags(trx, id, rec.tagIds);
    await replaceArticleBylines(trx, id, rec.personIds);
    await insertRevision(trx, id, 1, { ...rec, comments: undefined }, ctx.actor, ctx.nowIso);
    // A draft until the flip: only its own address may have been asked for.
    await recordChange(trx, ctx.nowIso, { kind: 'article', id, action: 'created', tags: [cacheTag.story(id)] });
    ctx.counts.stories++;
  }
  for (const path of rec.oldPaths) {
    await putRedirect(trx, path, id, ctx.nowIso);
    ctx.counts.redirects++;
  }
  // A cached redirect (or the 404 an old address got before) must hear of new targets.
  if (rec.oldPaths.length) await recordChange(trx, ctx.nowIso, { kind: 'article', id, action: 'redirected', tags: [cacheTag.redirects, cacheTag.missing] });
  if (rec.comments.length && (await writeComments(trx, ctx, id, rec.comments))) {
    await recordChange(trx, ctx.nowIso, { kind: 'comment', id, action: 'imported', tags: [cacheTag.comments(id)] });
  }
  return id;
}

const bodyHash = (body: string) => createHash('sha256').update(body.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ')).digest('base64url').slice(0, 32);

/**
 * Comments go straight in, not through the reader pipeline: they were
 * moderated where they came from, and are not new submissions (no rate
 * limits, no notifications). Parents come before replies in id order.
 */
async function writeComments(trx: Q, ctx: WriteContext, articleId: number, comments: CommentRecord[]): Promise<boolean> {
  const ordered = [...comments].sort((a, b) => Number(a.sourceId) - Number(b.sourceId) || a.sourceId.localeCompare(b.sourceId));
  let wrote = false;
  for (const c of ordered) {
    const parentId = c.parentSourceId && c.parentSourceId !== '0' ? ((await findImported(trx, ctx.source, 'comment', c.parentSourceId)) ?? null) : null;
    const body = c.body.slice(0, 20_000);
    const fields = { body, body_hash: bodyHash(body), status: c.status, author_name: c.author.slice(0, 120) || 'Anonymous', author_url: c.url.slice(0, 500), parent_id: parentId, updated_at: ctx.nowIso };
    const known = await findImported(trx, ctx.source, 'comment', c.sourceId);
    if (known !== undefined && (await commentExists(trx, known))) await updateCommentRow(trx, known, fields);
    else {
      const id = await insertComment(trx, {
        ...fields,
        article_id: articleId,
        author_email: c.email,
        email_hash: await ctx.deps.hash('email', c.email.toLowerCase()),
        held_reasons: JSON.stringify(c.status === 'pending' ? ['imported: held for moderation at the source'] : []),
        ip_hash: '',
        notify: 0,
        flag_count: 0,
        created_at: c.createdAt,
        moderated_at: c.status === 'pending' ? null : ctx.nowIso,
        moderated_by: c.status === 'pending' ? null : ctx.actor,
      });
      await rememberImported(trx, ctx.source, 'comment', c.sourceId, id, ctx.nowIso);
    }
    ctx.counts.comments++;
    wrote = true;
  }
  return wrote;
}
