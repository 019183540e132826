import type { JSONContent } from '@tiptap/core';

/**
 * The editor's JSON → the stored document shape (document.ts). The schema
 * already matches; this drops what TipTap adds (list `start`, link
 * `target`/`rel`, empty attrs) so the server's allowlist never sees them.
 */
type Json = Record<string, unknown>;

function inline(nodes: JSONContent[] | undefined): Json[] | undefined {
  const out: Json[] = [];
  for (const n of nodes ?? []) {
    if (n.type === 'hardBreak') out.push({ type: 'hardBreak' });
    else if (n.type === 'text' && n.text) {
      const marks = (n.marks ?? []).flatMap((m): Json[] => {
        if (m.type === 'bold' || m.type === 'italic' || m.type === 'code') return [{ type: m.type }];
        if (m.type === 'link' && typeof m.attrs?.href === 'string') return [{ type: 'link', attrs: { href: m.attrs.href } }];
        return [];
      });
      out.push(marks.length ? { type: 'text', text: n.text, marks } : { type: 'text', text: n.text });
    }
  }
  return out.length ? out : undefined;
}

function paragraph(n: JSONContent): Json {
  const content = inline(n.content);
  return content ? { type: 'paragraph', content } : { type: 'paragraph' };
}

function paragraphs(n: JSONContent): Json[] {
  const ps = (n.content ?? []).filter((c) => c.type === 'paragraph').map(paragraph);
  return ps.length ? ps : [{ type: 'paragraph' }];
}

/** A cell keeps its spans only when they span; widths and alignment are the editor's, not the story's. */
function cell(c: JSONContent): Json {
  const attrs: Json = {};
  for (const k of ['colspan', 'rowspan']) if (Number.isInteger(c.attrs?.[k]) && c.attrs![k] > 1) attrs[k] = c.attrs![k];
  return { type: c.type === 'tableHeader' ? 'tableHeader' : 'tableCell', ...(Object.keys(attrs).length ? { attrs } : {}), content: paragraphs(c) };
}

function block(n: JSONContent): Json | null {
  switch (n.type) {
    case 'paragraph':
      return paragraph(n);
    case 'heading': {
      const content = inline(n.content);
      return { type: 'heading', attrs: { level: Math.min(4, Math.max(2, Number(n.attrs?.level) || 2)) }, ...(content ? { content } : {}) };
    }
    case 'blockquote':
      return { type: 'blockquote', content: paragraphs(n) };
    case 'pullQuote': {
      const attribution = String(n.attrs?.attribution ?? '').trim();
      return { type: 'pullQuote', attrs: attribution ? { attribution } : {}, content: paragraphs(n) };
    }
    case 'bulletList':
    case 'orderedList':
      return { type: n.type, content: (n.content ?? []).map((li) => ({ type: 'listItem', content: paragraphs(li) })) };
    case 'image': {
      const a = n.attrs ?? {};
      const attrs: Json = { imageId: Number(a.imageId) };
      for (const k of ['alt', 'caption', 'credit']) if (typeof a[k] === 'string' && a[k]) attrs[k] = a[k];
      return { type: 'image', attrs };
    }
    case 'horizontalRule':
      return { type: 'horizontalRule' };
    case 'table': {
      const caption = String(n.attrs?.caption ?? '').trim();
      const rows = (n.content ?? []).map((row) => ({ type: 'tableRow', content: (row.content ?? []).map(cell) }));
      return { type: 'table', ...(caption ? { attrs: { caption } } : {}), content: rows };
    }
    case 'embed': {
      // Title, thumbnail and player go back as they came, so a save does not fetch them again.
      const a = n.attrs ?? {};
      const attrs: Json = { url: String(a.url ?? '') };
      for (const k of ['title', 'caption', 'player']) if (typeof a[k] === 'string' && a[k]) attrs[k] = a[k];
      if (Number.isInteger(a.thumbnailId) && a.thumbnailId > 0) attrs.thumbnailId = a.thumbnailId;
      return { type: 'embed', attrs };
    }
    default:
      return null;
  }
}

/** A trailing empty paragraph is the editor's cursor room, not part of the story. */
export function toStoredDoc(json: JSONContent): { type: 'doc'; content: Json[] } {
  const content = (json.content ?? []).map(block).filter((b): b is Json => b !== null);
  while (content.length && content[content.length - 1].type === 'paragraph' && !content[content.length - 1].content) content.pop();
  return { type: 'doc', content };
}
