/**
 * The one id parser. Row ids are INTEGER (int4 on PostgreSQL): a path or
 * field that is not a plain positive integer within that range names no
 * row, and must never reach the driver (PostgreSQL would answer an error,
 * not "no row"). Each layer says what "no such id" means to it: a 404 page,
 * an API 404, a form problem.
 */
const ID_RE = /^[1-9]\d{0,9}$/;
export const MAX_ID = 2_147_483_647;

export function parseId(raw: unknown): number | null {
  const s = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : raw;
  if (typeof s !== 'string' || !ID_RE.test(s)) return null;
  const n = Number(s);
  return n <= MAX_ID ? n : null;
}
