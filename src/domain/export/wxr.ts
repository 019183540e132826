import { imageIdsOf, imagesByIds, type Doc } from '../articles/index.ts';
import { docToFeedHtml, escapeHtml, xmlSafe } from '../feeds/index.ts';
import type { Db, Q } from '../../storage/index.ts';
import type { LineSink } from './export.ts';
import { allSections, commentsFor, linksOf, maxArticleId, rowsAfter, rowsByKey, storiesAfter } from './export.repo.ts';

/**
 * A WordPress export (WXR 1.2) of the stories, their comments and the
 * static pages, for WordPress's importer (Tools → Import → WordPress), so a
 * newsroom can leave. People become authors (login = their slug),
 * sections nested categories, tags tags; bylines after the first, revisions,
 * corrections, redirects and settings have no place in WXR and are left out
 * (the Dateline export carries them). Images stay where they are: bodies
 * point at this site's files by absolute URL, which WordPress's importer
 * leaves as they are (its attachment fetching needs attachment items).
 *
 * Each item keeps its address here as `_dateline_story_url` (or
 * `_dateline_page_url`) post meta, for redirecting the old addresses.
 * Written as a stream, a page of stories at a time, like the Dateline export.
 */
export interface WxrOptions {
  siteUrl: string;
  now: Date;
}

const PAGE = 200;

const STATUS: Record<string, string> = { published: 'publish', scheduled: 'future', draft: 'draft', review: 'pending', unpublished: 'draft' };
const COMMENT_STATUS: Record<string, string> = { approved: '1', pending: '0', spam: 'spam', rejected: 'trash' };

/** Text in a CDATA section: `]]>` cannot appear inside one, so it is split across two sections. */
export function cdata(s: string): string {
  return `<![CDATA[${xmlSafe(s).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** `2026-05-21 10:00:00`, WordPress's date form (UTC here, for both post_date and post_date_gmt). */
function wpDate(iso: string | null): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '0000-00-00 00:00:00';
}

const el = (name: string, text: string) => `<${name}>${escapeHtml(text)}</${name}>`;

export async function exportWxr(deps: { db: Db }, write: LineSink, opts: WxrOptions): Promise<Record<string, number>> {
  const counts = { post: 0, page: 0, comment: 0, author: 0, category: 0, tag: 0 };
  const q: Q = deps.db.kysely;
  const site = JSON.parse(String((await rowsByKey(q, 'settings', ['key', 'value'], ['site']))[0]?.value ?? '{}')) as { name?: string; tagline?: string; language?: string };
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="Dateline" created="${wpDate(opts.now.toISOString())}" -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	${el('title', site.name ?? 'Dateline')}
	${el('link', opts.siteUrl)}
	${el('description', site.tagline ?? '')}
	${el('pubDate', opts.now.toUTCString().replace('GMT', '+0000'))}
	${el('language', site.language ?? 'en')}
	<wp:wxr_version>1.2</wp:wxr_version>
	${el('wp:base_site_url', opts.siteUrl)}
	${el('wp:base_blog_url', opts.siteUrl)}`);

  const people = new Map<number, string>();
  for (let after = 0; ; ) {
    const rows = await rowsAfter(q, 'people', ['id', 'slug', 'name'], after, PAGE);
    if (!rows.length) break;
    after = rows[rows.length - 1].id as number;
    for (const p of rows) {
      people.set(p.id as number, p.slug as string);
      await write(`	<wp:author><wp:author_id>${p.id}</wp:author_id>${el('wp:author_login', p.slug as string)}<wp:author_email></wp:author_email><wp:author_display_name>${cdata(p.name as string)}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>`);
      counts.author++;
    }
  }
  const sections = new Map<number, { slug: string; name: string }>();
  const sectionRows = await allSections(q, ['id', 'slug', 'name', 'description', 'parent_id']);
  for (const s of sectionRows) sections.set(s.id as number, { slug: s.slug as string, name: s.name as string });
  for (const s of sectionRows) {
    const parent = s.parent_id === null ? '' : (sections.get(s.parent_id as number)?.slug ?? '');
    await write(`	<wp:category><wp:term_id>${s.id}</wp:term_id>${el('wp:category_nicename', s.slug as string)}${el('wp:category_parent', parent)}<wp:cat_name>${cdata(s.name as string)}</wp:cat_name><wp:category_description>${cdata(s.description as string)}</wp:category_description></wp:category>`);
    counts.category++;
  }
  const tags = new Map<number, { slug: string; name: string }>();
  const tagIdOffset = Math.max(0, ...sections.keys());
  for (let after = 0; ; ) {
    const rows = await rowsAfter(q, 'tags', ['id', 'slug', 'name', 'description'], after, PAGE);
    if (!rows.length) break;
    after = rows[rows.length - 1].id as number;
    for (const t of rows) {
      tags.set(t.id as number, { slug: t.slug as string, name: t.name as string });
      // Term ids are one space in WordPress: tags follow the categories.
      await write(`	<wp:tag><wp:term_id>${tagIdOffset + (t.id as number)}</wp:term_id>${el('wp:tag_slug', t.slug as string)}<wp:tag_name>${cdata(t.name as string)}</wp:tag_name><wp:tag_description>${cdata(t.description as string)}</wp:tag_description></wp:tag>`);
      counts.tag++;
    }
  }
  await write(`	<generator>https://github.com/dateline</generator>`);

  for (let after = 0; ; ) {
    const rows = await storiesAfter(q, after, PAGE);
    if (!rows.length) break;
    after = rows[rows.length - 1].id;
    const ids = rows.map((r) => r.id);
    const { tags: tagIds, bylines } = await linksOf(q, ids);
    const docs = new Map(rows.map((r) => [r.id, JSON.parse(r.body) as Doc]));
    const images = await imagesByIds(q, [...new Set(rows.flatMap((r) => [...imageIdsOf(docs.get(r.id)!), ...(r.featured_image_id ? [r.featured_image_id] : [])]))]);
    const comments = await commentsFor(q, ids);
    for (const r of rows) {
      const link = `${opts.siteUrl}/news/${r.id}/${encodeURIComponent(r.slug)}`;
      const featured = r.featured_image_id ? images.get(r.featured_image_id) : undefined;
      const lead = featured ? docToFeedHtml({ type: 'doc', content: [{ type: 'image', attrs: { imageId: featured.id } }] } as Doc, { siteUrl: opts.siteUrl, baseUrl: link, images, lang: '', asTyped: true }) : '';
      const html = [lead, docToFeedHtml(docs.get(r.id)!, { siteUrl: opts.siteUrl, baseUrl: link, images, lang: '', asTyped: true })].filter(Boolean).join('\n');
      const section = r.section_id === null ? undefined : sections.get(r.section_id);
      const terms = [
        ...(section ? [`<category domain="category" nicename="${escapeHtml(section.slug)}">${cdata(section.name)}</category>`] : []),
        ...(tagIds.get(r.id) ?? []).map((id) => tags.get(id)).filter((t) => t !== undefined).map((t) => `<category domain="post_tag" nicename="${escapeHtml(t.slug)}">${cdata(t.name)}</category>`),
      ];
      const own = comments.filter((c) => c.article_id === r.id && COMMENT_STATUS[c.status]);
      await write(
        item({
          title: r.headline, link, id: r.id, creator: people.get((bylines.get(r.id) ?? [])[0]) ?? '', html, excerpt: r.dek, date: r.published_at ?? r.created_at, slug: r.slug,
          status: STATUS[r.status] ?? 'draft', type: 'post', menuOrder: 0, commentStatus: r.comment_mode === 'closed' ? 'closed' : 'open', terms,
          comments: own.map(
            (c) => `		<wp:comment>
			<wp:comment_id>${c.id}</wp:comment_id>
			<wp:comment_author>${cdata(c.author_name)}</wp:comment_author>
			${el('wp:comment_author_email', c.author_email)}
			${el('wp:comment_author_url', c.author_url)}
			<wp:comment_author_IP></wp:comment_author_IP>
			${el('wp:comment_date', wpDate(c.created_at))}
			${el('wp:comment_date_gmt', wpDate(c.created_at))}
			<wp:comment_content>${cdata(escapeHtml(c.body))}</wp:comment_content>
			<wp:comment_approved>${COMMENT_STATUS[c.status]}</wp:comment_approved>
			<wp:comment_type></wp:comment_type>
			<wp:comment_parent>${c.parent_id ?? 0}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>`,
          ),
        }),
      );
      counts.post++;
      counts.comment += own.length;
    }
  }

  // Posts and pages share WordPress's id space: pages are numbered after the last story.
  const pageOffset = await maxArticleId(q);
  for (let after = 0; ; ) {
    const rows = await rowsAfter(q, 'pages', ['id', 'slug', 'title', 'body', 'status', 'menu_position', 'published_at', 'created_at'], after, PAGE);
    if (!rows.length) break;
    after = rows[rows.length - 1].id as number;
    const images = await imagesByIds(q, [...new Set(rows.flatMap((r) => imageIdsOf(JSON.parse(r.body as string) as Doc)))]);
    for (const r of rows) {
      const link = `${opts.siteUrl}/${r.slug}`;
      await write(
        item({
          title: r.title as string, link, id: pageOffset + (r.id as number), creator: '', html: docToFeedHtml(JSON.parse(r.body as string) as Doc, { siteUrl: opts.siteUrl, baseUrl: link, images, lang: '', asTyped: true }),
          excerpt: '', date: (r.published_at ?? r.created_at) as string, slug: r.slug as string, status: r.status === 'published' ? 'publish' : 'draft', type: 'page',
          menuOrder: (r.menu_position as number | null) ?? 0, commentStatus: 'closed', terms: [], comments: [],
        }),
      );
      counts.page++;
    }
  }
  await write('</channel>\n</rss>');
  return counts;
}

interface ItemFields {
  title: string; link: string; id: number; creator: string; html: string; excerpt: string; date: string; slug: string; status: string; type: 'post' | 'page';
  menuOrder: number; commentStatus: string; terms: string[]; comments: string[];
}

/** One `<item>`, with the elements in the order WordPress writes them. */
function item(f: ItemFields): string {
  const pub = new Date(f.date).toUTCString().replace('GMT', '+0000');
  return `	<item>
		${el('title', f.title)}
		${el('link', f.link)}
		${el('pubDate', pub)}
		<dc:creator>${cdata(f.creator)}</dc:creator>
		<guid isPermaLink="false">${escapeHtml(`${f.link.split('/').slice(0, 3).join('/')}/?p=${f.id}`)}</guid>
		<description></description>
		<content:encoded>${cdata(f.html)}</content:encoded>
		<excerpt:encoded>${cdata(escapeHtml(f.excerpt))}</excerpt:encoded>
		<wp:post_id>${f.id}</wp:post_id>
		${el('wp:post_date', wpDate(f.date))}
		${el('wp:post_date_gmt', wpDate(f.date))}
		${el('wp:comment_status', f.commentStatus)}
		<wp:ping_status>closed</wp:ping_status>
		${el('wp:post_name', f.slug)}
		${el('wp:status', f.status)}
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>${f.menuOrder}</wp:menu_order>
		${el('wp:post_type', f.type)}
		<wp:post_password></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
${f.terms.map((t) => `		${t}`).join('\n')}
		<wp:postmeta>
			<wp:meta_key>_dateline_${f.type === 'post' ? 'story' : 'page'}_url</wp:meta_key>
			<wp:meta_value>${cdata(f.link)}</wp:meta_value>
		</wp:postmeta>
${f.comments.join('\n')}
	</item>`;
}
