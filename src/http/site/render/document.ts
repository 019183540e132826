import {
  headerRowCount, isSafeHref, type BlockNode, type Doc, type ImageInfo, type InlineNode, type ParagraphNode, type TableCellNode, type TableNode, type TextNode,
} from '../../../domain/articles/index.ts';
import type { EmbedProviders } from '../../../domain/embeds/index.ts';
import { embedHtml } from './embed.ts';
import { esc } from './escape.ts';
import { figureHtml } from './picture.ts';
import { curlQuotes } from '../../../domain/shared/typography.ts';

/**
 * Our renderer for the stored story document. It never passes HTML through:
 * every node type is written out here and every string goes through `esc`,
 * so the output is safe by construction whatever the editor stored. Links are
 * checked again at render time (the stored document may predate a rule).
 */
export interface DocRenderContext {
  /** Images referenced by the body, by id (Article.bodyImages). */
  images: Map<number, ImageInfo>;
  /** Formatted dateline, e.g. `TEHRAN –`; empty for none. Leads the first paragraph. */
  dateline: string;
  /** Our origin, so links to our own pages are not marked external. */
  siteUrl: string;
  /** The story's language: which quotation marks its straight quotes become. */
  lang: string;
  /** The provider table that turns an embed's address into its facade and player. */
  embeds: EmbedProviders;
}

export const BODY_IMAGE_SIZES = '(min-width: 46rem) 42rem, calc(100vw - 2rem)';

export function renderDocument(doc: Doc, ctx: DocRenderContext): string {
  const state = { datelinePending: ctx.dateline !== '' };
  let out = '';
  for (const block of doc.content) out += renderBlock(block, ctx, state);
  // A story with no paragraph still shows where it was filed.
  if (state.datelinePending) out = `<p>${datelineHtml(ctx.dateline)}</p>` + out;
  return out;
}

function datelineHtml(dateline: string): string {
  return `<span class="dateline">${esc(dateline)}</span> `;
}

function renderBlock(b: BlockNode, ctx: DocRenderContext, state: { datelinePending: boolean }): string {
  switch (b.type) {
    case 'paragraph': {
      if (!b.content?.length) return '';
      const lead = state.datelinePending ? datelineHtml(ctx.dateline) : '';
      state.datelinePending = false;
      return `<p>${lead}${renderInlines(b.content, ctx)}</p>`;
    }
    case 'heading': {
      const level = b.attrs?.level === 3 || b.attrs?.level === 4 ? b.attrs.level : 2;
      return `<h${level}>${renderInlines(b.content, ctx)}</h${level}>`;
    }
    case 'blockquote':
      return `<blockquote>${paragraphs(b.content, ctx)}</blockquote>`;
    case 'pullQuote': {
      const who = b.attrs?.attribution ? `<figcaption>${esc(curlQuotes(b.attrs.attribution, ctx.lang))}</figcaption>` : '';
      return `<figure class="pull-quote"><blockquote>${paragraphs(b.content, ctx)}</blockquote>${who}</figure>`;
    }
    case 'bulletList':
    case 'orderedList': {
      const tag = b.type === 'bulletList' ? 'ul' : 'ol';
      const items = b.content.map((li) => `<li>${li.content.length === 1 ? renderInlines(li.content[0].content, ctx) : paragraphs(li.content, ctx)}</li>`);
      return `<${tag}>${items.join('')}</${tag}>`;
    }
    case 'image': {
      const image = ctx.images.get(b.attrs.imageId);
      if (!image) return '';
      return figureHtml(image, {
        className: 'story-image',
        alt: b.attrs.alt ?? image.alt,
        caption: b.attrs.caption ?? image.caption,
        credit: b.attrs.credit ?? image.credit,
        sizes: BODY_IMAGE_SIZES,
        lang: ctx.lang,
      });
    }
    case 'horizontalRule':
      return '<hr>';
    case 'embed':
      return embedHtml(b, ctx.embeds, ctx.images);
    case 'table':
      return tableHtml(b, ctx);
    default:
      return '';
  }
}

/**
 * A table in a wrapper that scrolls sideways (site.css), so a wide table
 * never widens a phone's page. The wrapper is focusable and named, so a
 * keyboard reader can scroll it too. Column labels are the `thead`
 * (headerRowCount); a header cell in the body labels its row.
 */
function tableHtml(t: TableNode, ctx: DocRenderContext): string {
  const head = headerRowCount(t);
  const caption = t.attrs?.caption ? curlQuotes(t.attrs.caption, ctx.lang) : '';
  const rows = (from: number, to: number, scope: 'col' | 'row') =>
    t.content.slice(from, to).map((r) => `<tr>${r.content.map((c) => cellHtml(c, scope, ctx)).join('')}</tr>`).join('');
  const thead = head > 0 ? `<thead>${rows(0, head, 'col')}</thead>` : '';
  const tbody = head < t.content.length ? `<tbody>${rows(head, t.content.length, 'row')}</tbody>` : '';
  const cap = caption ? `<caption>${esc(caption)}</caption>` : '';
  return `<div class="table-scroll" role="region" tabindex="0" aria-label="${esc(caption || 'Table')}"><table>${cap}${thead}${tbody}</table></div>`;
}

function cellHtml(c: TableCellNode, scope: 'col' | 'row', ctx: DocRenderContext): string {
  const tag = c.type === 'tableHeader' ? 'th' : 'td';
  let attrs = tag === 'th' ? ` scope="${scope}"` : '';
  if (Number.isInteger(c.attrs?.colspan) && c.attrs!.colspan! > 1) attrs += ` colspan="${c.attrs!.colspan}"`;
  if (Number.isInteger(c.attrs?.rowspan) && c.attrs!.rowspan! > 1) attrs += ` rowspan="${c.attrs!.rowspan}"`;
  const inner = c.content.length === 1 ? renderInlines(c.content[0].content, ctx) : paragraphs(c.content, ctx);
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

function paragraphs(ps: ParagraphNode[], ctx: DocRenderContext): string {
  let out = '';
  for (const p of ps) if (p.content?.length) out += `<p>${renderInlines(p.content, ctx)}</p>`;
  return out;
}

function linkOf(n: TextNode): string | null {
  const link = n.marks?.find((m) => m.type === 'link');
  return link && link.type === 'link' && isSafeHref(link.attrs.href) ? link.attrs.href : null;
}

/**
 * Adjacent text nodes under the same link become one anchor, as the reader saw it in the editor.
 * Quotes are curled across nodes (a quote may open in plain text and close in bold), never in code.
 */
function renderInlines(nodes: InlineNode[] | undefined, ctx: DocRenderContext): string {
  let out = '';
  let open: string | null = null;
  let before = '';
  for (const n of nodes ?? []) {
    const href = n.type === 'text' ? linkOf(n) : null;
    if (href !== open) {
      if (open !== null) out += '</a>';
      if (href !== null) out += openLink(href, ctx.siteUrl);
      open = href;
    }
    if (n.type === 'text') {
      const code = n.marks?.some((m) => m.type === 'code') ?? false;
      out += markedText(code ? n : { ...n, text: curlQuotes(n.text, ctx.lang, before) });
      before = n.text.at(-1) ?? before;
    } else {
      out += '<br>';
      before = ' ';
    }
  }
  if (open !== null) out += '</a>';
  return out;
}

function openLink(href: string, siteUrl: string): string {
  const external = /^https?:/i.test(href) && !(href === siteUrl || href.startsWith(`${siteUrl}/`));
  return external ? `<a href="${esc(href)}" rel="noopener">` : `<a href="${esc(href)}">`;
}

function markedText(n: TextNode): string {
  let html = esc(n.text);
  if (!n.marks) return html;
  const has = (t: string) => n.marks!.some((m) => m.type === t);
  if (has('code')) html = `<code>${html}</code>`;
  if (has('italic')) html = `<em>${html}</em>`;
  if (has('bold')) html = `<strong>${html}</strong>`;
  return html;
}
