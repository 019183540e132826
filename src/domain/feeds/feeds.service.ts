import type { ArticleFilter, ArticleQueries, ArticleSummary } from '../articles/index.ts';
import { bestJpeg, mediaUrl } from '../media/index.ts';
import type { PagesService } from '../pages/index.ts';
import type { PeopleService } from '../people/index.ts';
import type { SectionsService } from '../sections/index.ts';
import type { SettingsService } from '../settings/index.ts';
import type { Clock } from '../shared/clock.ts';
import { notFound } from '../shared/errors.ts';
import { curlQuotes } from '../shared/typography.ts';
import type { TagsService } from '../tags/index.ts';
import { newestUpdate, toFeedEntry, type FeedChannel } from './feed-entries.ts';
import { buildFeed, FEED_CONTENT_TYPES, type FeedFormat } from './feed-formats.ts';
import { authorUrl, sectionUrl, storyUrl, tagUrl } from './feed-text.ts';
import {
  buildNewsSitemap, buildSitemapIndex, buildUrlSet, NEWS_MAX_URLS, NEWS_WINDOW_MS, SITEMAP_CONTENT_TYPE, type SitemapUrl,
} from './sitemaps.ts';

/** A rendered document, ready for the page cache. */
export interface FeedDocument {
  body: string;
  contentType: string;
  lastModified: Date;
}

export interface FeedsDeps {
  siteUrl: string;
  clock: Clock;
  queries: ArticleQueries;
  sections: SectionsService;
  tags: TagsService;
  people: PeopleService;
  settings: SettingsService;
  /** Static pages: public ones are in the sections sitemap (never in a feed). */
  pages?: Pick<PagesService, 'list'>;
  /** URLs per story sitemap; the protocol allows 50,000, smaller pages render faster. */
  storyPageSize?: number;
}

export const FEED_ITEMS = 30;
export const STORY_SITEMAP_PAGE = 5000;
/** Rows fetched per query while scanning: bounds memory whatever the size of the archive. */
const SCAN_CHUNK = 500;

const FILES: Record<FeedFormat, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

/**
 * Feeds and sitemaps: loads visible stories through the public queries
 * and hands them to the pure builders. No HTTP here, so a job can prebuild
 * or push the same documents.
 */
export class FeedsService {
  private readonly pageSize: number;

  constructor(private readonly deps: FeedsDeps) {
    this.pageSize = Math.min(Math.max(1, deps.storyPageSize ?? STORY_SITEMAP_PAGE), 50_000);
  }

  private async fallbackDate(): Promise<Date> {
    return (await this.deps.queries.lastChange()) ?? new Date(0);
  }

  /** The site's feed, or a section's (its subsections' stories included). Unknown section: 404. */
  async feed(format: FeedFormat, sectionSlug?: string): Promise<FeedDocument> {
    const { siteUrl } = this.deps;
    const settings = await this.deps.settings.get();
    let filter: ArticleFilter = {};
    let title = settings.name;
    let description = settings.tagline;
    let homeUrl = `${siteUrl}/`;
    let base = siteUrl;
    if (sectionSlug !== undefined) {
      const section = await this.deps.sections.get(sectionSlug);
      filter = { sectionIds: await this.deps.sections.withDescendants(section.id) };
      title = `${section.name} – ${settings.name}`;
      description = section.description || settings.tagline;
      homeUrl = sectionUrl(siteUrl, section.slug);
      base = homeUrl;
    }
    const articles = await this.deps.queries.latestPublicFull(filter, FEED_ITEMS);
    const entries = articles.map((a) => toFeedEntry(a, siteUrl));
    const channel: FeedChannel = {
      id: homeUrl,
      title,
      description,
      language: settings.language,
      homeUrl,
      rssUrl: `${base}/${FILES.rss}`,
      atomUrl: `${base}/${FILES.atom}`,
      jsonUrl: `${base}/${FILES.json}`,
      updated: newestUpdate(entries, await this.fallbackDate()),
    };
    return { body: buildFeed(format, channel, entries), contentType: FEED_CONTENT_TYPES[format], lastModified: channel.updated };
  }

  private storyEntry(s: ArticleSummary): SitemapUrl {
    const v = s.featuredImage ? bestJpeg(s.featuredImage) : undefined;
    return {
      url: storyUrl(this.deps.siteUrl, s.id, s.slug),
      lastmod: changedAt(s),
      image: s.featuredImage && v ? this.deps.siteUrl + mediaUrl(s.featuredImage, v.file) : undefined,
    };
  }

  private async storyTotal(): Promise<number> {
    return (await this.deps.queries.listPublic({}, 0, 0)).total;
  }

  /** Pages count from the oldest story, so a publish only touches the last page and older pages keep their URLs. */
  storyPageCount(total: number): number {
    return Math.max(1, Math.ceil(total / this.pageSize));
  }

  /** Page `n` (1-based, oldest first) as summaries, newest first within the page. */
  private async storyPageItems(n: number, total: number): Promise<ArticleSummary[]> {
    const end = total - (n - 1) * this.pageSize;
    const start = Math.max(0, total - n * this.pageSize);
    if (end <= 0) return [];
    const items: ArticleSummary[] = [];
    for (let offset = start; offset < end; offset += SCAN_CHUNK) {
      const page = await this.deps.queries.listPublic({}, Math.min(SCAN_CHUNK, end - offset), offset);
      items.push(...page.items);
    }
    return items;
  }

  async storySitemap(n: number): Promise<FeedDocument> {
    const total = await this.storyTotal();
    if (!Number.isInteger(n) || n < 1 || n > this.storyPageCount(total)) throw notFound(`story sitemap ${n}`);
    const items = await this.storyPageItems(n, total);
    const urls = items.map((s) => this.storyEntry(s));
    const lastModified = items.length ? maxDate(items.map(changedAt)) : await this.fallbackDate();
    return { body: await buildUrlSet(urls), contentType: SITEMAP_CONTENT_TYPE, lastModified };
  }

  /** Home, sections, tags and authors. */
  async sectionsSitemap(): Promise<FeedDocument> {
    const { siteUrl } = this.deps;
    const [sections, tags, people, pages, lastModified] = await Promise.all([
      this.deps.sections.list(), this.deps.tags.list(), this.deps.people.list(), this.deps.pages?.list() ?? [], this.fallbackDate(),
    ]);
    const urls: SitemapUrl[] = [
      { url: `${siteUrl}/`, lastmod: lastModified },
      ...sections.map((s) => ({ url: sectionUrl(siteUrl, s.slug) })),
      ...tags.map((t) => ({ url: tagUrl(siteUrl, t.slug) })),
      ...people.map((p) => ({ url: authorUrl(siteUrl, p.slug) })),
      ...pages.filter((p) => p.status === 'published').map((p) => ({ url: `${siteUrl}/${encodeURIComponent(p.slug)}` })),
    ];
    return { body: await buildUrlSet(urls), contentType: SITEMAP_CONTENT_TYPE, lastModified };
  }

  /** Stories published in the last 48 hours (by the clock), newest first, at most 1,000. */
  async newsSitemap(): Promise<FeedDocument> {
    const cutoff = this.deps.clock.now().getTime() - NEWS_WINDOW_MS;
    const recent: ArticleSummary[] = [];
    for (let offset = 0; recent.length < NEWS_MAX_URLS; offset += 100) {
      const { items } = await this.deps.queries.listPublic({}, 100, offset);
      const fresh = items.filter((s) => s.publishedAt && s.publishedAt.getTime() >= cutoff);
      recent.push(...fresh);
      if (items.length < 100 || fresh.length < items.length) break;
    }
    const name = (await this.deps.settings.get()).name;
    const urls = recent.slice(0, NEWS_MAX_URLS).map((s) => ({
      url: storyUrl(this.deps.siteUrl, s.id, s.slug), title: curlQuotes(s.headline, s.language), language: s.language, published: s.publishedAt!, publicationName: name,
    }));
    const lastModified = recent.length ? maxDate(recent.map(changedAt)) : await this.fallbackDate();
    return { body: await buildNewsSitemap(urls), contentType: SITEMAP_CONTENT_TYPE, lastModified };
  }

  /**
   * The index: every story page with the newest change on it, then the
   * sections and news sitemaps. Reads the archive page by page to find each
   * page's lastmod (bounded memory, but linear time: see the report's
   * request for a grouped lastmod query).
   */
  async sitemapIndex(): Promise<FeedDocument> {
    const { siteUrl } = this.deps;
    const total = await this.storyTotal();
    const entries: SitemapUrl[] = [];
    for (let n = 1; n <= this.storyPageCount(total); n++) {
      const items = await this.storyPageItems(n, total);
      entries.push({ url: `${siteUrl}/sitemaps/stories-${n}.xml`, lastmod: items.length ? maxDate(items.map(changedAt)) : undefined });
    }
    const last = await this.deps.queries.lastChange();
    entries.push({ url: `${siteUrl}/sitemaps/sections.xml`, lastmod: last ?? undefined });
    entries.push({ url: `${siteUrl}/sitemaps/news.xml`, lastmod: last ?? undefined });
    return { body: await buildSitemapIndex(entries), contentType: SITEMAP_CONTENT_TYPE, lastModified: last ?? new Date(0) };
  }
}

/** A scheduled story goes live without its `updatedAt` moving: it changed for readers when it appeared. */
function changedAt(s: ArticleSummary): Date {
  return s.publishedAt && s.publishedAt > s.updatedAt ? s.publishedAt : s.updatedAt;
}

function maxDate(ds: Date[]): Date {
  return ds.reduce((m, d) => (d > m ? d : m));
}
