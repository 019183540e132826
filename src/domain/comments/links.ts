/**
 * Links in reader text. Only absolute http(s) URLs ever become links, and
 * the rule is applied to the decoded value, so `java&#x09;script:` or
 * `JaVaScRiPt:` never pass as something else (docs/architecture.md, hostile input: links and schemes).
 */

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+|\bwww\.[^\s<>"'`]+/gi;
const TRAILING_PUNCT = /[.,;:!?)\]}»”’]+$/;

/** An author URL: absolute http(s) with a host, no credentials, no whitespace or quotes; else null. */
export function parseHttpUrl(raw: string): string | null {
  const s = raw.trim();
  if (!s || s.length > 2000 || /[\s"'<>`\\]/.test(s) || /&#|%0[0-9a-f]/i.test(s)) return null;
  if (!/^https?:\/\//i.test(s)) return null;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname || u.username || u.password) return null;
  return u.href;
}

export type TextPart = { text: string } | { text: string; href: string };

/** Plain text split into text runs and safe links, for rendering without HTML. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_IN_TEXT)) {
    let raw = m[0];
    const trail = TRAILING_PUNCT.exec(raw);
    if (trail && !(trail[0].startsWith(')') && raw.includes('('))) raw = raw.slice(0, raw.length - trail[0].length);
    const href = parseHttpUrl(/^www\./i.test(raw) ? `https://${raw}` : raw);
    const start = m.index ?? 0;
    if (!href) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

/** Links a reader would see, plus any `<a href` a bot pasted as HTML (shown as text, still counted). */
export function countLinks(text: string): number {
  const urls = [...text.matchAll(URL_IN_TEXT)].length;
  const anchors = [...text.matchAll(/<a\s[^>]{0,500}href/gi)].length;
  return Math.max(urls, anchors);
}
