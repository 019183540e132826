import type { Article, BlockNode, Doc, ImageInfo, InlineNode, ParagraphNode, TableNode } from '../articles/index.ts';
import { headerRowCount, isSafeHref } from '../articles/index.ts';
import { bestJpeg, mediaUrl } from '../media/index.ts';
import { curlQuotes } from '../shared/typography.ts';
import { escapeHtml } from './feed-text.ts';

/**
 * The story body as HTML for feed readers. Readers show it outside our page
 * (no stylesheet, no CSP of ours), so it is plain semantic HTML, every text
 * and attribute escaped, every URL absolute. It is its own small renderer,
 * not the site's, because a feed has different needs: no srcset, no classes.
 * Its prose gets the same typographer's quotes as the page (a feed reader
 * shows it as the story); code and addresses stay as typed.
 */
export interface FeedHtmlContext {
  siteUrl: string;
  /** The story's own absolute URL: `#fragment` links resolve against it. */
  baseUrl: string;
  images: Map<number, ImageInfo>;
  /** The story's language, for its quotation marks. */
  lang: string;
  /** Keep the copy's quotes as typed (a WXR export carries the copy, not our typography). */
  asTyped?: boolean;
}

function quotes(text: string, ctx: FeedHtmlContext, before = ''): string {
  return ctx.asTyped ? text : curlQuotes(text, ctx.lang, before);
}

function absolute(href: string, ctx: FeedHtmlContext): string | null {
  if (!isSafeHref(href)) return null;
  if (href.startsWith('#')) return ctx.baseUrl + href;
  if (href.startsWith('/')) return ctx.siteUrl + href;
  return href;
}

export function imageSrc(image: ImageInfo, siteUrl: string): string | null {
  const v = bestJpeg(image);
  return v ? siteUrl + mediaUrl(image, v.file) : null;
}

function inline(nodes: InlineNode[] | undefined, ctx: FeedHtmlContext): string {
  if (!nodes) return '';
  // The character before each text run, so a quote split by bold or a link still opens and closes as one sentence.
  let before = '';
  return nodes
    .map((n) => {
      if (n.type === 'hardBreak') {
        before = '';
        return '<br>';
      }
      const code = n.marks?.some((m) => m.type === 'code');
      const text = code ? n.text : quotes(n.text, ctx, before);
      before = n.text.slice(-1);
      let out = escapeHtml(text);
      for (const m of n.marks ?? []) {
        if (m.type === 'bold') out = `<strong>${out}</strong>`;
        else if (m.type === 'italic') out = `<em>${out}</em>`;
        else if (m.type === 'code') out = `<code>${out}</code>`;
        else if (m.type === 'link') {
          const href = absolute(m.attrs.href, ctx);
          if (href) out = `<a href="${escapeHtml(href)}">${out}</a>`;
        }
      }
      return out;
    })
    .join('');
}

function paragraphs(ps: ParagraphNode[], ctx: FeedHtmlContext): string {
  return ps.map((p) => `<p>${inline(p.content, ctx)}</p>`).join('');
}

export function figure(image: ImageInfo, ctx: FeedHtmlContext, override: { alt?: string; caption?: string; credit?: string } = {}): string {
  const src = imageSrc(image, ctx.siteUrl);
  if (!src) return '';
  const alt = override.alt ?? image.alt;
  const caption = override.caption ?? image.caption;
  const credit = override.credit ?? image.credit;
  const text = quotes([caption, credit ? `(${credit})` : ''].filter(Boolean).join(' '), ctx);
  const cap = text ? `<figcaption>${escapeHtml(text)}</figcaption>` : '';
  return `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">${cap}</figure>`;
}

function block(b: BlockNode, ctx: FeedHtmlContext): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${inline(b.content, ctx)}</p>`;
    case 'heading':
      return `<h${b.attrs.level}>${inline(b.content, ctx)}</h${b.attrs.level}>`;
    case 'blockquote':
      return `<blockquote>${paragraphs(b.content, ctx)}</blockquote>`;
    case 'pullQuote': {
      const by = b.attrs?.attribution ? `<footer>${escapeHtml(quotes(b.attrs.attribution, ctx))}</footer>` : '';
      return `<blockquote>${paragraphs(b.content, ctx)}${by}</blockquote>`;
    }
    case 'bulletList':
    case 'orderedList': {
      const tag = b.type === 'bulletList' ? 'ul' : 'ol';
      return `<${tag}>${b.content.map((li) => `<li>${paragraphs(li.content, ctx)}</li>`).join('')}</${tag}>`;
    }
    case 'image': {
      const image = ctx.images.get(b.attrs.imageId);
      return image ? figure(image, ctx, b.attrs) : '';
    }
    case 'horizontalRule':
      return '<hr>';
    case 'embed': {
      // A feed reader gets no player and no third-party frame: the post's address, as a plain link.
      if (!isSafeHref(b.attrs.url) || !/^https?:/i.test(b.attrs.url)) return '';
      const label = escapeHtml(b.attrs.title?.trim() || b.attrs.url);
      const caption = b.attrs.caption ? ` ${escapeHtml(b.attrs.caption)}` : '';
      return `<p><a href="${escapeHtml(b.attrs.url)}">${label}</a>${caption}</p>`;
    }
    case 'table':
      return table(b, ctx);
    default:
      return '';
  }
}

/** The table as the page has it (caption, thead of column labels, th scope), without the page's scrolling wrapper. */
function table(t: TableNode, ctx: FeedHtmlContext): string {
  const head = headerRowCount(t);
  const rows = (from: number, to: number, scope: string) =>
    t.content
      .slice(from, to)
      .map((r) => {
        const cells = r.content.map((c) => {
          const tag = c.type === 'tableHeader' ? 'th' : 'td';
          const span = (c.attrs?.colspan ?? 1) > 1 ? ` colspan="${Number(c.attrs!.colspan)}"` : '';
          const down = (c.attrs?.rowspan ?? 1) > 1 ? ` rowspan="${Number(c.attrs!.rowspan)}"` : '';
          const inner = c.content.length === 1 ? inline(c.content[0].content, ctx) : paragraphs(c.content, ctx);
          return `<${tag}${tag === 'th' ? ` scope="${scope}"` : ''}${span}${down}>${inner}</${tag}>`;
        });
        return `<tr>${cells.join('')}</tr>`;
      })
      .join('');
  const caption = t.attrs?.caption ? `<caption>${escapeHtml(quotes(t.attrs.caption, ctx))}</caption>` : '';
  const thead = head > 0 ? `<thead>${rows(0, head, 'col')}</thead>` : '';
  const tbody = head < t.content.length ? `<tbody>${rows(head, t.content.length, 'row')}</tbody>` : '';
  return `<table>${caption}${thead}${tbody}</table>`;
}

/** `lead` (already HTML) opens the first paragraph, or stands alone when the body starts otherwise. */
export function docToFeedHtml(doc: Doc, ctx: FeedHtmlContext, lead = ''): string {
  const out = doc.content.map((b) => block(b, ctx));
  if (lead && doc.content[0]?.type === 'paragraph') out[0] = `<p>${lead} ${out[0].slice(3)}`;
  else if (lead) out.unshift(`<p>${lead}</p>`);
  return out.join('\n');
}

/**
 * A whole story for a feed item: featured image, the dateline leading the
 * first paragraph as it does on the page, the body, then corrections.
 * Never empty, so every item carries content.
 */
export function articleFeedHtml(a: Article, ctx: FeedHtmlContext): string {
  const parts: string[] = [];
  if (a.featuredImage) parts.push(figure(a.featuredImage, ctx));
  const dateline = a.dateline.trim() ? `<strong>${escapeHtml(a.dateline.trim().toUpperCase())} –</strong>` : '';
  parts.push(docToFeedHtml(a.body, ctx, dateline));
  for (const c of a.corrections) parts.push(`<p><em>Correction:</em> ${escapeHtml(quotes(c.body, ctx))}</p>`);
  let html = parts.filter(Boolean).join('\n');
  if (!html.trim()) html = `<p>${escapeHtml(quotes(a.dek || a.headline, ctx))}</p>`;
  const dir = a.direction === 'rtl' ? ' dir="rtl"' : '';
  return `<div lang="${escapeHtml(a.language)}"${dir}>${html}</div>`;
}
