import { AppError, validationError, type FieldProblem } from '../shared/errors.ts';
import { isExternal, parseRule, type RawRule, type RuleInput } from './rules.ts';

/**
 * Redirect rules as CSV (RFC 4180: quoted fields, "" inside quotes, CRLF or
 * LF). The first line names the columns: `source,target,status,match,external`
 * in any order; only `source` is required (status defaults to 301, match
 * to exact). Bounded: a file over MAX_CSV_BYTES or MAX_CSV_ROWS is refused
 * whole before any row is looked at.
 */
export const MAX_CSV_BYTES = 2 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;
const COLUMNS = ['source', 'target', 'status', 'match', 'external'] as const;
/** How many bad rows an answer lists: enough to fix a file, not a 20,000-line error. */
const MAX_REPORTED = 20;

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endCell = () => (row.push(cell), (cell = ''));
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (cell += c), i++;
      continue;
    }
    if (c === '"' && cell === '') (quoted = true), i++;
    else if (c === ',') endCell(), i++;
    else if (c === '\r' || c === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else (cell += c), i++;
    if (rows.length > MAX_CSV_ROWS + 1) throw new AppError('PAYLOAD_TOO_LARGE', `at most ${MAX_CSV_ROWS} rules per file`, { field: 'file' });
  }
  if (quoted) throw validationError([{ field: 'file', message: `line ${rows.length + 1}: a quoted field is never closed` }]);
  if (cell !== '' || row.length) endCell(), rows.push(row);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** Every row of a file checked; all problems (the first MAX_REPORTED) or the rules in file order. */
export function rulesFromCsv(text: string, siteOrigin: string): RuleInput[] {
  if (Buffer.byteLength(text, 'utf8') > MAX_CSV_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `the file is over ${MAX_CSV_BYTES / 1024 / 1024} MB`, { field: 'file' });
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!rows.length) throw validationError([{ field: 'file', message: 'the file is empty' }]);
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  if (!header.includes('source') || unknown.length) {
    throw validationError([{ field: 'file', message: `line 1 must name the columns (${COLUMNS.join(', ')}; source is required)${unknown.length ? `, not ${unknown.join(', ')}` : ''}` }]);
  }
  const problems: FieldProblem[] = [];
  const rules: RuleInput[] = [];
  const seen = new Map<string, number>();
  for (const [n, cells] of rows.slice(1).entries()) {
    const line = n + 2;
    const raw: Record<string, string> = {};
    header.forEach((h, i) => (raw[h] = (cells[i] ?? '').trim()));
    const parsed = parseRule({ ...raw, status: raw.status || undefined, match: raw.match || undefined, external: /^(yes|true|1)$/i.test(raw.external ?? '') } as RawRule, siteOrigin);
    for (const p of parsed.problems) problems.push({ field: 'file', message: `line ${line}: ${p.field} ${p.message}` });
    if (!parsed.rule) continue;
    const key = `${parsed.rule.match} ${parsed.rule.source}`;
    const dup = seen.get(key);
    if (dup) problems.push({ field: 'file', message: `line ${line}: ${parsed.rule.source} is already on line ${dup}` });
    seen.set(key, line);
    rules.push(parsed.rule);
  }
  if (problems.length) {
    const shown = problems.slice(0, MAX_REPORTED);
    if (problems.length > shown.length) shown.push({ field: 'file', message: `…and ${problems.length - shown.length} more` });
    const count = problems.length === 1 ? 'One row is wrong' : `${problems.length} rows are wrong`;
    throw new AppError('VALIDATION_FAILED', `${count}; nothing was imported. ${shown[0].message}`, { problems: shown });
  }
  return rules;
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The rules as a file `rulesFromCsv` reads back. Every stored source and
 * target begins with / or http, so no cell can start a spreadsheet formula.
 */
export function rulesToCsv(rules: readonly RuleInput[]): string {
  const lines = ['source,target,status,match,external'];
  for (const r of rules) lines.push([r.source, r.target, String(r.status), r.match, isExternal(r.target) ? 'yes' : ''].map(quote).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
