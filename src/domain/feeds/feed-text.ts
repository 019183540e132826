/**
 * Text hygiene shared by every feed and sitemap. XML 1.0 (§2.2) forbids
 * U+0000–U+001F except tab, LF and CR, lone surrogates, and U+FFFE/U+FFFF;
 * one such character makes the whole document unparseable for every
 * subscriber, so they are dropped before any builder sees the text.
 */
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlSafe(s: string | null | undefined): string {
  return (s ?? '').replace(XML_ILLEGAL, '');
}

/** Escapes for HTML text and double-quoted attributes; also turns `]]>` into `]]&gt;`, so a CDATA section can hold it. */
export function escapeHtml(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Absolute URL of a story: what feeds link to. The id alone is the permanent identifier. */
export function storyUrl(siteUrl: string, id: number, slug: string): string {
  return `${siteUrl}/news/${id}/${encodeURIComponent(slug)}`;
}

export function storyId(siteUrl: string, id: number): string {
  return `${siteUrl}/news/${id}`;
}

export function sectionUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/section/${encodeURIComponent(slug)}`;
}

export function tagUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/tag/${encodeURIComponent(slug)}`;
}

export function authorUrl(siteUrl: string, slug: string): string {
  return `${siteUrl}/author/${encodeURIComponent(slug)}`;
}

/** W3C datetime to the second, in UTC: what sitemaps and Google News expect. */
export function w3cDate(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
