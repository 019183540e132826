/**
 * Whether an error means "the database (or the disk under it) cannot serve
 * right now" rather than "this request or our code is wrong". Such errors
 * pass on their own (a PostgreSQL restart, a writer holding the SQLite lock,
 * an operator freeing disk space), so callers answer 503 with Retry-After
 * instead of 500, and nothing needs restarting. This is the one place that
 * knows the drivers' codes.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (matches(e as DriverError)) return true;
  }
  return false;
}

interface DriverError {
  code?: unknown;
  message?: unknown;
  errno?: unknown;
}

/** SQLite result codes (better-sqlite3 puts the extended name in `code`). */
const SQLITE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY|PROTOCOL|NOLFS|PERM)(_|$)/;

/**
 * PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient
 * resources (53100 disk full, 53300 too many connections), 57P01-57P05
 * admin/crash shutdown, cannot connect now, idle session timeout; 58030 I/O error.
 */
const PG_SQLSTATE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[1-5]|58030)$/;

/** Socket and file-system errors from node itself: the server is not there, or the disk is full or read-only. */
const NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ENOSPC', 'EDQUOT', 'EROFS']);

/** node-postgres reports a dropped or never-made connection only in words. */
const PG_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /Client has encountered a connection error and is not queryable/, /^Client was closed and is not queryable/, /^Connection terminated unexpectedly/];

function matches(e: DriverError): boolean {
  const code = typeof e.code === 'string' ? e.code : '';
  if (SQLITE.test(code) || PG_SQLSTATE.test(code) || NODE.has(code)) return true;
  if (e instanceof AggregateError) return e.errors.some((x) => matches(x as DriverError));
  const message = typeof e.message === 'string' ? e.message : '';
  return PG_MESSAGES.some((re) => re.test(message));
}

/** Seconds a client should wait before trying again: long enough for a PostgreSQL restart, short enough for a reader. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;
