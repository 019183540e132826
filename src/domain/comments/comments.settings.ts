import { createHmac, randomBytes } from 'node:crypto';
import type { Db, Q } from '../../storage/index.ts';
import type { Clock } from '../shared/clock.ts';
import { validationError, type FieldProblem } from '../shared/errors.ts';
import { DEFAULT_RULES, type CommentRules } from './comments.types.ts';
import { insertSettingIfAbsent, readSetting, upsertSetting } from './settings.repo.ts';

const SECRETS_KEY = 'comments.secrets';
const RULES_KEY = 'comments.rules';
/** Rules are read on every submission; another instance's change shows within this long. */
const RULES_TTL_MS = 5_000;

export interface CommentSecrets {
  /** Signs challenges, form tokens and unsubscribe links. */
  hmac: string;
  /** Signs derived keys of deterministic proof-of-work challenges. */
  powKey: string;
  /** Per-site salt for email and IP hashes (so hashes from two sites never match). */
  salt: string;
}

/**
 * Secrets are generated at first start and kept in the settings table, not
 * in the repository or the environment, so every instance on one database
 * signs and verifies alike and a fresh install never ships a known key.
 */
export class CommentSettings {
  private secretsP: Promise<CommentSecrets> | null = null;
  private rulesCache: { at: number; rules: CommentRules } | null = null;

  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  secrets(): Promise<CommentSecrets> {
    this.secretsP ??= this.loadSecrets().catch((e) => {
      this.secretsP = null;
      throw e;
    });
    return this.secretsP;
  }

  private async loadSecrets(): Promise<CommentSecrets> {
    const db = this.deps.db.kysely;
    const fresh: CommentSecrets = { hmac: randomBytes(32).toString('hex'), powKey: randomBytes(32).toString('hex'), salt: randomBytes(16).toString('hex') };
    await insertSettingIfAbsent(db, SECRETS_KEY, JSON.stringify(fresh), this.deps.clock.now().toISOString());
    const stored = await readSetting(db, SECRETS_KEY);
    return JSON.parse(stored!) as CommentSecrets;
  }

  async rules(): Promise<CommentRules> {
    const now = Date.now();
    if (this.rulesCache && now - this.rulesCache.at < RULES_TTL_MS) return this.rulesCache.rules;
    const stored = await readSetting(this.deps.db.kysely, RULES_KEY);
    const rules = Object.freeze({ ...DEFAULT_RULES, ...(stored ? (JSON.parse(stored) as Partial<CommentRules>) : {}) });
    this.rulesCache = { at: now, rules };
    return rules;
  }

  /** Checks and stores the rules; `q` lets a caller write them inside its own (audited) transaction. */
  async updateRules(patch: Partial<CommentRules>, q: Q = this.deps.db.kysely): Promise<CommentRules> {
    const next = checkRules({ ...(await this.rules()), ...patch }, Object.keys(patch));
    await upsertSetting(q, RULES_KEY, JSON.stringify(next), this.deps.clock.now().toISOString());
    this.rulesCache = null;
    return next;
  }

  /** Drops the cached rules (after a transaction that wrote them committed). */
  forgetRules(): void {
    this.rulesCache = null;
  }

  /** Salted hash for matching an email or IP without keeping it readable. */
  async hash(kind: 'email' | 'ip' | 'body', value: string): Promise<string> {
    const { salt } = await this.secrets();
    return createHmac('sha256', salt).update(`${kind}:${value}`).digest('base64url').slice(0, 32);
  }
}

const INT_LIMITS: Partial<Record<keyof CommentRules, [number, number]>> = {
  closeAfterDays: [0, 36500], maxLinks: [0, 100], flagThreshold: [1, 1000], minSubmitSeconds: [0, 600],
  floodSeconds: [0, 3600], addressPerMinute: [1, 1_000_000], storyPerMinute: [1, 1_000_000], duplicateSeconds: [0, 86400], powCost: [1, 1_000_000], powMaxCounter: [10, 10_000_000],
};

function checkRules(r: CommentRules, keys: string[]): CommentRules {
  const problems: FieldProblem[] = [];
  for (const k of keys) if (!(k in DEFAULT_RULES)) problems.push({ field: k, message: 'is not a comment rule' });
  for (const [k, [min, max]] of Object.entries(INT_LIMITS) as Array<[keyof CommentRules, [number, number]]>) {
    const v = r[k];
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) problems.push({ field: k, message: `must be an integer from ${min} to ${max}` });
  }
  for (const k of ['holdWords', 'rejectWords'] as const) {
    const v = r[k];
    if (!Array.isArray(v) || v.length > 5000 || v.some((w) => typeof w !== 'string' || w.length > 200)) problems.push({ field: k, message: 'must be a list of words' });
  }
  if (problems.length) throw validationError(problems);
  return r;
}
