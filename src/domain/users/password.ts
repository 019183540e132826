import { hash, verify } from '@node-rs/argon2';
import { validationError } from '../shared/errors.ts';

// @node-rs/argon2 declares Algorithm as a const enum, which esbuild cannot
// inline from a .d.ts; 2 is Argon2id. Parameters are OWASP's argon2id
// minimum (19 MiB, 2 passes, 1 lane), which are also the library defaults.
const ARGON2ID = 2 as const;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
/** argon2 takes any length; a cap keeps a 2 MB "password" from costing a request its memory. */
export const PASSWORD_MAX = 256;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS as never);
}

/** False for any malformed hash as well as a wrong password: callers treat both alike. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  if (typeof password !== 'string' || password.length === 0 || password.length > PASSWORD_MAX) return false;
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;

/**
 * A real argon2id hash of a random value with the same parameters, so an
 * unknown email costs the same verify as a wrong password (Ghost
 * CVE-2022-41697: the shortcut answer told attackers which emails exist).
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${Math.random()}-${Date.now()}`);
  return dummy;
}

const COMMON = new Set(['password1234', '123456789012', 'qwertyuiopas', 'passwordpassword', '1234567890123', 'letmeinletmein']);

/** The password rules, as field problems (422) so a form can show them beside the field. */
export function checkPasswordStrength(password: unknown, context: { email?: string; name?: string } = {}, field = 'password'): string {
  const fail = (message: string) => validationError([{ field, message }]);
  if (typeof password !== 'string' || password.length < PASSWORD_MIN) throw fail(`must be at least ${PASSWORD_MIN} characters`);
  if ([...password].length > PASSWORD_MAX) throw fail(`must be at most ${PASSWORD_MAX} characters`);
  const lower = password.toLowerCase();
  if (new Set(password).size < 4) throw fail('uses too few different characters');
  if (COMMON.has(lower)) throw fail('is a well-known password');
  if (context.email && lower.includes(context.email.toLowerCase())) throw fail('must not contain the email address');
  if (context.name && context.name.length >= 4 && lower === context.name.toLowerCase()) throw fail('must not be the name');
  return password;
}
