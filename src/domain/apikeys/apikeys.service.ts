import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../storage/index.ts';
import { isRole, type Role } from '../access/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Clock } from '../shared/clock.ts';
import { notFound, validationError } from '../shared/errors.ts';

export interface ApiKey {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const PREFIX = 'dl_';

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Keys are 32 random bytes shown once; only their SHA-256 is stored. A slow
 * password hash buys nothing against a 256-bit secret and would cost every
 * API request dearly.
 */
export class ApiKeysService {
  private readonly touched = new Map<number, number>();

  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async create(name: string, role: string, actor: string): Promise<{ key: string; apiKey: ApiKey }> {
    const problems = [];
    if (typeof name !== 'string' || !name.trim() || name.length > 100) problems.push({ field: 'name', message: 'must be 1 to 100 characters' });
    if (!isRole(role)) problems.push({ field: 'role', message: 'must be contributor, author, editor, moderator or admin' });
    if (problems.length) throw validationError(problems);
    const key = PREFIX + randomBytes(32).toString('base64url');
    const now = this.deps.clock.now().toISOString();
    const id = await this.deps.db.kysely.transaction().execute(async (trx) => {
      const r = await trx
        .insertInto('api_keys')
        .values({ name: name.trim(), role, prefix: key.slice(0, 10), hash: hashKey(key), created_at: now, last_used_at: null, revoked_at: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, now, { actor, action: 'apikey.create', targetType: 'api_key', targetId: r.id, detail: { name, role } });
      return r.id;
    });
    return { key, apiKey: await this.get(id) };
  }

  async get(id: number): Promise<ApiKey> {
    const r = await this.deps.db.kysely.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    if (!r) throw notFound(`API key ${id}`);
    return fromRow(r);
  }

  async list(): Promise<ApiKey[]> {
    const rows = await this.deps.db.kysely.selectFrom('api_keys').selectAll().orderBy('id').execute();
    return rows.map(fromRow);
  }

  async revoke(id: number, actor: string): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      const r = await trx.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw notFound(`active API key ${id}`);
      await recordAudit(trx, now, { actor, action: 'apikey.revoke', targetType: 'api_key', targetId: id });
    });
  }

  /** The key's identity, or null for an unknown, malformed or revoked key. */
  async verify(key: string): Promise<ApiKey | null> {
    if (typeof key !== 'string' || !key.startsWith(PREFIX) || key.length > 100) return null;
    const hash = hashKey(key);
    const r = await this.deps.db.kysely.selectFrom('api_keys').selectAll().where('hash', '=', hash).executeTakeFirst();
    if (!r || r.revoked_at !== null) return null;
    if (!timingSafeEqual(Buffer.from(r.hash), Buffer.from(hash))) return null;
    await this.touch(r.id);
    return fromRow(r);
  }

  /** last_used_at is written at most once a minute per key, not on every request. */
  private async touch(id: number): Promise<void> {
    const now = this.deps.clock.now();
    if (now.getTime() - (this.touched.get(id) ?? 0) < 60_000) return;
    this.touched.set(id, now.getTime());
    await this.deps.db.kysely.updateTable('api_keys').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute();
  }
}

function fromRow(r: { id: number; name: string; role: string; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null }): ApiKey {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    prefix: r.prefix,
    createdAt: new Date(r.created_at),
    lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
    revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
  };
}
