import type { Finding, FindingRange } from './editorial-checks.types.ts';

const where = (r: FindingRange): string => ('block' in r ? `${r.block}:${r.start}-${r.end}` : `${r.field}:${r.start}-${r.end}`);

/** One line per finding for the CLI and logs: `severity ruleId where[,where…] message (suggestion: …)`. */
export function formatFinding(f: Finding): string {
  const places = (f.ranges?.length ? f.ranges : [f.range]).map(where).join(',');
  return `${f.severity} ${f.ruleId} ${places} ${f.message}${f.suggestion ? ` (suggestion: ${f.suggestion})` : ''}`;
}
