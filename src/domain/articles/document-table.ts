import type { ParagraphNode } from './document.ts';

/**
 * A table in the story body: rows of cells, each cell paragraphs of marked
 * text, like a list item. `tableHeader` cells are the labels (rendered `th`),
 * `tableCell` the data. It is the editor's table (@tiptap/extension-table)
 * with cells narrowed to paragraphs, so the stored shape is the editor's and
 * check findings (`path`) map onto it as they do for lists.
 */
export interface TableCellNode {
  type: 'tableCell' | 'tableHeader';
  /** Only when above 1; spans are kept (editor, import) and rendered back. */
  attrs?: { colspan?: number; rowspan?: number };
  content: ParagraphNode[];
}
export interface TableRowNode {
  type: 'tableRow';
  content: TableCellNode[];
}
export interface TableNode {
  type: 'table';
  attrs?: { caption?: string };
  content: TableRowNode[];
}

/**
 * Limits. 20 columns: past that a table is a spreadsheet no phone reader can
 * follow even scrolling sideways. 500 rows and 2,500 cells: every cell costs
 * the body three nodes or more (cell, paragraph, text), so one full table
 * stays well inside the document's 20,000 nodes and leaves room for the story
 * around it; a bigger data set belongs in a download, not in the copy.
 */
export const MAX_TABLE_COLUMNS = 20;
export const MAX_TABLE_ROWS = 500;
export const MAX_TABLE_CELLS = 2_500;
export const MAX_TABLE_CAPTION = 300;

export interface Span {
  colspan: number;
  rowspan: number;
}

export interface GridProblem {
  row: number;
  cell?: number;
  message: string;
}

export interface Grid {
  /** Columns of the widest row. */
  width: number;
  /** Per row: columns left empty, which an import fills with empty cells. */
  missing: number[];
  /** Per row, per cell: the column it starts in (-1 for a cell past the column limit). */
  columns: number[][];
  problems: GridProblem[];
}

/**
 * Places cells as HTML does: each in the first free column of its row, its
 * spans reserving the slots to the right and below. With `fit` (an import),
 * a span that runs past the last row or into a cell from above is shortened
 * to what is free; without it (validation) that is a problem, and so is a
 * row narrower than the widest. Spans are read as given (callers bound them).
 */
export function layOutTable(rows: Span[][], fit: boolean): Grid {
  const taken: boolean[][] = rows.map(() => []);
  const problems: GridProblem[] = [];
  const columns: number[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    cells.forEach((cell, i) => {
      while (taken[r][c]) c++;
      columns[r].push(-1);
      if (r + cell.rowspan > rows.length) {
        if (!fit) problems.push({ row: r, cell: i, message: `rowspan ${cell.rowspan} runs past the table's last row` });
        cell.rowspan = rows.length - r;
      }
      let free = 0;
      while (free < cell.colspan && !taken[r][c + free]) free++;
      if (free < cell.colspan) {
        if (!fit) problems.push({ row: r, cell: i, message: 'overlaps a cell that spans down from a row above' });
        cell.colspan = free;
      }
      if (c + cell.colspan > MAX_TABLE_COLUMNS) {
        problems.push({ row: r, cell: i, message: `the table is wider than ${MAX_TABLE_COLUMNS} columns` });
        return;
      }
      for (let dr = 0; dr < cell.rowspan; dr++) for (let dc = 0; dc < cell.colspan; dc++) taken[r + dr][c + dc] = true;
      columns[r][i] = c;
      c += cell.colspan;
    });
  });
  const filled = taken.map((row) => row.filter(Boolean).length);
  const width = Math.max(0, ...taken.map((row) => row.length));
  const missing = filled.map((n) => width - n);
  if (!fit) {
    missing.forEach((m, r) => {
      if (m > 0) problems.push({ row: r, message: `fills ${filled[r]} of the table's ${width} columns: every row must be as wide as the widest (colspan and rowspan count)` });
    });
  }
  return { width, missing, columns, problems };
}

/** What the validator lends the table check (document.ts), so paragraphs and marks are checked one way. */
export interface TableChecker {
  nodes: number;
  fail(path: string, message: string): void;
  isObj(v: unknown): v is Record<string, unknown>;
  paragraphs(content: unknown, path: string): void;
}

const isSpan = (v: unknown, max: number) => v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= max);

/** Checks one table node; keeps only the attributes the document has (the editor adds widths and alignment). */
export function checkTable(v: TableChecker, t: Record<string, unknown>, path: string): void {
  const a = v.isObj(t.attrs) ? t.attrs : {};
  const caption = typeof a.caption === 'string' ? a.caption.trim() : a.caption;
  if (caption !== undefined && caption !== null && (typeof caption !== 'string' || caption.length > MAX_TABLE_CAPTION)) {
    v.fail(`${path}.attrs.caption`, `must be a string of at most ${MAX_TABLE_CAPTION} characters`);
  }
  if (typeof caption === 'string' && caption) t.attrs = { caption };
  else delete t.attrs;
  const rows = t.content;
  if (!Array.isArray(rows) || rows.length === 0) return v.fail(`${path}.content`, 'must hold at least one tableRow');
  if (rows.length > MAX_TABLE_ROWS) return v.fail(`${path}.content`, `has ${rows.length} rows; a table holds at most ${MAX_TABLE_ROWS}`);
  const spans: Span[][] = [];
  let cells = 0;
  rows.forEach((row, r) => {
    const rp = `${path}.content[${r}]`;
    v.nodes++;
    spans.push([]);
    if (!v.isObj(row) || row.type !== 'tableRow') return v.fail(rp, 'must be a tableRow');
    if (!Array.isArray(row.content) || row.content.length === 0) return v.fail(`${rp}.content`, 'must hold at least one tableCell or tableHeader');
    cells += row.content.length;
    row.content.forEach((cell, i) => {
      const cp = `${rp}.content[${i}]`;
      v.nodes++;
      if (!v.isObj(cell) || (cell.type !== 'tableCell' && cell.type !== 'tableHeader')) return v.fail(cp, 'must be a tableCell or tableHeader');
      const ca = v.isObj(cell.attrs) ? cell.attrs : {};
      if (!isSpan(ca.colspan, MAX_TABLE_COLUMNS)) v.fail(`${cp}.attrs.colspan`, `must be a whole number from 1 to ${MAX_TABLE_COLUMNS}`);
      if (!isSpan(ca.rowspan, MAX_TABLE_ROWS)) v.fail(`${cp}.attrs.rowspan`, `must be a whole number from 1 to ${MAX_TABLE_ROWS}`);
      const span = { colspan: Number(ca.colspan ?? 1) || 1, rowspan: Number(ca.rowspan ?? 1) || 1 };
      spans[r].push(span);
      const kept: Partial<Span> = {};
      if (span.colspan > 1) kept.colspan = span.colspan;
      if (span.rowspan > 1) kept.rowspan = span.rowspan;
      if (Object.keys(kept).length) cell.attrs = kept;
      else delete cell.attrs;
      const nested = Array.isArray(cell.content) ? cell.content.findIndex((p) => v.isObj(p) && p.type === 'table') : -1;
      if (nested >= 0) return v.fail(`${cp}.content[${nested}]`, 'tables do not nest: a cell holds paragraphs');
      v.paragraphs(cell.content, cp);
    });
  });
  if (cells > MAX_TABLE_CELLS) return v.fail(`${path}.content`, `has ${cells} cells; a table holds at most ${MAX_TABLE_CELLS}`);
  for (const p of layOutTable(spans, false).problems.slice(0, 5)) {
    v.fail(`${path}.content[${p.row}]${p.cell === undefined ? '' : `.content[${p.cell}]`}`, p.message);
  }
}

/**
 * Rows that label the columns: the leading rows made only of header cells
 * (the `thead`). A table of nothing but header rows keeps only its first
 * there, so it still has a body.
 */
/** The spans of a stored table's cells, for layOutTable. */
export function tableSpans(t: TableNode): Span[][] {
  return t.content.map((r) => r.content.map((c) => ({ colspan: c.attrs?.colspan ?? 1, rowspan: c.attrs?.rowspan ?? 1 })));
}

export function headerRowCount(t: TableNode): number {
  let n = 0;
  while (n < t.content.length && t.content[n].content.every((c) => c.type === 'tableHeader')) n++;
  return n === t.content.length ? Math.min(n, 1) : n;
}
