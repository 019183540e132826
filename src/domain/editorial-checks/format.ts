import type { Finding } from './editorial-checks.types.ts';

/** One line per finding for the CLI and logs: `severity ruleId where message (suggestion: …)`. */
export function formatFinding(f: Finding): string {
  const where = 'block' in f.range ? `${f.range.block}:${f.range.start}-${f.range.end}` : `${f.range.field}:${f.range.start}-${f.range.end}`;
  return `${f.severity} ${f.ruleId} ${where} ${f.message}${f.suggestion ? ` (suggestion: ${f.suggestion})` : ''}`;
}
