import type { Article } from '../articles/index.ts';
import { bestJpeg } from '../media/index.ts';
import { articleFeedHtml, imageSrc } from './feed-html.ts';
import { curlQuotes } from '../shared/typography.ts';
import { sectionUrl, storyId, storyUrl, tagUrl, xmlSafe } from './feed-text.ts';

/** One story as every feed format sees it: plain text fields, already cleaned of XML-illegal characters. */
export interface FeedEntry {
  /** Permanent: the story URL by id, which survives a slug change. */
  id: string;
  url: string;
  title: string;
  summary: string;
  contentHtml: string;
  language: string;
  published: Date;
  updated: Date;
  /** Byline names in order, or the credit line when there is no byline. */
  authors: string[];
  categories: Array<{ term: string; label: string; scheme: string; url: string }>;
  image: { url: string; type: 'image/jpeg'; width: number; height: number; alt: string } | null;
}

/** The channel of one feed: the site, or one section of it. */
export interface FeedChannel {
  title: string;
  description: string;
  language: string;
  /** The HTML page this feed mirrors. */
  homeUrl: string;
  /** Absolute URLs of this feed in each format (self links, JSON Feed `feed_url`). */
  rssUrl: string;
  atomUrl: string;
  jsonUrl: string;
  /** Newest item's updated time; the feed's own `updated`/`lastBuildDate`. */
  updated: Date;
  /** Unique id of the feed, for Atom. */
  id: string;
}

export function toFeedEntry(a: Article, siteUrl: string): FeedEntry {
  const url = storyUrl(siteUrl, a.id, a.slug);
  const authors = a.bylines.length ? a.bylines.map((p) => xmlSafe(p.name)) : a.credit.trim() ? [xmlSafe(a.credit.trim())] : [];
  const categories: FeedEntry['categories'] = [];
  if (a.section) {
    categories.push({ term: a.section.slug, label: xmlSafe(a.section.name), scheme: `${siteUrl}/section/`, url: sectionUrl(siteUrl, a.section.slug) });
  }
  for (const t of a.tags) categories.push({ term: t.slug, label: xmlSafe(t.name), scheme: `${siteUrl}/tag/`, url: tagUrl(siteUrl, t.slug) });
  let image: FeedEntry['image'] = null;
  const variant = a.featuredImage ? bestJpeg(a.featuredImage) : undefined;
  const src = a.featuredImage ? imageSrc(a.featuredImage, siteUrl) : null;
  if (a.featuredImage && variant && src) {
    image = { url: src, type: 'image/jpeg', width: variant.width, height: variant.height, alt: xmlSafe(a.featuredImage.alt) };
  }
  return {
    id: storyId(siteUrl, a.id),
    url,
    // Feeds are read as the story is (titles and summaries shown to readers), so they are curled like the page; the Content API keeps what the editor typed.
    title: xmlSafe(curlQuotes(a.headline, a.language)),
    summary: xmlSafe(curlQuotes(a.dek, a.language)),
    contentHtml: articleFeedHtml(a, { siteUrl, baseUrl: url, images: a.bodyImages, lang: a.language }),
    language: a.language,
    // Listed stories are visible, so they have a publish time; the fallback only guards the type.
    published: a.publishedAt ?? a.updatedAt,
    updated: a.updatedAt > (a.publishedAt ?? a.updatedAt) ? a.updatedAt : (a.publishedAt ?? a.updatedAt),
    authors,
    categories,
    image,
  };
}

/** Newest `updated` among the entries, or `fallback` for an empty feed. */
export function newestUpdate(entries: FeedEntry[], fallback: Date): Date {
  return entries.reduce((max, e) => (e.updated > max ? e.updated : max), entries.length ? entries[0].updated : fallback);
}
