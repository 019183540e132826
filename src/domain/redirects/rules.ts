import { SITE_OWNED_NAMES } from '../shared/slug.ts';
import type { FieldProblem } from '../shared/errors.ts';

/**
 * An editor's redirect rule and the checks it passes before it is stored.
 * Paths are kept in one canonical form, `encodeURI(decodeURI(p))`: ASCII
 * only, so a stored target can go into a Location header as it is (no
 * CR/LF, no ERR_INVALID_CHAR), and `/caf%C3%A9` and `/café` are one source.
 */
export const RULE_MATCHES = ['exact', 'prefix'] as const;
export type RuleMatch = (typeof RULE_MATCHES)[number];
export const RULE_STATUSES = [301, 302, 410] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export interface RuleInput {
  match: RuleMatch;
  source: string;
  target: string;
  status: RuleStatus;
}

export interface RedirectRule extends RuleInput {
  id: number;
  createdAt: string;
  updatedAt: string;
}

/** What the site answers a path with, after the rules. */
export type RuleOutcome = { status: 301 | 302; location: string; rule: RuleInput } | { status: 410; rule: RuleInput };

const MAX_SOURCE = 1000;
const MAX_TARGET = 2000;
/** Longer chains are refused as loops: a reader's browser gives up after about 20 hops anyway. */
export const MAX_HOPS = 10;
// C0 controls, DEL, C1 controls, and the bidi overrides that make a path read as another.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The canonical form of a path, or null when its percent-encoding is broken. */
export function canonicalPath(p: string): string | null {
  try {
    return encodeURI(decodeURI(p).normalize('NFC'));
  } catch {
    return null;
  }
}

/** Exact sources ignore one trailing slash, as readers type both. */
const trimSlash = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);

function checkSource(raw: string): { value?: string; problem?: string } {
  if (raw.length > MAX_SOURCE) return { problem: `must be at most ${MAX_SOURCE} characters` };
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return { problem: 'must be a path on this site, starting with a single /' };
  if (/[?#]/.test(raw)) return { problem: 'must be a path only: rules match the path, without ?query or #fragment' };
  let decoded: string;
  try {
    decoded = decodeURI(raw);
  } catch {
    return { problem: 'has broken %-encoding' };
  }
  if (CONTROL.test(raw) || CONTROL.test(decoded) || /%0[ad]/i.test(decoded)) return { problem: 'contains control characters (line breaks, tabs)' };
  const value = trimSlash(canonicalPath(raw)!);
  const first = decoded.split('/')[1] ?? '';
  if (SITE_OWNED_NAMES.has(first.toLowerCase())) return { problem: `/${first} belongs to the site itself; a rule there would never be used` };
  return { value };
}

/**
 * A target is a path on this site (one leading /) or an absolute http(s)
 * URL. Another host is an open redirect unless the editor says so: only
 * `external` lets one through. Our own SITE_URL's origin is kept as a path.
 */
function checkTarget(raw: string, match: RuleMatch, siteOrigin: string, external: boolean): { value?: string; problem?: string } {
  if (!raw) return { problem: 'is required for 301 and 302' };
  if (raw.length > MAX_TARGET) return { problem: `must be at most ${MAX_TARGET} characters` };
  if (CONTROL.test(raw) || /\s/.test(raw)) return { problem: 'contains spaces or control characters (line breaks are how headers are forged)' };
  if (raw.includes('\\')) return { problem: 'contains a backslash' };
  let decoded: string;
  try {
    decoded = decodeURI(raw);
  } catch {
    return { problem: 'has broken %-encoding' };
  }
  if (CONTROL.test(decoded)) return { problem: 'contains encoded control characters' };
  let value: string;
  if (raw.startsWith('/')) {
    if (raw.startsWith('//')) return { problem: 'starts with //, which browsers read as another site; write https://host/… and allow another site' };
    value = canonicalPath(raw)!;
  } else if (/^https?:\/\//i.test(raw)) {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { problem: 'is not a valid URL' };
    }
    if (url.username || url.password) return { problem: 'must not carry a user name or password' };
    if (url.origin === siteOrigin) value = canonicalPath(url.pathname + url.search + url.hash)!;
    else if (!external) return { problem: `points to another site (${url.host}); allow another site explicitly to keep it` };
    else value = url.href;
  } else {
    return { problem: 'must be a path starting with / or an http(s):// address' };
  }
  if (match === 'prefix' && /[?#]/.test(value)) return { problem: 'of a prefix rule is a path the rest of the address is added to, so it cannot have ?query or #fragment' };
  return { value };
}

export interface RawRule {
  match?: unknown;
  source?: unknown;
  target?: unknown;
  status?: unknown;
  /** Lets a target on another host through (an explicit choice: otherwise it is an open redirect). */
  external?: unknown;
}

/** A rule ready to store, or the problems with each field. */
export function parseRule(raw: RawRule, siteOrigin: string): { rule?: RuleInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const match = raw.match ?? 'exact';
  if (typeof match !== 'string' || !(RULE_MATCHES as readonly string[]).includes(match)) problems.push({ field: 'match', message: 'must be exact or prefix' });
  const status = typeof raw.status === 'string' && /^\d{3}$/.test(raw.status) ? Number(raw.status) : raw.status ?? 301;
  if (!(RULE_STATUSES as readonly unknown[]).includes(status)) problems.push({ field: 'status', message: 'must be 301, 302 or 410' });
  const external = raw.external === true || raw.external === 'true' || raw.external === 'on' || raw.external === '1';
  const source = typeof raw.source === 'string' ? checkSource(raw.source.trim()) : { problem: 'is required' };
  if (source.problem) problems.push({ field: 'source', message: source.problem });
  else if (source.value === '/' && match === 'exact') problems.push({ field: 'source', message: '/ is the front page; a rule there would never be used' });
  const targetRaw = raw.target === undefined || raw.target === null ? '' : raw.target;
  let target = '';
  if (typeof targetRaw !== 'string') problems.push({ field: 'target', message: 'must be a string' });
  else if (status === 410) {
    if (targetRaw.trim()) problems.push({ field: 'target', message: 'must be empty for 410 Gone' });
  } else if ((RULE_STATUSES as readonly unknown[]).includes(status)) {
    const t = checkTarget(targetRaw.trim(), match as RuleMatch, siteOrigin, external);
    if (t.problem) problems.push({ field: 'target', message: t.problem });
    else target = t.value!;
  }
  if (problems.length) return { problems };
  return { rule: { match: match as RuleMatch, source: source.value!, target, status: status as RuleStatus }, problems };
}

/** True when the target leaves this site. */
export const isExternal = (target: string) => /^https?:\/\//i.test(target);

/**
 * The rules as a matcher: an exact rule first, else the longest prefix
 * rule whose source is the path or a whole-segment start of it (`/blog`
 * takes `/blog/x`, never `/blogger`).
 */
export class RuleSet {
  private readonly exact = new Map<string, RuleInput>();
  private readonly prefix = new Map<string, RuleInput>();

  constructor(rules: Iterable<RuleInput>) {
    for (const r of rules) (r.match === 'exact' ? this.exact : this.prefix).set(r.source, r);
  }

  match(path: string): RuleInput | null {
    const p = trimSlash(path);
    const exact = this.exact.get(p);
    if (exact) return exact;
    for (const candidate of prefixesOf(p)) {
      const r = this.prefix.get(candidate);
      if (r) return r;
    }
    return null;
  }

  resolve(path: string): RuleOutcome | null {
    const rule = this.match(path);
    return rule ? outcomeOf(rule, path) : null;
  }
}

/** `/a/b/c` → `/a/b/c`, `/a/b`, `/a`, `/`: the sources a prefix rule may have, longest first. */
export function prefixesOf(path: string): string[] {
  const out: string[] = [];
  let p = trimSlash(path);
  for (;;) {
    out.push(p);
    if (p === '/') return out;
    const cut = p.lastIndexOf('/');
    p = cut <= 0 ? '/' : p.slice(0, cut);
  }
}

/** Where a rule sends a path it matched: a prefix rule carries the rest of the path over. */
export function outcomeOf(rule: RuleInput, path: string): RuleOutcome {
  if (rule.status === 410) return { status: 410, rule };
  if (rule.match === 'exact') return { status: rule.status, location: rule.target, rule };
  const p = trimSlash(path);
  const rest = rule.source === '/' ? p.slice(1) : p.slice(rule.source.length).replace(/^\//, '');
  const base = rule.target.endsWith('/') ? rule.target : `${rule.target}/`;
  return { status: rule.status, location: rest ? base + rest : rule.target, rule };
}

/** A segment no reader's path is likely to have: the rest a prefix rule's chain is followed with. */
const PROBE = 'x-dateline-probe';

/**
 * Refuses a rule set in which some address would bounce for ever or longer
 * than MAX_HOPS: `/a → /b → /a`, and `/a → /a/b` as a prefix rule (every
 * hop grows the path). Each rule's own source (and, for a prefix rule, a
 * path below it) is followed through the set; the chain that fails is named.
 */
export interface Loop {
  /** The addresses visited, in order; the last repeats an earlier one unless `tooLong`. */
  chain: string[];
  tooLong: boolean;
}

export function findLoop(set: RuleSet, rules: Iterable<RuleInput>): Loop | null {
  for (const r of rules) {
    const starts = r.match === 'prefix' ? [r.source, r.source === '/' ? `/${PROBE}` : `${r.source}/${PROBE}`] : [r.source];
    for (const start of starts) {
      const chain = follow(set, start);
      if (chain) return chain;
    }
  }
  return null;
}

function follow(set: RuleSet, start: string): Loop | null {
  const seen = [trimSlash(start)];
  let cur = start;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const out = set.resolve(cur);
    if (!out || out.status === 410 || isExternal(out.location)) return null;
    const next = trimSlash(out.location.replace(/[?#].*$/, ''));
    if (seen.includes(next)) return { chain: [...seen, next], tooLong: false };
    seen.push(next);
    cur = next;
  }
  return { chain: seen, tooLong: true };
}
