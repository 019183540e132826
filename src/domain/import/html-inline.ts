import { isSafeHref, type InlineNode, type Mark, type ParagraphNode } from '../articles/index.ts';
import { DROP, kids, name, textContent, type HNode } from './html-nodes.ts';
import { imgRef, pictureOf, type Sink } from './html-pictures.ts';

/** Inline HTML into the document's text runs: only these tags become marks, only a checked href a link. */
const MARKS: Record<string, Mark> = { strong: { type: 'bold' }, b: { type: 'bold' }, em: { type: 'italic' }, i: { type: 'italic' }, cite: { type: 'italic' }, code: { type: 'code' }, kbd: { type: 'code' }, tt: { type: 'code' } };

export function preText(n: HNode): InlineNode[] {
  const out: InlineNode[] = [];
  textContent(n)
    .split('\n')
    .forEach((line, i) => {
      if (i > 0) out.push({ type: 'hardBreak' });
      if (line) out.push({ type: 'text', text: line, marks: [{ type: 'code' }] });
    });
  return out;
}

export function inlines(nodes: HNode[], marks: Mark[], sink: Sink): InlineNode[] {
  const notes = sink.notes;
  const out: InlineNode[] = [];
  for (const n of nodes) {
    if (n.type === 'text') {
      const text = (n.data ?? '').replace(/\s+/g, ' ');
      if (text) out.push(marks.length ? { type: 'text', text, marks } : { type: 'text', text });
      continue;
    }
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
    const tag = name(n);
    if (DROP.has(tag) || tag === 'iframe') notes.push(`dropped <${tag}>`);
    else if (tag === 'br') out.push({ type: 'hardBreak' });
    else if (tag === 'img') {
      const node = pictureOf(sink, imgRef(n));
      if (node) sink.hoisted.push(node);
    }
    else if (tag === 'a') {
      const href = (n.attribs?.href ?? '').trim();
      const link: Mark[] = href && isSafeHref(href) ? [...marks.filter((m) => m.type !== 'link'), { type: 'link', attrs: { href } }] : marks;
      out.push(...inlines(kids(n), link, sink));
    } else {
      const mark = MARKS[tag];
      out.push(...inlines(kids(n), mark && !marks.some((m) => m.type === mark.type) ? [...marks, mark] : marks, sink));
    }
  }
  return out;
}

/** Whitespace at the edges of a block is layout, not content; adjacent runs with the same marks merge. */
export function trimInlines(content: InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const n of content) {
    const last = merged[merged.length - 1];
    if (n.type === 'text' && last?.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(n.marks ?? [])) {
      merged[merged.length - 1] = { ...last, text: (last.text + n.text).replace(/ {2,}/g, ' ') };
    } else merged.push(n);
  }
  while (merged.length && (merged[0].type === 'hardBreak' || (merged[0].type === 'text' && !merged[0].text.trim()))) merged.shift();
  while (merged.length && (merged.at(-1)!.type === 'hardBreak' || (merged.at(-1)!.type === 'text' && !(merged.at(-1) as { text: string }).text.trim()))) merged.pop();
  if (merged[0]?.type === 'text') merged[0] = { ...merged[0], text: merged[0].text.trimStart() };
  const end = merged.at(-1);
  if (end?.type === 'text') merged[merged.length - 1] = { ...end, text: end.text.trimEnd() };
  return merged.filter((n) => n.type !== 'text' || n.text.length > 0);
}

export function paragraph(content: InlineNode[]): ParagraphNode | null {
  const c = trimInlines(content);
  return c.length ? { type: 'paragraph', content: c } : null;
}
