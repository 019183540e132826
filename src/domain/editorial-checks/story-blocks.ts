import { inlineText, type Doc, type ParagraphNode } from '../articles/index.ts';
import type { BlockRange, StoryBlock, StoryBlockKind } from './editorial-checks.types.ts';

/**
 * Numbers the body's leaf blocks for finding ranges (convention documented
 * on `BlockRange`). Unlike `blockTexts`, an image always gets a number, even
 * with no caption, so image findings can point at it.
 */
export function storyBlocks(doc: Doc): StoryBlock[] {
  const out: StoryBlock[] = [];
  const push = (path: number[], kind: StoryBlockKind, text: string, image?: StoryBlock['image']) =>
    out.push({ index: out.length, path, kind, text, ...(image ? { image } : {}) });
  const paras = (ps: ParagraphNode[], base: number[], kind: StoryBlockKind) =>
    ps.forEach((p, j) => push([...base, j], kind, inlineText(p.content)));
  doc.content.forEach((b, i) => {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        return push([i], b.type, inlineText(b.content));
      case 'blockquote':
      case 'pullQuote':
        return paras(b.content, [i], b.type);
      case 'bulletList':
      case 'orderedList':
        return b.content.forEach((li, j) => paras(li.content, [i, j], 'listItem'));
      case 'image':
        return push([i], 'image', b.attrs.caption ?? '', b.attrs);
      case 'table':
        // Cells are copy: each of their paragraphs is a block, its path table → row → cell → paragraph.
        return b.content.forEach((row, r) => row.content.forEach((cell, c) => paras(cell.content, [i, r, c], 'tableCell')));
      default:
        return undefined;
    }
  });
  return out;
}

export function blockRange(block: StoryBlock, start: number, end: number): BlockRange {
  return { block: block.index, start, end, path: block.path };
}

/** Blocks whose prose the text rules read: everything but image captions, which are credits and labels. */
export function proseBlocks(blocks: readonly StoryBlock[]): StoryBlock[] {
  return blocks.filter((b) => b.kind !== 'image');
}
