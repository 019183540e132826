/**
 * WordPress shortcodes in a post's HTML, turned into the HTML they stand for
 * before the post is parsed (html-to-doc.ts), so a reader gets the pictures,
 * embed or file and never `[gallery ids="3,4"]` as text. What is put back is
 * parsed like the rest of the post: nothing here passes as markup but an
 * `<img>` naming an attachment, a paragraph with a link, or a list of links.
 * Shortcodes we do not know are left alone: `[simple boat]` is prose as often
 * as not.
 */

/** The attachments a post's shortcodes can name (WordPress: read in the first pass over the WXR). */
export interface ShortcodeSource {
  /** Attachment ids a `[gallery]` or `[playlist]` without ids shows: the post's own attachments, in WordPress's order. */
  childrenOf(): string[];
  /** An attachment's file address. */
  urlOf(id: string): string | undefined;
}

const IMAGE_FILE = /\.(jpe?g|png|gif|webp|avif|bmp|tiff?|heic)$/i;
const AUDIO_FILE = /\.(mp3|m4a|ogg|oga|wav|wma|flac|aac|opus)$/i;
const VIDEO_FILE = /\.(mp4|m4v|webm|ogv|wmv|flv|mov)$/i;
/** The attributes `[audio]` and `[video]` may give their file in, WordPress's order. */
const FILE_ATTRS = { audio: ['src', 'mp3', 'm4a', 'ogg', 'wav', 'wma', 'flac'], video: ['src', 'mp4', 'm4v', 'webm', 'ogv', 'wmv', 'flv'] } as const;

/** `[[gallery]]` is WordPress's way of writing the shortcode as text; otherwise the shortcode, its attributes and (for the enclosing ones) its content. */
const SHORTCODE = /(\[?)\[(gallery|embed|audio|video|playlist)\b((?:[^\]"']|"[^"]*"|'[^']*')*)\](?:((?:(?!\[\2\b)[\s\S])*?)\[\/\2\])?(\]?)/g;

export function expandShortcodes(html: string, source?: ShortcodeSource): string {
  if (!html.includes('[')) return html;
  return captionShortcodes(html).replace(SHORTCODE, (whole, open: string, tag: string, rawAttrs: string, content: string | undefined, close: string) => {
    if (open && close) return whole.slice(1, -1);
    const attrs = parseAttrs(rawAttrs);
    const inner = (content ?? '').trim();
    let out: string;
    if (tag === 'gallery') out = gallery(attrs, source);
    else if (tag === 'playlist') out = playlist(attrs, source);
    else if (tag === 'embed') out = linkParagraph(inner || attrs.src || '', null);
    else out = mediaFile(tag as 'audio' | 'video', attrs, inner);
    return open + out + close;
  });
}

/**
 * Classic WordPress wraps a captioned picture in a shortcode,
 * `[caption id="attachment_7" …]<a><img></a> The caption[/caption]` (older
 * posts put the words in a `caption="…"` attribute): read as the figure it
 * stands for, so the caption goes with the picture.
 */
function captionShortcodes(html: string): string {
  if (!html.includes('[caption')) return html;
  return html.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/g, (_whole, attrs: string, inner: string) => {
    const m = /^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
    if (!m) return inner;
    const caption = m[2].trim() || (/\bcaption="([^"]*)"/.exec(attrs)?.[1] ?? '');
    return `<figure>${m[1]}<figcaption>${caption}</figcaption></figure>`;
  });
}

/** WordPress's shortcode attributes: `a="x"`, `a='x'`, `a=x`, and bare values (`[audio URL]`) by position. */
function parseAttrs(raw: string): Record<string, string> & { positional?: string[] } {
  const out: Record<string, string> & { positional?: string[] } = {};
  const positional: string[] = [];
  const re = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)|"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of raw.matchAll(re)) {
    const name = m[1] ?? m[3] ?? m[5];
    if (name) out[name.toLowerCase()] = m[2] ?? m[4] ?? m[6] ?? '';
    else positional.push(m[7] ?? m[8] ?? m[9] ?? '');
  }
  if (positional.length) out.positional = positional;
  return out;
}

const ids = (list: string | undefined) => (list ?? '').split(',').map((s) => s.trim()).filter((s) => /^\d+$/.test(s));
const attr = (s: string) => s.replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The attachments a gallery or playlist shows: its ids (or `include`), else the post's own of that kind, less `exclude`. */
function members(attrs: Record<string, string>, source: ShortcodeSource | undefined, kind: RegExp): string[] {
  const listed = ids(attrs.ids ?? attrs.include);
  const exclude = new Set(ids(attrs.exclude));
  const all = listed.length ? listed : (source?.childrenOf() ?? []).filter((id) => kind.test(source?.urlOf(id) ?? ''));
  return all.filter((id) => !exclude.has(id));
}

/**
 * A gallery: one picture after another, each the attachment an `<img
 * class="wp-image-N">` names, so the media step brings it in (or counts it)
 * like an inline picture, and its caption and alt text come from the
 * attachment.
 */
function gallery(attrs: Record<string, string>, source: ShortcodeSource | undefined): string {
  return members(attrs, source, IMAGE_FILE)
    .map((id) => `<img class="wp-image-${id}">`)
    .join('');
}

/** A playlist: its files as a list of links (the document has no player). */
function playlist(attrs: Record<string, string>, source: ShortcodeSource | undefined): string {
  const video = attrs.type === 'video';
  const links = members(attrs, source, video ? VIDEO_FILE : AUDIO_FILE)
    .map((id) => source?.urlOf(id))
    .filter((u): u is string => Boolean(u))
    .map((u) => `<li>${fileLink(u, video ? 'Video' : 'Audio')}</li>`);
  return links.length ? `<ul>${links.join('')}</ul>` : '';
}

/** `[audio]` and `[video]`: the file as a link a reader can follow; a video on a site we embed (YouTube) is that embed. */
function mediaFile(kind: 'audio' | 'video', attrs: Record<string, string> & { positional?: string[] }, inner: string): string {
  const given = FILE_ATTRS[kind].map((a) => attrs[a]).find(Boolean) ?? attrs.positional?.find((p) => /^https?:\/\//i.test(p)) ?? (/^https?:\/\/\S+$/i.test(inner) ? inner : '');
  if (!given) return '';
  // WordPress plays a YouTube or Vimeo address given as a [video]'s src: an address that is not a file is read as an embed's.
  const file = (kind === 'audio' ? AUDIO_FILE : VIDEO_FILE).test(given.split(/[?#]/)[0]);
  return linkParagraph(given, file ? (kind === 'audio' ? 'Audio' : 'Video') : null);
}

/**
 * A paragraph holding one link. Labelled null, its text is the address
 * itself: htmlToDoc makes such a paragraph an embed when the provider
 * list knows the address, and a plain link otherwise.
 */
function linkParagraph(url: string, label: string | null): string {
  const u = url.trim();
  if (!u) return '';
  return label ? `<p>${fileLink(u, label)}</p>` : `<p><a href="${attr(u)}">${attr(u)}</a></p>`;
}

/** `Audio: blues.mp3`, linked to the file (on the old site: the document has no audio or video node). */
function fileLink(url: string, label: string): string {
  let name = url;
  try {
    name = decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    // Not a URL: the link shows it as it is (htmlToDoc keeps only a safe href).
  }
  return `<a href="${attr(url)}">${attr(`${label}: ${name}`)}</a>`;
}
