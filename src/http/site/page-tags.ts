import type { Article, ArticleSummary } from '../../domain/articles/index.ts';
import { cacheTag } from '../../domain/changes/index.ts';

/**
 * The cache tags of what a page shows, built from the data it rendered. A
 * tag missing here is a page served stale after a change, so the property
 * test in test/http/page-cache-tags.test.ts compares every cached page with
 * a fresh render after random writes.
 */

/** On every page: the chrome (site name, logo, navigation, the footer's page menu) and section names on cards. */
export const CHROME_TAGS = [cacheTag.settings, cacheTag.sections, cacheTag.pages] as const;

/** A card: headline, dek, section, bylines, picture and comment count of one story. */
export function summaryTags(s: ArticleSummary): string[] {
  const tags = [cacheTag.story(s.id), cacheTag.comments(s.id), ...s.bylines.map((p) => cacheTag.person(p.id))];
  if (s.featuredImage) tags.push(cacheTag.image(s.featuredImage.id));
  return tags;
}

export function summariesTags(items: readonly ArticleSummary[]): string[] {
  return items.flatMap(summaryTags);
}

/** A whole story: its card's tags (comments among them), its tags' names and every image in its body. */
export function storyTags(a: Article): string[] {
  return [...summaryTags(a), ...a.tags.map((t) => cacheTag.tag(t.id)), ...[...a.bodyImages.keys()].map(cacheTag.image)];
}

/** The lists a story page's related block is drawn from: a story published into one may change it. */
export function relatedSourceTags(a: Article): string[] {
  const tags = a.tags.map((t) => cacheTag.tagList(t.id));
  if (a.section) tags.push(cacheTag.sectionList(a.section.id));
  return tags;
}
