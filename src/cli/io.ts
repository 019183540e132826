import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command writes: stdout for results (keys, tables), stderr for everything said to a person. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Whether `out` is a person's terminal rather than a log (systemd, docker, a pipe): secrets are shown only there. */
  isTty?: boolean;
}

/** Exit codes: 0 done, 1 it failed, 2 the command line or configuration is wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in the command line: printed with the command's usage, exit 2. */
export class UsageError extends Error {}

/** util.parseArgs, strict, with its errors turned into usage errors. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, ...options }, strict: true, allowPositionals });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

