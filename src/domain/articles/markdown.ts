import MarkdownIt from 'markdown-it';
import { BUILT_IN_EMBEDS, type EmbedProviders } from '../embeds/index.ts';
import { validationError } from '../shared/errors.ts';
import type { BlockNode, Doc, InlineNode, ListItemNode, Mark, ParagraphNode, TableCellNode, TableRowNode } from './document.ts';
import { isSafeHref, parseDoc } from './document.ts';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];
const attr = (t: Token, name: string): string => String(t.attrGet(name) ?? '');

/**
 * CommonMark → the editor document. Raw HTML is off (it stays literal
 * text); `#`/`##` become level-2 subheadings because the headline is the
 * page's only h1; images must point at the media library as `image:ID`;
 * an embed address alone on its line (bare or `<…>`) becomes an embed;
 * GFM tables (markdown-it's own rule) become tables, the header row of
 * header cells. Links the document does not allow are dropped, their text kept.
 */
const md = new MarkdownIt('commonmark', { html: false, linkify: false }).enable('table');

function inline(tokens: Token[] | null): InlineNode[] {
  const out: InlineNode[] = [];
  const marks: Mark[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text':
      case 'code_inline':
        if (t.content) {
          // Unsafe links are dropped, keeping their text (CommonMark already refuses javascript:).
          const safe = marks.filter((m) => m.type !== 'link' || isSafeHref(m.attrs.href));
          const m = t.type === 'code_inline' ? [...safe, { type: 'code' } as Mark] : safe;
          out.push(m.length ? { type: 'text', text: t.content, marks: m } : { type: 'text', text: t.content });
        }
        break;
      case 'softbreak':
        out.push({ type: 'text', text: ' ' });
        break;
      case 'hardbreak':
        out.push({ type: 'hardBreak' });
        break;
      case 'strong_open':
        marks.push({ type: 'bold' });
        break;
      case 'em_open':
        marks.push({ type: 'italic' });
        break;
      case 'link_open':
        marks.push({ type: 'link', attrs: { href: attr(t, 'href') } });
        break;
      case 'strong_close':
      case 'em_close':
      case 'link_close':
        marks.pop();
        break;
      case 'image':
        throw validationError([{ field: 'bodyMarkdown', message: 'images go on a line of their own: ![alt](image:ID)' }]);
      default:
        break;
    }
  }
  return mergeText(out);
}

function mergeText(nodes: InlineNode[]): InlineNode[] {
  const out: InlineNode[] = [];
  for (const n of nodes) {
    const prev = out[out.length - 1];
    if (n.type === 'text' && prev?.type === 'text' && JSON.stringify(prev.marks ?? []) === JSON.stringify(n.marks ?? [])) {
      out[out.length - 1] = { ...prev, text: prev.text + n.text };
    } else out.push(n);
  }
  return out;
}

function imageFrom(t: Token): BlockNode | null {
  const kids = t.children ?? [];
  if (kids.length !== 1 || kids[0].type !== 'image') return null;
  const img = kids[0];
  const src = attr(img, 'src');
  const m = /^image:(\d{1,9})$/.exec(src);
  if (!m) throw validationError([{ field: 'bodyMarkdown', message: `image "${src}" must be written image:ID, the id of an uploaded image` }]);
  const alt = img.children?.map((c) => c.content).join('') ?? '';
  const caption = attr(img, 'title');
  return { type: 'image', attrs: { imageId: Number(m[1]), alt, ...(caption ? { caption } : {}) } };
}

/** A paragraph that is nothing but one address the provider table knows. */
function embedFrom(t: Token, embeds: EmbedProviders): BlockNode | null {
  const kids = (t.children ?? []).filter((k) => !(k.type === 'text' && k.content.trim() === ''));
  let url: string | null = null;
  if (kids.length === 1 && kids[0].type === 'text') url = kids[0].content.trim();
  else if (kids.length === 3 && kids[0].type === 'link_open' && kids[0].markup === 'autolink') url = attr(kids[0], 'href');
  const target = url ? embeds.match(url) : null;
  return target ? { type: 'embed', attrs: { url: target.url } } : null;
}

/** Walks block tokens from `i` until `close` (or the end); returns the blocks and the next index. */
function blocks(tokens: Token[], i: number, close: string | null, embeds: EmbedProviders = BUILT_IN_EMBEDS): [BlockNode[], number] {
  const out: BlockNode[] = [];
  while (i < tokens.length) {
    const t = tokens[i];
    if (close && t.type === close) return [out, i + 1];
    if (t.type === 'paragraph_open') {
      const content = tokens[i + 1];
      const image = close === null ? (imageFrom(content) ?? embedFrom(content, embeds)) : imageFrom(content);
      out.push(image ?? { type: 'paragraph', content: inline(content.children) });
      i += 3;
    } else if (t.type === 'heading_open') {
      const level = Math.min(4, Math.max(2, Number(t.tag.slice(1)))) as 2 | 3 | 4;
      out.push({ type: 'heading', attrs: { level }, content: inline(tokens[i + 1].children) });
      i += 3;
    } else if (t.type === 'blockquote_open') {
      const [inner, next] = blocks(tokens, i + 1, 'blockquote_close');
      out.push({ type: 'blockquote', content: inner.filter((b): b is ParagraphNode => b.type === 'paragraph') });
      i = next;
    } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      const type = t.type === 'bullet_list_open' ? 'bulletList' : 'orderedList';
      const closeType = t.type.replace('_open', '_close');
      const items: ListItemNode[] = [];
      i++;
      while (i < tokens.length && tokens[i].type !== closeType) {
        const [inner, next] = blocks(tokens, i + 1, 'list_item_close');
        items.push({ type: 'listItem', content: inner.filter((b): b is ParagraphNode => b.type === 'paragraph') });
        i = next;
      }
      out.push({ type, content: items });
      i++;
    } else if (t.type === 'table_open') {
      const rows: TableRowNode[] = [];
      for (i++; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
        const k = tokens[i];
        if (k.type === 'tr_open') rows.push({ type: 'tableRow', content: [] });
        else if (k.type === 'th_open' || k.type === 'td_open') {
          const content = inline(tokens[i + 1].children);
          const cell: TableCellNode = { type: k.type === 'th_open' ? 'tableHeader' : 'tableCell', content: [content.length ? { type: 'paragraph', content } : { type: 'paragraph' }] };
          rows.at(-1)?.content.push(cell);
        }
      }
      out.push({ type: 'table', content: rows });
      i++;
    } else if (t.type === 'hr') {
      out.push({ type: 'horizontalRule' });
      i++;
    } else if (t.type === 'fence' || t.type === 'code_block') {
      out.push({ type: 'paragraph', content: [{ type: 'text', text: t.content.replace(/\n$/, ''), marks: [{ type: 'code' }] }] });
      i++;
    } else {
      i++;
    }
  }
  return [out, i];
}

export function markdownToDoc(source: string, embeds: EmbedProviders = BUILT_IN_EMBEDS): Doc {
  if (typeof source !== 'string') throw validationError([{ field: 'bodyMarkdown', message: 'must be a string' }]);
  const tokens = md.parse(source.normalize('NFC'), {});
  const [content] = blocks(tokens, 0, null, embeds);
  // Empty paragraphs (from stray markup) carry nothing; drop them.
  const cleaned = content.filter((b) => !(b.type === 'paragraph' && (!b.content || b.content.length === 0)));
  return parseDoc({ type: 'doc', content: cleaned }, 'bodyMarkdown', embeds);
}
