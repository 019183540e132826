import { slugify, withSuffix } from '../shared/slug.ts';
import { findArticleRow, type Q } from './articles.repo.ts';
import { findSlugHolder, swapSlugs } from './articles.slugs.repo.ts';

/**
 * A story gets its slug when it is first saved, and an autosaved draft is
 * saved as soon as someone types a headline; abandoned, it would keep the
 * clean address (`budget-vote`) and push the story that is actually
 * published to `budget-vote-2`. So the clean slug goes to whichever story
 * is published first: on first publication, a story whose slug is its
 * headline's slug with a number takes the clean one from a story that has
 * never been public (draft or review), which takes the numbered one. No
 * public address changes: the draft never had one.
 *
 * Returns the id of the draft that gave its slug up (it needs a change row), or null.
 */
export async function claimCleanSlug(trx: Q, id: number): Promise<number | null> {
  const row = await findArticleRow(trx, id);
  if (!row || row.status !== 'published' || row.first_published_at === null) return null;
  const base = slugify(row.headline);
  if (!base || row.slug === base || !isNumberedFormOf(row.slug, base)) return null;
  const holder = await findSlugHolder(trx, base);
  if (!holder || holder.id === id || holder.firstPublishedAt !== null || (holder.status !== 'draft' && holder.status !== 'review')) return null;
  await swapSlugs(trx, { id: holder.id, slug: base }, { id, slug: row.slug });
  return holder.id;
}

function isNumberedFormOf(slug: string, base: string): boolean {
  const n = /-(\d{1,3})$/.exec(slug);
  return n !== null && Number(n[1]) >= 2 && withSuffix(base, Number(n[1])) === slug;
}
