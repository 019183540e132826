import { Readable } from 'node:stream';
import { ErrorLevel, SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';
import { w3cDate, xmlSafe } from './feed-text.ts';

export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';

/** Google News keeps at most 1,000 URLs per news sitemap and only stories of the last two days. */
export const NEWS_MAX_URLS = 1000;
export const NEWS_WINDOW_MS = 48 * 3600_000;

export interface SitemapUrl {
  url: string;
  lastmod?: Date;
  /** Absolute URL of the page's main image (Google image extension). */
  image?: string;
}

export interface NewsUrl {
  url: string;
  title: string;
  /** BCP 47 of the story; reduced to the ISO 639 code Google News accepts. */
  language: string;
  published: Date;
  publicationName: string;
}

/** Sitemap items are checked as they are written: a bad one is our bug, so it fails loudly. */
const LEVEL = ErrorLevel.THROW;

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The package refuses to end an empty stream; an empty urlset or index is still a valid answer. */
async function collect(stream: NodeJS.ReadWriteStream, items: unknown[], emptyRoot: string, extraNs = ''): Promise<string> {
  if (!items.length) return `${XML_DECL}<${emptyRoot} xmlns="${SITEMAP_NS}"${extraNs}></${emptyRoot}>`;
  const done = streamToPromise(Readable.from(items).pipe(stream) as never);
  return (await done).toString('utf8');
}

export async function buildSitemapIndex(sitemaps: SitemapUrl[]): Promise<string> {
  const stream = new SitemapIndexStream({ level: LEVEL });
  return collect(stream, sitemaps.map((s) => ({ url: s.url, ...(s.lastmod ? { lastmod: w3cDate(s.lastmod) } : {}) })), 'sitemapindex');
}

export async function buildUrlSet(urls: SitemapUrl[]): Promise<string> {
  const stream = new SitemapStream({ level: LEVEL, xmlns: { news: false, xhtml: false, image: true, video: false } });
  const items: SitemapItemLoose[] = urls.map((u) => ({
    url: u.url,
    ...(u.lastmod ? { lastmod: w3cDate(u.lastmod) } : {}),
    ...(u.image ? { img: [{ url: u.image }] } : {}),
  }));
  return collect(stream, items, 'urlset');
}

/** Google News wants an ISO 639 code, with zh-cn / zh-tw as the only regional forms. */
export function newsLanguage(bcp47: string): string {
  const lower = bcp47.toLowerCase();
  if (lower === 'zh-cn' || lower === 'zh-hans' || lower.startsWith('zh-hans-')) return 'zh-cn';
  if (lower === 'zh-tw' || lower === 'zh-hant' || lower.startsWith('zh-hant-')) return 'zh-tw';
  const primary = lower.split('-')[0];
  return /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
}

export async function buildNewsSitemap(urls: NewsUrl[]): Promise<string> {
  const stream = new SitemapStream({ level: LEVEL, xmlns: { news: true, xhtml: false, image: false, video: false } });
  const items: SitemapItemLoose[] = urls.slice(0, NEWS_MAX_URLS).map((u) => ({
    url: u.url,
    news: {
      publication: { name: xmlSafe(u.publicationName), language: newsLanguage(u.language) },
      publication_date: w3cDate(u.published),
      title: xmlSafe(u.title),
    },
  }));
  return collect(stream, items, 'urlset', ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
}
