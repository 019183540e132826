import {
  layOutTable, MAX_TABLE_CAPTION, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS,
  type InlineNode, type ParagraphNode, type TableCellNode, type TableNode, type TableRowNode,
} from '../articles/index.ts';
import { kids, name, textContent, type HNode } from './html-nodes.ts';

/** Reads a cell's HTML into paragraphs (html-to-doc.ts's converter, so a cell is sanitised as any block is). */
export type CellReader = (nodes: HNode[]) => ParagraphNode[];

export interface ReadTable {
  table: TableNode;
  /** Past the document's limits (document-table.ts): the caller keeps it as text instead. */
  tooBig: boolean;
}

/**
 * An HTML `<table>` as the document's table. Rows come in the order a
 * browser shows them: `thead`, then the body rows, then `tfoot` (the document
 * has no footer rows, so a footer is the last body rows); a rowspan stays in
 * its row group. `th` is a header
 * cell, `td` a data cell; colspan and rowspan are kept (the editor and the
 * page have them too), fitted as a browser fits them: a span past the table's
 * end or into a cell spanning from above is shortened, a short row padded
 * with empty cells. A table inside a cell reaches the reader as that cell's
 * text (toParagraphs in html-to-doc.ts). Returns null for a table with no text.
 */
export function readTable(n: HNode, read: CellReader, figcaption = ''): ReadTable | null {
  const head: HNode[][] = [];
  const body: HNode[][] = [];
  const foot: HNode[][] = [];
  let caption = figcaption;
  let loose: HNode[] | null = null;
  for (const k of kids(n)) {
    const tag = name(k);
    if (tag === 'tr') {
      if (!loose) body.push((loose = []));
      loose.push(k);
      continue;
    }
    loose = null;
    const rows = kids(k).filter((r) => name(r) === 'tr');
    if (tag === 'thead') head.push(rows);
    else if (tag === 'tbody') body.push(rows);
    else if (tag === 'tfoot') foot.push(rows);
    else if (tag === 'caption') caption = textContent(k);
  }
  const rows: TableRowNode[] = [];
  for (const group of [...head, ...body, ...foot]) {
    const start = rows.length;
    for (const tr of group) {
      const cells = kids(tr).filter((c) => name(c) === 'td' || name(c) === 'th').map((c) => cellOf(c, read));
      if (cells.length) rows.push({ type: 'tableRow', content: cells });
    }
    // A rowspan ends with its row group, as in a browser: a body cell never reaches into the footer.
    rows.slice(start).forEach((r, i) => r.content.forEach((c) => c.attrs?.rowspan && setSpans(c, c.attrs.colspan ?? 1, Math.min(c.attrs.rowspan, rows.length - start - i))));
  }
  caption = caption.replace(/\s+/g, ' ').trim().slice(0, MAX_TABLE_CAPTION).trim();
  const hasText = rows.some((r) => r.content.some((c) => c.content.some((p) => p.content?.length)));
  if (!hasText && !caption) return null;
  const table: TableNode = { type: 'table', ...(caption ? { attrs: { caption } } : {}), content: rows };
  const cellCount = rows.reduce((sum, r) => sum + r.content.length, 0);
  if (!rows.length || rows.length > MAX_TABLE_ROWS || cellCount > MAX_TABLE_CELLS) return { table, tooBig: true };
  const spans = rows.map((r) => r.content.map((c) => ({ colspan: c.attrs?.colspan ?? 1, rowspan: c.attrs?.rowspan ?? 1 })));
  const grid = layOutTable(spans, true);
  if (grid.problems.length) return { table, tooBig: true };
  rows.forEach((r, i) => {
    r.content.forEach((c, j) => setSpans(c, spans[i][j].colspan, spans[i][j].rowspan));
    const type = r.content.every((c) => c.type === 'tableHeader') ? 'tableHeader' : 'tableCell';
    for (let m = 0; m < grid.missing[i]; m++) r.content.push({ type, content: [{ type: 'paragraph' }] });
  });
  return { table, tooBig: false };
}

function span(value: string | undefined, max: number, zero: number): number {
  const v = Number.parseInt(value ?? '', 10);
  if (v === 0) return zero;
  return Number.isFinite(v) && v > 1 ? Math.min(v, max) : 1;
}

function cellOf(c: HNode, read: CellReader): TableCellNode {
  const content = read(kids(c));
  const cell: TableCellNode = { type: name(c) === 'th' ? 'tableHeader' : 'tableCell', content: content.length ? content : [{ type: 'paragraph' }] };
  // rowspan="0" is HTML's "to the end of the table" (layOutTable shortens it to that); colspan="0" is 1.
  setSpans(cell, span(c.attribs?.colspan, MAX_TABLE_COLUMNS, 1), span(c.attribs?.rowspan, MAX_TABLE_ROWS, MAX_TABLE_ROWS));
  return cell;
}

function setSpans(cell: TableCellNode, colspan: number, rowspan: number): void {
  const attrs: { colspan?: number; rowspan?: number } = {};
  if (colspan > 1) attrs.colspan = colspan;
  if (rowspan > 1) attrs.rowspan = rowspan;
  if (attrs.colspan || attrs.rowspan) cell.attrs = attrs;
  else delete cell.attrs;
}

/**
 * A table as lines of text, one paragraph a row, cells joined by ` | `, their
 * marks and links kept: how a table nested in a cell, or one past the limits,
 * still reaches the reader.
 */
export function tableAsParagraphs(t: TableNode): ParagraphNode[] {
  const out: ParagraphNode[] = [];
  if (t.attrs?.caption) out.push({ type: 'paragraph', content: [{ type: 'text', text: t.attrs.caption }] });
  for (const row of t.content) {
    const content: InlineNode[] = [];
    for (const cell of row.content) {
      const text = cell.content.flatMap((p, i) => [...(i > 0 ? [{ type: 'text' as const, text: ' ' }] : []), ...(p.content ?? [])]);
      if (!text.length) continue;
      if (content.length) content.push({ type: 'text', text: ' | ' });
      content.push(...text);
    }
    if (content.length) out.push({ type: 'paragraph', content });
  }
  return out;
}
