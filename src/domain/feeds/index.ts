export { FeedsService, FEED_ITEMS, STORY_SITEMAP_PAGE, type FeedDocument, type FeedsDeps } from './feeds.service.ts';
export { buildFeed, buildRss, buildAtom, buildJsonFeed, FEED_CONTENT_TYPES, type FeedFormat } from './feed-formats.ts';
export { toFeedEntry, newestUpdate, type FeedEntry, type FeedChannel } from './feed-entries.ts';
export { articleFeedHtml, docToFeedHtml, type FeedHtmlContext } from './feed-html.ts';
export { buildSitemapIndex, buildUrlSet, buildNewsSitemap, newsLanguage, SITEMAP_CONTENT_TYPE, NEWS_MAX_URLS, NEWS_WINDOW_MS, type SitemapUrl, type NewsUrl } from './sitemaps.ts';
export { xmlSafe, escapeHtml, storyUrl, storyId, w3cDate } from './feed-text.ts';
