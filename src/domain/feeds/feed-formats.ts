import { Feed, type Item } from 'feed';
import type { FeedChannel, FeedEntry } from './feed-entries.ts';
import { escapeHtml } from './feed-text.ts';

export const FEED_CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
} as const;
export type FeedFormat = keyof typeof FEED_CONTENT_TYPES;

/*
 * The `feed` package writes XML through xml-js, whose escaping has gaps we
 * close here rather than fork it:
 * - text nodes are "desanitized" first (`&amp;` → `&`), which would turn a
 *   headline's literal "&amp;" into "&": `&` is pre-escaped so the round
 *   trip is exact (every `&amp;` it finds is then one we wrote);
 * - CDATA splits only the first `]]>`: titles, summaries and content are
 *   handed over as escaped HTML (the slots are typed html), which holds no
 *   `>` at all, so no `]]>` can reach a CDATA section;
 * - attributes only get `"` and (sometimes) `&` escaped: a `<` would make
 *   the document ill-formed, so free text in an attribute (an Atom category
 *   label) has `<` replaced by the look-alike U+FF1C;
 * - RSS `<author>` is an email address by spec: names go in `dc:creator`.
 */
const textNode = (s: string) => s.replace(/&/g, '&amp;');
const attrText = (s: string) => s.replace(/</g, '\uff1c');

function newFeed(ch: FeedChannel): Feed {
  return new Feed({
    id: ch.id,
    title: textNode(ch.title),
    description: textNode(ch.description),
    language: ch.language,
    link: ch.homeUrl,
    updated: ch.updated,
    generator: 'Dateline',
    feedLinks: { rss: ch.rssUrl, atom: ch.atomUrl, json: ch.jsonUrl },
  });
}

function baseItem(e: FeedEntry): Item {
  return {
    title: escapeHtml(e.title),
    id: e.id,
    guid: e.id,
    link: e.url,
    date: e.updated,
    published: e.published,
    description: e.summary ? escapeHtml(e.summary) : undefined,
    content: e.contentHtml,
  };
}

export function buildRss(ch: FeedChannel, entries: FeedEntry[]): string {
  const feed = newFeed(ch);
  for (const e of entries) {
    const item = baseItem(e);
    item.category = e.categories.map((c) => ({ name: textNode(c.label), domain: c.url }));
    if (e.image) item.enclosure = { url: e.image.url, type: e.image.type, length: 0 };
    // Plural elements: xml-js writes an array value as repeated elements.
    if (e.authors.length) item.extensions = [{ name: 'dc:creator', objects: e.authors.map((a) => ({ _text: textNode(a) })) as unknown as Record<string, unknown> }];
    feed.addItem(item);
  }
  return feed.rss2();
}

export function buildAtom(ch: FeedChannel, entries: FeedEntry[]): string {
  const feed = newFeed(ch);
  for (const e of entries) {
    const item = baseItem(e);
    item.author = e.authors.map((name) => ({ name: textNode(name) }));
    item.category = e.categories.map((c) => ({ term: c.term, name: attrText(c.label), scheme: c.scheme }));
    if (e.image) item.enclosure = { url: e.image.url, type: e.image.type };
    feed.addItem(item);
  }
  return feed.atom1();
}

/**
 * JSON Feed 1.1 written directly: `feed` emits version 1 with a single
 * `author`, while 1.1 has `authors` and `language`. JSON.stringify escapes
 * everything JSON needs; the text was cleaned of XML-illegal characters too.
 */
export function buildJsonFeed(ch: FeedChannel, entries: FeedEntry[]): string {
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: ch.title,
    home_page_url: ch.homeUrl,
    feed_url: ch.jsonUrl,
    description: ch.description || undefined,
    language: ch.language,
    items: entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      summary: e.summary || undefined,
      content_html: e.contentHtml,
      image: e.image?.url,
      date_published: e.published.toISOString(),
      date_modified: e.updated.toISOString(),
      authors: e.authors.length ? e.authors.map((name) => ({ name })) : undefined,
      tags: e.categories.length ? [...new Set(e.categories.map((c) => c.label))] : undefined,
      language: e.language,
    })),
  };
  return JSON.stringify(doc);
}

export function buildFeed(format: FeedFormat, ch: FeedChannel, entries: FeedEntry[]): string {
  if (format === 'rss') return buildRss(ch, entries);
  if (format === 'atom') return buildAtom(ch, entries);
  return buildJsonFeed(ch, entries);
}
