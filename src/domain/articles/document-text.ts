import type { Doc, ImageNode, InlineNode, ParagraphNode } from './document.ts';

export function inlineText(content: InlineNode[] | undefined): string {
  if (!content) return '';
  return content.map((n) => (n.type === 'text' ? n.text : '\n')).join('');
}

/** Plain text of each block, in order: what search, word counts and checks read. A table's caption and each cell's paragraphs are copy too. */
export function blockTexts(doc: Doc): string[] {
  const out: string[] = [];
  const paras = (ps: ParagraphNode[]) => ps.forEach((p) => out.push(inlineText(p.content)));
  for (const b of doc.content) {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        out.push(inlineText(b.content));
        break;
      case 'blockquote':
      case 'pullQuote':
        paras(b.content);
        break;
      case 'bulletList':
      case 'orderedList':
        b.content.forEach((li) => paras(li.content));
        break;
      case 'image':
        if (b.attrs.caption) out.push(b.attrs.caption);
        break;
      case 'table':
        if (b.attrs?.caption) out.push(b.attrs.caption);
        b.content.forEach((row) => row.content.forEach((cell) => paras(cell.content)));
        break;
      default:
        break;
    }
  }
  return out;
}

export function docText(doc: Doc): string {
  return blockTexts(doc).filter(Boolean).join('\n\n');
}

export function wordCount(text: string): number {
  const m = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}

/** The body's own pictures, without embed thumbnails (a provider's frame grab is no story's lead image). */
export function pictureIdsOf(doc: Doc): number[] {
  return doc.content.filter((b): b is ImageNode => b.type === 'image').map((b) => b.attrs.imageId);
}

/** Images the body shows: its pictures and its embeds' thumbnails (stored as media, so they are ours to serve). */
export function imageIdsOf(doc: Doc): number[] {
  const ids: number[] = [];
  for (const b of doc.content) {
    if (b.type === 'image') ids.push(b.attrs.imageId);
    else if (b.type === 'embed' && b.attrs.thumbnailId) ids.push(b.attrs.thumbnailId);
  }
  return ids;
}

