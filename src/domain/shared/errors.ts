/**
 * Typed domain errors with stable codes. The HTTP layer maps `status` and
 * `code` to a response in one place; nothing else about the error leaks.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'GONE'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'BAD_REQUEST'
  | 'SLUG_TAKEN'
  | 'SLUG_RESERVED'
  | 'VERSION_CONFLICT'
  | 'RATE_LIMITED'
  | 'URL_NOT_ALLOWED';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 422,
  NOT_FOUND: 404,
  GONE: 410,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BAD_REQUEST: 400,
  SLUG_TAKEN: 409,
  SLUG_RESERVED: 422,
  VERSION_CONFLICT: 409,
  RATE_LIMITED: 429,
  URL_NOT_ALLOWED: 422,
};

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field?: string;
  readonly problems: FieldProblem[];

  constructor(code: ErrorCode, message: string, opts: { field?: string; problems?: FieldProblem[] } = {}) {
    super(message);
    this.code = code;
    this.status = STATUS[code];
    this.field = opts.field ?? opts.problems?.[0]?.field;
    this.problems = opts.problems ?? (opts.field ? [{ field: opts.field, message }] : []);
  }
}

export function validationError(problems: FieldProblem[]): AppError {
  const first = problems[0];
  const message = problems.length === 1 ? `${first.field}: ${first.message}` : `${problems.length} fields are invalid`;
  return new AppError('VALIDATION_FAILED', message, { problems });
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}
