import readline from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ROLES, isRole } from '../../domain/access/index.ts';
import { AppError } from '../../domain/shared/errors.ts';
import { PASSWORD_MIN, type UsersService } from '../../domain/users/index.ts';

export const USER_USAGE = `usage:
  dateline user create --email EMAIL --name NAME --role ROLE [--password PASSWORD]

Without --password the password is asked for on the terminal (not echoed),
or read from the first line of stdin when stdin is not a terminal, so it
stays out of shell history: \`printf '%s\\n' "$PW" | dateline user create ...\`.
Passwords must be at least ${PASSWORD_MIN} characters.
roles: ${ROLES.join(', ')}`;

export interface UserCommandOptions {
  /** Where the password comes from when --password is absent; null when there is none. */
  readPassword?: () => Promise<string | null>;
}

/**
 * `dateline user create`: the first admin on a fresh install (or any staff
 * account, e.g. when nobody can sign in). Exit 0 done, 1 failed (the email
 * is taken), 2 wrong usage or a weak password.
 */
export async function userCommand(args: string[], out: (l: string) => void, services: { users: UsersService }, opts: UserCommandOptions = {}): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'create') {
    out(USER_USAGE);
    return sub === '--help' || sub === '-h' || sub === 'help' ? 0 : 2;
  }
  let values: { email?: string; name?: string; role?: string; password?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    out(`error: ${(e as Error).message}`);
    out(USER_USAGE);
    return 2;
  }
  if (values.help) return (out(USER_USAGE), 0);
  const missing = (['email', 'name', 'role'] as const).filter((k) => !values[k]?.trim());
  if (missing.length) return (out(`error: ${missing.map((m) => `--${m}`).join(', ')} required`), out(USER_USAGE), 2);
  if (!isRole(values.role)) return (out(`error: --role must be one of ${ROLES.join(', ')}, got "${values.role}"`), 2);
  const password = values.password ?? (await (opts.readPassword ?? promptPassword)());
  if (password === null || password === '') return (out('error: no password: give --password, type it on a terminal, or pipe it on stdin'), 2);
  if ([...password].length < PASSWORD_MIN) return (out(`error: the password must be at least ${PASSWORD_MIN} characters`), 2);
  try {
    const staff = await services.users.create({ email: values.email, name: values.name, role: values.role, password }, 'cli');
    out(`created ${staff.role} ${staff.email} (id ${staff.id}); sign in at /admin/sign-in`);
    return 0;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    out(`error: ${e.problems.length ? e.problems.map((p) => `${p.field} ${p.message}`).join('; ') : e.message}`);
    return e.code === 'VALIDATION_FAILED' ? 2 : 1;
  }
}

/** Asks twice on a terminal without echo; reads one line from a pipe otherwise. */
async function promptPassword(): Promise<string | null> {
  const { stdin, stderr } = process;
  if (!stdin.isTTY) return readLine(stdin);
  const first = await askHidden('Password (not shown): ');
  const second = await askHidden('Password again: ');
  if (first !== second) {
    stderr.write('the two passwords differ\n');
    return null;
  }
  return first;
}

function askHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = readline.createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise((resolve) =>
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    }),
  );
}

function readLine(input: NodeJS.ReadableStream): Promise<string | null> {
  const rl = readline.createInterface({ input, terminal: false });
  return new Promise((resolve) => {
    let done = false;
    rl.once('line', (line) => {
      done = true;
      rl.close();
      resolve(line.replace(/\r$/, ''));
    });
    rl.once('close', () => {
      if (!done) resolve(null);
    });
  });
}
