import { AppError } from '../../domain/shared/errors.ts';
import { parseId as parseIdOrNull } from '../../domain/shared/ids.ts';

export type FormBody = Record<string, unknown>;
export type FieldErrors = Record<string, string>;

/** One text field of an urlencoded body; a repeated or missing field reads as empty. */
export function field(body: unknown, name: string): string {
  const v = body && typeof body === 'object' ? (body as FormBody)[name] : undefined;
  return typeof v === 'string' ? v : '';
}

/** Field problems of a domain error, keyed by field, for messages beside the inputs. */
export function fieldErrors(e: AppError): FieldErrors {
  const out: FieldErrors = {};
  for (const p of e.problems) out[p.field] ??= p.message;
  if (!e.problems.length && e.field) out[e.field] = e.message;
  return out;
}

/** Numeric route ids: anything but a plain positive integer is a 404, never a query. */
export function parseId(raw: string): number {
  const id = parseIdOrNull(raw);
  if (id === null) throw new AppError('NOT_FOUND', 'no such page');
  return id;
}

/** Errors a form shows beside its fields; anything else goes to the error handler. */
export function isFormError(e: unknown): e is AppError {
  return e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'CONFLICT');
}
