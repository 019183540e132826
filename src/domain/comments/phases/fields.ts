import { CommentError, type CommentProblem } from '../comments.errors.ts';
import type { RawSubmission } from '../comments.types.ts';
import { parseHttpUrl } from '../links.ts';
import { parseId } from '../../shared/ids.ts';
import type { CommentInput } from '../pipeline.types.ts';
import { cleanBody, cleanName } from '../text.ts';

export const MAX_BODY_CHARS = 10_000;
export const MAX_NAME_CHARS = 100;
const MAX_EMAIL = 254;
const EMAIL = /^[^\s@<>"',;:()[\]\\]+@[^\s@<>"',;:()[\]\\.]+(\.[^\s@<>"',;:()[\]\\.]+)+$/;

const chars = (s: string) => [...s].length;

function text(raw: unknown, field: string, problems: CommentProblem[]): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') {
    problems.push({ code: 'invalid_field', field, message: `${field} must be sent once, as text.` });
    return '';
  }
  return raw;
}

/**
 * Every field checked, every problem reported at once (a reader fixes the
 * form in one go). Lengths are checked on the raw text before any
 * normalising work, so a megabyte name costs one length check.
 */
export function parseFields(raw: RawSubmission): CommentInput {
  const problems: CommentProblem[] = [];
  const nameRaw = text(raw.name, 'name', problems);
  const emailRaw = text(raw.email, 'email', problems).trim();
  const urlRaw = text(raw.authorUrl, 'author_url', problems).trim();
  const bodyRaw = text(raw.body, 'body', problems);

  const name = nameRaw.length > MAX_NAME_CHARS * 4 ? { value: nameRaw, problem: null } : cleanName(nameRaw);
  if (name.problem === 'invalid_encoding') problems.push({ code: 'invalid_encoding', field: 'name', message: 'The name contains bytes that are not valid text.' });
  else if (name.problem) problems.push({ code: 'invalid_characters', field: 'name', message: 'The name contains invisible or direction-changing characters, or too many accents on one letter.' });
  else if (!name.value) problems.push({ code: 'author_name_required', field: 'name', message: 'Please give a name to show with your comment.' });
  else if (chars(name.value) > MAX_NAME_CHARS) problems.push({ code: 'author_name_too_long', field: 'name', message: `Names can be at most ${MAX_NAME_CHARS} characters.` });

  if (emailRaw.length > MAX_EMAIL || !EMAIL.test(emailRaw)) problems.push({ code: 'email_invalid', field: 'email', message: 'Please give a valid email address (it is never shown).' });

  let authorUrl = '';
  if (urlRaw) {
    const parsed = parseHttpUrl(urlRaw);
    if (!parsed) problems.push({ code: 'author_url_invalid', field: 'author_url', message: 'The website must be a full http:// or https:// address.' });
    else authorUrl = parsed;
  }

  const body = bodyRaw.length > MAX_BODY_CHARS * 4 ? { value: bodyRaw, problem: null } : cleanBody(bodyRaw);
  if (body.problem === 'invalid_encoding') problems.push({ code: 'invalid_encoding', field: 'body', message: 'The comment contains bytes that are not valid text.' });
  else if (chars(body.value) > MAX_BODY_CHARS) problems.push({ code: 'comment_too_long', field: 'body', message: `Comments can be at most ${MAX_BODY_CHARS.toLocaleString('en')} characters; yours has ${chars(body.value).toLocaleString('en')}.` });
  else if (body.problem) problems.push({ code: 'invalid_characters', field: 'body', message: 'The comment contains a flood of combining marks.' });
  else if (!body.value) problems.push({ code: 'comment_empty', field: 'body', message: 'Please write a comment.' });

  const parentId = parseParent(raw.parentId, problems);
  if (problems.length) throw new CommentError(sortProblems(problems));
  return {
    name: name.value,
    email: emailRaw,
    authorUrl,
    body: body.value,
    parentId,
    notify: raw.notify === true || raw.notify === 'on' || raw.notify === '1' || raw.notify === 'true',
    honeypot: typeof raw.website === 'string' ? raw.website.trim() !== '' : raw.website !== undefined && raw.website !== null,
  };
}

function parseParent(raw: unknown, problems: CommentProblem[]): number | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const id = parseId(raw);
  if (id === null) problems.push({ code: 'invalid_parent', field: 'parent_id', message: 'The comment you are replying to does not exist.' });
  return id;
}

/** Encoding problems first: they answer 400 and make every other judgement moot. */
function sortProblems(p: CommentProblem[]): CommentProblem[] {
  const rank = (c: CommentProblem) => (c.code === 'invalid_encoding' ? 0 : c.code === 'invalid_field' ? 1 : 2);
  return [...p].sort((a, b) => rank(a) - rank(b));
}
