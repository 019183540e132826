import { AppError, type FieldProblem } from '../shared/errors.ts';

/** The stable codes (docs/architecture.md, hostile input: error contract) a comment rejection can carry. */
export type CommentErrorCode =
  | 'comment_too_long'
  | 'comment_empty'
  | 'author_name_required'
  | 'author_name_too_long'
  | 'author_url_invalid'
  | 'email_invalid'
  | 'invalid_characters'
  | 'invalid_encoding'
  | 'invalid_parent'
  | 'captcha_invalid'
  | 'captcha_exhausted'
  | 'too_fast'
  | 'comment_flood'
  | 'duplicate_comment'
  | 'comment_rejected'
  | 'comments_closed'
  | 'commenter_banned'
  | 'rate_limit_unavailable'
  | 'invalid_field';

const STATUS: Record<CommentErrorCode, number> = {
  comment_too_long: 422,
  comment_empty: 422,
  author_name_required: 422,
  author_name_too_long: 422,
  author_url_invalid: 422,
  email_invalid: 422,
  invalid_characters: 422,
  invalid_encoding: 400,
  invalid_parent: 422,
  captcha_invalid: 422,
  captcha_exhausted: 429,
  too_fast: 422,
  comment_flood: 429,
  duplicate_comment: 409,
  comment_rejected: 422,
  comments_closed: 403,
  commenter_banned: 403,
  rate_limit_unavailable: 503,
  invalid_field: 400,
};

export interface CommentProblem extends FieldProblem {
  code: CommentErrorCode;
}

/**
 * An AppError whose `code` is one of the lowercase comment codes of
 * error contract (`comment_flood`, `captcha_invalid`…). The shared ErrorCode
 * union does not list them yet, so code and status are set after super();
 * src/http/errors.ts reads both from the instance, which is all it needs.
 */
export class CommentError extends AppError {
  readonly retryAfter: number | null;
  readonly commentProblems: CommentProblem[];

  constructor(problems: CommentProblem[], opts: { retryAfter?: number } = {}) {
    const first = problems[0];
    super('VALIDATION_FAILED', problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more)`, {
      problems: problems.map((p) => ({ field: p.field, message: p.message })),
    });
    Object.assign(this, { code: first.code, status: STATUS[first.code] });
    this.retryAfter = opts.retryAfter ?? null;
    this.commentProblems = problems;
  }

  get commentCode(): CommentErrorCode {
    return this.commentProblems[0].code;
  }
}

export function commentError(code: CommentErrorCode, field: string, message: string, retryAfter?: number): CommentError {
  return new CommentError([{ code, field, message }], { retryAfter });
}
