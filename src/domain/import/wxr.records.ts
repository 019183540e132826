import { child, childrenNamed, ImportFormatError, textOf, type XmlNode } from './xml-stream.ts';

export interface WxrAuthor {
  login: string;
  email: string;
  displayName: string;
}

export interface WxrTerm {
  kind: 'category' | 'tag';
  slug: string;
  name: string;
  parentSlug: string;
  description: string;
}

export interface WxrComment {
  id: string;
  parentId: string;
  author: string;
  email: string;
  url: string;
  date: Date;
  content: string;
  /** WordPress's comment_approved: 1, 0 (held), spam, trash. */
  approved: string;
  type: string;
}

export interface WxrItem {
  id: string;
  type: string;
  title: string;
  link: string;
  slug: string;
  creator: string;
  html: string;
  excerpt: string;
  status: string;
  date: Date | null;
  sticky: boolean;
  categories: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
  comments: WxrComment[];
  attachmentUrl: string;
  /** An attachment's alt text (`_wp_attachment_image_alt`); its caption is the excerpt. */
  attachmentAlt: string;
  thumbnailId: string;
}

const ZERO_DATE = '0000-00-00 00:00:00';

/**
 * A WordPress date: `post_date_gmt` is UTC; drafts carry 0000-00-00 there,
 * so the RFC 822 pubDate (which has its offset) or else the local
 * `post_date` read as UTC stands in.
 */
export function wxrDate(gmt: string, rfc822: string, local: string): Date | null {
  const iso = (s: string) => new Date(`${s.replace(' ', 'T')}Z`);
  if (gmt && gmt !== ZERO_DATE && !Number.isNaN(iso(gmt).getTime())) return iso(gmt);
  if (rfc822 && !rfc822.startsWith('Mon, 30 Nov -0001')) {
    const d = new Date(rfc822);
    if (!Number.isNaN(d.getTime())) return d;
  }
  if (local && local !== ZERO_DATE && !Number.isNaN(iso(local).getTime())) return iso(local);
  return null;
}

export function authorOf(n: XmlNode): WxrAuthor {
  const login = textOf(n, 'wp:author_login');
  if (!login) throw new ImportFormatError('a <wp:author> has no <wp:author_login>');
  return { login, email: textOf(n, 'wp:author_email').toLowerCase(), displayName: textOf(n, 'wp:author_display_name') || login };
}

export function termOf(n: XmlNode): WxrTerm {
  if (n.name === 'wp:category') {
    const slug = textOf(n, 'wp:category_nicename');
    return { kind: 'category', slug, name: textOf(n, 'wp:cat_name') || slug, parentSlug: textOf(n, 'wp:category_parent'), description: textOf(n, 'wp:category_description') };
  }
  const slug = textOf(n, 'wp:tag_slug');
  return { kind: 'tag', slug, name: textOf(n, 'wp:tag_name') || slug, parentSlug: '', description: textOf(n, 'wp:tag_description') };
}

function commentOf(n: XmlNode): WxrComment {
  return {
    id: textOf(n, 'wp:comment_id'),
    parentId: textOf(n, 'wp:comment_parent'),
    author: textOf(n, 'wp:comment_author'),
    email: textOf(n, 'wp:comment_author_email'),
    url: textOf(n, 'wp:comment_author_url'),
    date: wxrDate(textOf(n, 'wp:comment_date_gmt'), '', textOf(n, 'wp:comment_date')) ?? new Date(0),
    content: child(n, 'wp:comment_content')?.text ?? '',
    approved: textOf(n, 'wp:comment_approved'),
    type: textOf(n, 'wp:comment_type'),
  };
}

export function itemOf(n: XmlNode): WxrItem {
  const id = textOf(n, 'wp:post_id');
  if (!/^\d+$/.test(id)) throw new ImportFormatError(`an <item> ("${textOf(n, 'title').slice(0, 60)}") has no numeric <wp:post_id>`);
  const terms = childrenNamed(n, 'category').map((c) => ({ domain: c.attrs.domain ?? '', slug: c.attrs.nicename ?? '', name: c.text.trim() }));
  const meta = new Map(childrenNamed(n, 'wp:postmeta').map((m) => [textOf(m, 'wp:meta_key'), textOf(m, 'wp:meta_value')]));
  return {
    id,
    type: textOf(n, 'wp:post_type') || 'post',
    title: textOf(n, 'title'),
    link: textOf(n, 'link'),
    slug: textOf(n, 'wp:post_name'),
    creator: textOf(n, 'dc:creator'),
    html: child(n, 'content:encoded')?.text ?? '',
    excerpt: textOf(n, 'excerpt:encoded'),
    status: textOf(n, 'wp:status') || 'draft',
    date: wxrDate(textOf(n, 'wp:post_date_gmt'), textOf(n, 'pubDate'), textOf(n, 'wp:post_date')),
    sticky: textOf(n, 'wp:is_sticky') === '1',
    categories: terms.filter((t) => t.domain === 'category' && t.slug),
    tags: terms.filter((t) => t.domain === 'post_tag' && t.slug),
    comments: childrenNamed(n, 'wp:comment').map(commentOf),
    attachmentUrl: textOf(n, 'wp:attachment_url'),
    attachmentAlt: meta.get('_wp_attachment_image_alt') ?? '',
    thumbnailId: meta.get('_thumbnail_id') ?? '',
  };
}

/** An attachment item as the media step needs it, or null (another item, or no id or URL); never throws: the first pass only collects. */
export function attachmentOf(n: XmlNode): { id: string; url: string; alt: string; caption: string; parent: string; order: number } | null {
  if (n.name !== 'item' || textOf(n, 'wp:post_type') !== 'attachment') return null;
  const id = textOf(n, 'wp:post_id');
  const url = textOf(n, 'wp:attachment_url');
  if (!/^\d+$/.test(id) || !url) return null;
  const alt = childrenNamed(n, 'wp:postmeta').find((m) => textOf(m, 'wp:meta_key') === '_wp_attachment_image_alt');
  // Its post and place there: a [gallery] without ids shows the post's attachments in menu order, then by id.
  return { id, url, alt: alt ? textOf(alt, 'wp:meta_value') : '', caption: textOf(n, 'excerpt:encoded'), parent: textOf(n, 'wp:post_parent'), order: Number(textOf(n, 'wp:menu_order')) || 0 };
}
