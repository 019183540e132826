import { commentError, type CommentError, type RawSubmission } from '../../../domain/comments/index.ts';
import { AppError } from '../../../domain/shared/errors.ts';
import type { FormState } from './comment-form.tsx';

/** Form field names → the domain's submission fields. Unknown fields are ignored (no mass assignment). */
export function rawFromBody(body: unknown): RawSubmission {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return {
    name: b.name,
    email: b.email,
    authorUrl: b.author_url ?? b.authorUrl,
    body: b.body,
    parentId: b.parent_id ?? b.parentId,
    notify: b.notify,
    website: b.website,
    altcha: b.altcha,
    captchaId: b.captcha_id ?? b.captchaId,
    captchaAnswer: b.captcha_answer ?? b.captchaAnswer,
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What goes back into the form: the reader's text, never the CAPTCHA answer or the honeypot. */
export function formValues(raw: RawSubmission): FormState['values'] {
  return {
    name: str(raw.name).slice(0, 400),
    email: str(raw.email).slice(0, 400),
    authorUrl: str(raw.authorUrl).slice(0, 2000),
    body: str(raw.body).slice(0, 40_000),
    parentId: /^\d{1,10}$/.test(str(raw.parentId)) ? str(raw.parentId) : '',
    notify: raw.notify === 'on' || raw.notify === true,
  };
}

export function errorState(raw: RawSubmission, err: CommentError): FormState {
  const errors: Record<string, string> = {};
  for (const p of err.commentProblems) errors[p.field] ??= p.message;
  return { values: formValues(raw), errors, message: err.commentProblems.length > 1 ? `Please correct the ${err.commentProblems.length} problems below.` : err.message, notice: null };
}

/** Retry-After (RFC 9110 §10.2.3) in whole seconds. */
export function retryAfterOf(err: CommentError): string | null {
  return err.retryAfter !== null ? String(Math.max(1, Math.ceil(err.retryAfter))) : null;
}

/** A comment form has a dozen fields; thousands are an attack on the parser, refused before any work. */
const MAX_FORM_FIELDS = 50;

/**
 * application/x-www-form-urlencoded, strictly: bytes that are not UTF-8
 * (an overlong `%C0%AF`, a lone surrogate half) are 400 invalid_encoding
 * rather than silently kept as literal text or turned into U+FFFD; a
 * repeated field becomes a list, which the fields phase refuses.
 */
export function parseStrictForm(body: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  if (!body) return out;
  const pairs = body.split('&');
  if (pairs.length > MAX_FORM_FIELDS) throw new AppError('PAYLOAD_TOO_LARGE', `a comment form has at most ${MAX_FORM_FIELDS} fields`);
  for (const pair of pairs) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(k.replace(/\+/g, ' '));
      value = decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      throw commentError('invalid_encoding', /^[a-z_]{1,20}$/.test(k) ? k : 'body', 'The form contains bytes that are not valid UTF-8 text.');
    }
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
