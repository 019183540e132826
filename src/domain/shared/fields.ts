import { validationError, type FieldProblem } from './errors.ts';
import { isCanonicalSlug, RESERVED_SLUGS } from './slug.ts';

/**
 * Small validators for flat JSON inputs (sections, tags, people, keys):
 * an allowlist of fields, each with a checker. Unknown fields are refused
 * so `{"role":"admin"}` can never ride along on an unrelated update.
 */
export type Checker = (v: unknown) => string | null;

export const text = (max: number, required = false): Checker => (v) => {
  if (typeof v !== 'string') return 'must be a string';
  if (required && !v.trim()) return 'cannot be empty';
  if (v.length > max) return `must be at most ${max} characters`;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069]/.test(v)) return 'contains control or bidirectional-override characters';
  return null;
};

export const slug: Checker = (v) => {
  if (typeof v !== 'string' || !isCanonicalSlug(v)) return 'must be lower-case letters, digits and hyphens (at most 80)';
  if (RESERVED_SLUGS.has(v)) return `"${v}" is reserved`;
  return null;
};

export const optionalId: Checker = (v) => (v === null || (Number.isInteger(v) && (v as number) > 0) ? null : 'must be an id or null');
export const integer: Checker = (v) => (Number.isInteger(v) && Math.abs(v as number) < 1e9 ? null : 'must be an integer');
export const slugList: Checker = (v) =>
  Array.isArray(v) && v.length <= 50 && v.every((x) => slug(x) === null) ? null : 'must be a list of slugs';

export function parseFields<T>(raw: unknown, spec: Record<string, Checker>, required: string[] = []): Partial<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw validationError([{ field: 'body', message: 'the request body must be a JSON object' }]);
  }
  const src = raw as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(src)) {
    if (!Object.hasOwn(spec, key)) {
      problems.push({ field: key, message: 'is not an accepted field' });
      continue;
    }
    const msg = spec[key](src[key]);
    if (msg) problems.push({ field: key, message: msg });
    else out[key] = typeof src[key] === 'string' ? (src[key] as string).normalize('NFC').trim() : src[key];
  }
  for (const key of required) if (src[key] === undefined) problems.push({ field: key, message: 'is required' });
  if (problems.length) throw validationError(problems);
  return out as Partial<T>;
}
