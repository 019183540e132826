import { validationError, type FieldProblem } from '../shared/errors.ts';
import { parseRule, type RawRule, type RuleInput } from './rules.ts';

/**
 * Ghost's redirects.json (`[{"from": "^/old/$", "to": "/new/", "permanent": true}]`)
 * as our rules. Ghost's `from` is a regular expression; we have no regex
 * rules (an editor's regex is a loop and a ReDoS waiting to happen), so only
 * the two shapes nearly every file uses are taken: a literal path (with `^`,
 * `$`, `/?` and `\/` around it) becomes an exact rule, and a literal path
 * followed by `(.*)` whose target ends in `$1` becomes a prefix rule. Any
 * other expression is reported and skipped. A target on another host comes
 * in only when the operator allows it (`external`), as everywhere else.
 */
export function rulesFromGhostRedirects(text: string, siteOrigin: string, external: boolean): { rules: RuleInput[]; skipped: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw validationError([{ field: 'file', message: 'is not JSON (Ghost redirects.json is a list of {from, to, permanent})' }]);
  }
  if (!Array.isArray(data)) throw validationError([{ field: 'file', message: 'must be a JSON list of {from, to, permanent}' }]);
  const rules: RuleInput[] = [];
  const skipped: string[] = [];
  const problems: FieldProblem[] = [];
  for (const [i, entry] of data.entries()) {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (typeof e.from !== 'string' || typeof e.to !== 'string') {
      problems.push({ field: 'file', message: `entry ${i + 1}: needs "from" and "to" strings` });
      continue;
    }
    const raw = ruleOf(e.from, e.to);
    if (!raw) {
      skipped.push(`entry ${i + 1}: ${e.from} is a regular expression`);
      continue;
    }
    const parsed = parseRule({ ...raw, status: e.permanent === true ? 301 : 302, external }, siteOrigin);
    if (parsed.rule) rules.push(parsed.rule);
    else skipped.push(`entry ${i + 1}: ${parsed.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  }
  if (problems.length) throw validationError(problems.slice(0, 20));
  return { rules, skipped };
}

const LITERAL = /^\/[^()[\]{}*+?|^$\\]*$/;

function ruleOf(from: string, to: string): RawRule | null {
  let f = from.trim().replace(/\\\//g, '/').replace(/\\\./g, '.').replace(/\\-/g, '-');
  f = f.replace(/^\^/, '').replace(/\$$/, '').replace(/\/\?$/, '/');
  const prefix = /^(.*?)\/?\(\.\*\)$/.exec(f);
  if (prefix && LITERAL.test(prefix[1] || '/') && /\$1$/.test(to)) {
    return { match: 'prefix', source: prefix[1] || '/', target: to.replace(/\/?\$1$/, '') || '/' };
  }
  if (!LITERAL.test(f) || /\$\d/.test(to)) return null;
  return { match: 'exact', source: f, target: to };
}
