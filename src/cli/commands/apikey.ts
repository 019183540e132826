import { ROLES, isRole } from '../../domain/access/index.ts';
import type { ApiKey } from '../../domain/apikeys/index.ts';
import { EXIT, parseFlags, UsageError, type Io } from '../io.ts';
import { configFrom, withServices } from './services.ts';

export const APIKEY_USAGE = `usage:
  dateline apikey create --name NAME --role ROLE   print a new key (shown once) on stdout
  dateline apikey list                             list keys (never the secrets)
  dateline apikey revoke ID                        revoke a key at once

roles: ${ROLES.join(', ')}`;

/** Audit actor for keys made or revoked from the command line. */
const ACTOR = 'cli';

function row(k: ApiKey): string {
  const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active';
  const used = k.lastUsedAt ? k.lastUsedAt.toISOString() : 'never';
  return [String(k.id), k.name, k.role, `${k.prefix}…`, k.createdAt.toISOString(), used, state].join('\t');
}

async function create(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, { name: { type: 'string' }, role: { type: 'string' } });
  if (values.help) return (io.out(APIKEY_USAGE), EXIT.ok);
  if (!values.name?.trim()) throw new UsageError('--name is required');
  if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}${values.role ? `, got "${values.role}"` : ''}`);
  const role = values.role;
  return withServices(configFrom(io), async (s) => {
    const { key, apiKey } = await s.apiKeys.create(values.name!, role, ACTOR);
    // The key alone on stdout, so `KEY=$(dateline apikey create ...)` captures exactly it.
    io.out(key);
    io.err(`created API key ${apiKey.id} "${apiKey.name}" (${apiKey.role}); it is shown only this once`);
    return EXIT.ok;
  });
}

async function list(args: string[], io: Io): Promise<number> {
  const { values } = parseFlags(args, {});
  if (values.help) return (io.out(APIKEY_USAGE), EXIT.ok);
  return withServices(configFrom(io), async (s) => {
    const keys = await s.apiKeys.list();
    io.out(['id', 'name', 'role', 'prefix', 'created', 'last used', 'state'].join('\t'));
    for (const k of keys) io.out(row(k));
    if (!keys.length) io.err('no API keys yet: create one with `dateline apikey create --name NAME --role admin`');
    return EXIT.ok;
  });
}

async function revoke(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(args, {}, true);
  if (values.help) return (io.out(APIKEY_USAGE), EXIT.ok);
  if (positionals.length !== 1 || !/^[1-9][0-9]{0,9}$/.test(positionals[0])) throw new UsageError('give one key id (a number, see `dateline apikey list`)');
  const id = Number(positionals[0]);
  return withServices(configFrom(io), async (s) => {
    await s.apiKeys.revoke(id, ACTOR);
    io.err(`revoked API key ${id}; requests with it now get 401`);
    return EXIT.ok;
  });
}

export async function apikeyCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'create') return create(rest, io);
  if (sub === 'list') return list(rest, io);
  if (sub === 'revoke') return revoke(rest, io);
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') return (io.out(APIKEY_USAGE), sub ? EXIT.ok : EXIT.usage);
  throw new UsageError(`unknown apikey command "${sub}"`);
}
