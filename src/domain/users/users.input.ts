import { isRole, type Role } from '../access/index.ts';
import { validationError, type FieldProblem } from '../shared/errors.ts';

// Bidi overrides/isolates and other invisible controls would let a name
// reorder the admin UI around it (docs/architecture.md, hostile input: unicode); C0/C1 controls
// include CR/LF, which must never reach a mail header.
const BAD_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
// Deliberately plain: one @, no spaces or controls, a dot in the domain.
const EMAIL = /^[^\s@"<>()[\]\\,;:]{1,64}@[^\s@"<>()[\]\\,;:]+\.[^\s@"<>()[\]\\,;:]{2,}$/u;

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
}

/** Emails compare case-insensitively: stored NFC, trimmed and lower-cased. */
export function normalizeEmail(raw: unknown): string {
  return typeof raw === 'string' ? raw.normalize('NFC').trim().toLowerCase() : '';
}

export function emailProblem(raw: unknown): string | null {
  const email = normalizeEmail(raw);
  if (!email) return 'is required';
  if (email.length > 254 || BAD_CHARS.test(email) || !EMAIL.test(email)) return 'must be an email address such as name@example.com';
  return null;
}

export function nameProblem(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw.trim()) return 'is required';
  if (raw.trim().length > 100) return 'must be at most 100 characters';
  if (BAD_CHARS.test(raw)) return 'contains invisible or control characters';
  return null;
}

export function checkNewUser(input: { email?: unknown; name?: unknown; role?: unknown }): NewUserInput {
  const problems: FieldProblem[] = [];
  const e = emailProblem(input.email);
  if (e) problems.push({ field: 'email', message: e });
  const n = nameProblem(input.name);
  if (n) problems.push({ field: 'name', message: n });
  if (!isRole(input.role)) problems.push({ field: 'role', message: 'must be contributor, author, editor, moderator or admin' });
  if (problems.length) throw validationError(problems);
  return { email: normalizeEmail(input.email), name: (input.name as string).normalize('NFC').trim(), role: input.role as Role };
}
