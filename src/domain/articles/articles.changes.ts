import { cacheTag } from '../changes/index.ts';
import type { StoryFootprint } from './articles.footprint.repo.ts';

/**
 * The cache tags a story write touches, from the story as it stood before
 * and after it. Its own address always: even a draft's address may have
 * been asked for, and answered 404 (or 410 once unpublished). A story nobody
 * can see, before or after, touches nothing else. A visible story's content
 * reaches its page, its cards and the feeds; only when it enters or leaves a
 * list, or moves within one, do the lists (front page, sections, tags,
 * authors) change.
 */
export function storyChangeTags(id: number, before: StoryFootprint | null, after: StoryFootprint | null): string[] {
  const seen = [before, after].filter((f): f is StoryFootprint => f !== null && f.visible);
  if (!seen.length) return [cacheTag.story(id)];
  const tags = [cacheTag.story(id), cacheTag.feeds, cacheTag.sitemaps, cacheTag.search];
  if (!listsUnchanged(before, after)) {
    tags.push(cacheTag.home);
    for (const f of seen) {
      tags.push(...f.sectionIds.map(cacheTag.sectionList), ...f.tagIds.map(cacheTag.tagList), ...f.personIds.map(cacheTag.personList));
    }
  }
  return tags;
}

function listsUnchanged(a: StoryFootprint | null, b: StoryFootprint | null): boolean {
  if (!a || !b) return false;
  return (
    a.visible === b.visible &&
    a.publishedAt === b.publishedAt &&
    a.slug === b.slug &&
    same(a.sectionIds, b.sectionIds) &&
    same(a.tagIds, b.tagIds) &&
    // Byline order matters: cards list the names in it.
    same(a.personIds, b.personIds)
  );
}

const same = (x: number[], y: number[]) => x.length === y.length && x.every((v, i) => v === y[i]);
