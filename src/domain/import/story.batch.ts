import type { Q } from '../../storage/index.ts';
import { insertArticles } from '../articles/index.ts';
import { cacheTag, recordChanges, type ChangeInput } from '../changes/index.ts';
import { insertComments } from '../comments/index.ts';
import { RESERVED_SLUGS, slugify } from '../shared/slug.ts';
import {
  chunked, commentExists, existingArticleIds, findImportedMany, insertStoryLinks, putRedirects, rememberImportedMany, takenSlugs, updateCommentRow,
  type ImportedRow,
} from './import.repo.ts';
import type { CommentRecord, StoryRecord } from './import.types.ts';
import { commentFields, freeSlug, inIdOrder, newArticleRow, newCommentRow, revisionOf, writeStory, type WriteContext } from './story.writer.ts';

/**
 * A batch of stories in a fixed handful of statements instead of twenty or
 * so per story (and three per comment): on PostgreSQL each statement is a
 * round trip, and on both databases building and compiling a query costs
 * more than running it. What is written is what writeStory writes for a
 * new story, row for row: a draft with its status held for the flip, its
 * tags, bylines, first revision, old addresses, comments and change rows.
 * A story an earlier run imported (a re-run) still goes through writeStory,
 * one by one: that is an update with a before and after to compare.
 */
export async function writeStories(trx: Q, ctx: WriteContext, recs: readonly StoryRecord[]): Promise<void> {
  const known = await findImportedMany(trx, ctx.source, 'article', recs.map((r) => r.sourceId));
  const alive = await existingArticleIds(trx, [...known.values()]);
  const fresh: StoryRecord[] = [];
  const again: StoryRecord[] = [];
  const seen = new Set<string>();
  for (const rec of recs) {
    const id = known.get(rec.sourceId);
    // A post twice in one batch: its second copy updates the first, as it would row by row.
    if ((id !== undefined && alive.has(id)) || seen.has(rec.sourceId)) again.push(rec);
    else fresh.push(rec);
    seen.add(rec.sourceId);
  }
  if (fresh.length) await insertFresh(trx, ctx, fresh);
  for (const rec of again) await writeStory(trx, ctx, rec);
}

async function insertFresh(trx: Q, ctx: WriteContext, recs: StoryRecord[]): Promise<void> {
  const slugs = await freeSlugs(trx, recs.map((r) => r.slug || r.headline));
  const ids: number[] = [];
  for (const chunk of chunked(recs.map((rec, i) => newArticleRow(rec, ctx.nowIso, slugs[i])))) ids.push(...(await insertArticles(trx, chunk)));
  await rememberImportedMany(trx, ctx.source, recs.map((rec, i): ImportedRow => ({ kind: 'article', sourceId: rec.sourceId, entityId: ids[i], held: { status: rec.status, publishedAt: rec.publishedAt } })), ctx.nowIso);
  await insertStoryLinks(
    trx,
    recs.flatMap((rec, i) => rec.tagIds.map((tag_id, position) => ({ article_id: ids[i], tag_id, position }))),
    recs.flatMap((rec, i) => rec.personIds.map((person_id, position) => ({ article_id: ids[i], person_id, position }))),
    recs.map((rec, i) => ({ article_id: ids[i], version: 1, snapshot: JSON.stringify(revisionOf(rec)), actor: ctx.actor, created_at: ctx.nowIso })),
  );
  await putRedirects(trx, recs.flatMap((rec, i) => rec.oldPaths.map((path) => ({ path, articleId: ids[i] }))), ctx.nowIso);
  const withComments = await writeBatchComments(trx, ctx, recs.map((rec, i) => ({ articleId: ids[i], comments: rec.comments })));
  const changes: ChangeInput[] = [];
  recs.forEach((rec, i) => {
    const id = ids[i];
    // A draft until the flip: only its own address may have been asked for.
    changes.push({ kind: 'article', id, action: 'created', tags: [cacheTag.story(id)] });
    // A cached redirect (or the 404 an old address got before) must hear of new targets.
    if (rec.oldPaths.length) changes.push({ kind: 'article', id, action: 'redirected', tags: [cacheTag.redirects, cacheTag.missing] });
    if (withComments.has(id)) changes.push({ kind: 'comment', id, action: 'imported', tags: [cacheTag.comments(id)] });
    ctx.counts.stories++;
    ctx.counts.redirects += rec.oldPaths.length;
  });
  for (const chunk of chunked(changes)) await recordChanges(trx, chunk.map((change) => ({ at: ctx.nowIso, change })));
}

/**
 * freeSlug for a batch: one lookup for every story's own slug; only a slug
 * already taken (by the site, or by a story earlier in the batch) walks the
 * suffixes one by one.
 */
async function freeSlugs(trx: Q, bases: string[]): Promise<string[]> {
  const roots = bases.map((b) => slugify(b));
  const taken = await takenSlugs(trx, roots);
  const used = new Set<string>();
  const out: string[] = [];
  for (const [i, root] of roots.entries()) {
    let slug = root;
    if (RESERVED_SLUGS.has(root) || taken.has(root) || used.has(root)) {
      slug = await freeSlug(trx, bases[i]);
      for (let n = 2; used.has(slug); n++) slug = await freeSlug(trx, `${root}-${n}`);
    }
    used.add(slug);
    out.push(slug);
  }
  return out;
}

interface Pending {
  articleId: number;
  c: CommentRecord;
  /** The comment this one replies to, when it is earlier in this batch (it must be inserted first). */
  parentInBatch: Pending | null;
  level: number;
  id?: number;
}

/**
 * A batch's comments, a multi-row insert per level of replies. A reply
 * finds its parent as writeComments would: written earlier in this batch,
 * or imported by an earlier batch or run; a parent that comes later in the
 * file is not known yet, and the reply stands on its own.
 * Returns the stories that got comments.
 */
async function writeBatchComments(trx: Q, ctx: WriteContext, groups: ReadonlyArray<{ articleId: number; comments: CommentRecord[] }>): Promise<Set<number>> {
  const all: Pending[] = [];
  const bySource = new Map<string, Pending>();
  for (const g of groups) {
    for (const c of inIdOrder(g.comments)) {
      const parent = c.parentSourceId && c.parentSourceId !== '0' ? (bySource.get(c.parentSourceId) ?? null) : null;
      const p: Pending = { articleId: g.articleId, c, parentInBatch: parent, level: parent ? parent.level + 1 : 0 };
      all.push(p);
      bySource.set(c.sourceId, p);
    }
  }
  if (!all.length) return new Set();
  const outsideParents = all.filter((p) => !p.parentInBatch && p.c.parentSourceId && p.c.parentSourceId !== '0').map((p) => p.c.parentSourceId);
  const earlier = await findImportedMany(trx, ctx.source, 'comment', [...outsideParents, ...all.map((p) => p.c.sourceId)]);
  const hashes = new Map<string, string>();
  const remembered: ImportedRow[] = [];
  const maxLevel = Math.max(...all.map((p) => p.level));
  for (let level = 0; level <= maxLevel; level++) {
    const inserts: Array<{ p: Pending; row: ReturnType<typeof newCommentRow> }> = [];
    for (const p of all.filter((x) => x.level === level)) {
      const parentId = p.parentInBatch ? p.parentInBatch.id! : p.c.parentSourceId && p.c.parentSourceId !== '0' ? (earlier.get(p.c.parentSourceId) ?? null) : null;
      const fields = commentFields(p.c, parentId, ctx.nowIso);
      const known = earlier.get(p.c.sourceId);
      // Seen by an earlier run under a story since re-made (rare): updated in place, as writeComments does.
      if (known !== undefined && (await commentExists(trx, known))) {
        await updateCommentRow(trx, known, fields);
        p.id = known;
        continue;
      }
      const email = p.c.email.toLowerCase();
      let hash = hashes.get(email);
      if (hash === undefined) hashes.set(email, (hash = await ctx.deps.hash('email', email)));
      inserts.push({ p, row: newCommentRow(p.c, fields, p.articleId, hash, ctx) });
    }
    for (const chunk of chunked(inserts)) {
      const ids = await insertComments(trx, chunk.map((x) => x.row));
      chunk.forEach((x, i) => {
        x.p.id = ids[i];
        remembered.push({ kind: 'comment', sourceId: x.p.c.sourceId, entityId: ids[i] });
      });
    }
  }
  await rememberImportedMany(trx, ctx.source, remembered, ctx.nowIso);
  ctx.counts.comments += all.length;
  return new Set(all.map((p) => p.articleId));
}
