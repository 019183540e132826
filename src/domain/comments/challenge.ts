import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { createChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { Db } from '../../storage/index.ts';
import { commentError } from './comments.errors.ts';
import type { CommentSettings } from './comments.settings.ts';
import { findCaptcha, insertCaptcha, recordCaptchaMiss } from './comments.repo.ts';

/** Hostile input, challenges (docs/architecture.md): challenges expire within ten minutes. */
export const CHALLENGE_TTL_MS = 10 * 60_000;
/** Wrong answers an arithmetic question survives; the next one is refused with 429. */
export const MAX_MISSES = 3;
const ALGORITHM = 'PBKDF2/SHA-256';

export interface MathQuestion {
  id: string;
  a: number;
  b: number;
  /** "What is 4 + 8?" and the same in words, for screen readers and text browsers. */
  text: string;
  words: string;
}

/** A verified challenge: when the form was issued, and what to spend in the commit. */
export interface PassedChallenge {
  issuedAt: number;
  replay?: { signature: string; expiresAt: string };
  captchaId?: string;
}

/** altcha-lib's canonical form: keys sorted at every level, undefined values dropped. */
function sortKeys(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .flatMap((k) => ((v as Record<string, unknown>)[k] === undefined ? [] : [[k, sortKeys((v as Record<string, unknown>)[k])]])),
  );
}

const hmacHex = (key: string, data: string | Buffer) => createHmac('sha256', key).update(data).digest('hex');
const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * altcha-lib's verifySolution for deterministic challenges (path 4a: the
 * derived key checked against its signature), with node:crypto's
 * synchronous HMAC instead of WebCrypto: the same two HMACs at a fraction
 * of the per-call overhead, which is most of a submission's CPU time.
 */
export function verifyDeterministic(ch: Challenge, solution: unknown, hmac: string, powKey: string): boolean {
  const sig = ch.signature;
  const keySig = ch.parameters.keySignature;
  if (typeof sig !== 'string' || typeof keySig !== 'string') return false;
  if (!sameHex(sig, hmacHex(hmac, JSON.stringify(sortKeys(ch.parameters))))) return false;
  const s = solution as { counter?: unknown; derivedKey?: unknown } | null;
  if (typeof s?.derivedKey !== 'string' || !/^(?:[0-9a-f]{2}){1,128}$/.test(s.derivedKey)) return false;
  if (!Number.isInteger(s.counter) || (s.counter as number) < 0 || (s.counter as number) > 0xffffffff) return false;
  return sameHex(keySig, hmacHex(powKey, Buffer.from(s.derivedKey, 'hex')));
}

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const DIGITS: Record<string, string> = { '٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9', '۰': '0', '۱': '1', '۲': '2', '۳': '3', '۴': '4', '۵': '5', '۶': '6', '۷': '7', '۸': '8', '۹': '9' };

const invalid = (message = 'The anti-spam check failed or expired. Please try again.') => commentError('captcha_invalid', 'captcha', message);

/**
 * Both challenges a comment form can carry. Proof of work (ALTCHA, solved by
 * the widget) runs in deterministic mode: the server knows the counter and
 * signs the derived key, so verifying is two HMACs, not a key derivation.
 * The library keeps no replay set and checks expiry against the wall clock;
 * we bind article, IP and issue time in the signed `data`, check expiry on
 * the domain clock, and spend the signature in the commit transaction.
 */
export class ChallengeService {
  constructor(private readonly deps: { db: Db; settings: CommentSettings }) {}

  async issuePow(articleId: number, ipHash: string, nowMs: number): Promise<Challenge> {
    const [{ hmac, powKey }, rules] = await Promise.all([this.deps.settings.secrets(), this.deps.settings.rules()]);
    return createChallenge({
      algorithm: ALGORITHM,
      cost: rules.powCost,
      counter: randomInt(Math.floor(rules.powMaxCounter / 4), rules.powMaxCounter),
      deriveKey,
      data: { a: articleId, t: nowMs, ip: ipHash.slice(0, 12) },
      hmacSignatureSecret: hmac,
      hmacKeySignatureSecret: powKey,
    });
  }

  async verifyPow(payloadB64: string, articleId: number, ipHash: string, nowMs: number): Promise<PassedChallenge> {
    if (payloadB64.length > 8000) throw invalid();
    let payload: { challenge?: Challenge; solution?: { counter: number; derivedKey: string } };
    try {
      payload = JSON.parse(Buffer.from(payloadB64, 'base64').toString('utf8'));
    } catch {
      throw invalid();
    }
    const ch = payload?.challenge;
    const data = ch?.parameters?.data;
    if (!ch || typeof ch.signature !== 'string' || !data || ch.parameters.algorithm !== ALGORITHM) throw invalid();
    const { hmac, powKey } = await this.deps.settings.secrets();
    if (!verifyDeterministic(ch, payload.solution, hmac, powKey)) throw invalid();
    const issuedAt = Number(data.t);
    if (data.a !== articleId) throw invalid('This anti-spam check was made for another story. Please try again.');
    if (data.ip !== ipHash.slice(0, 12)) throw invalid();
    if (!Number.isFinite(issuedAt) || nowMs - issuedAt > CHALLENGE_TTL_MS || issuedAt - nowMs > 60_000) throw invalid('The anti-spam check expired. Please try again.');
    return { issuedAt, replay: { signature: ch.signature, expiresAt: new Date(issuedAt + CHALLENGE_TTL_MS).toISOString() } };
  }

  async issueMath(articleId: number, ipHash: string, nowMs: number): Promise<MathQuestion> {
    const a = randomInt(1, 10);
    const b = randomInt(1, 10);
    const id = randomBytes(18).toString('base64url');
    await insertCaptcha(this.deps.db.kysely, {
      id, article_id: articleId, answer: a + b, ip_hash: ipHash,
      created_at: new Date(nowMs).toISOString(), expires_at: new Date(nowMs + CHALLENGE_TTL_MS).toISOString(),
    });
    return { id, a, b, text: `What is ${a} + ${b}?`, words: `${WORDS[a]} plus ${WORDS[b]}` };
  }

  /** Checks an answer; a miss is recorded at once (outside any comment write), so retries cannot outrun the cap. */
  async verifyMath(id: string, answer: string, articleId: number, ipHash: string, nowMs: number): Promise<PassedChallenge> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw invalid();
    const row = await findCaptcha(this.deps.db.kysely, id);
    if (!row || row.article_id !== articleId || row.ip_hash !== ipHash || Date.parse(row.expires_at) < nowMs) throw invalid('This question has expired. Please answer the new one.');
    if (row.attempts >= MAX_MISSES) throw commentError('captcha_exhausted', 'captcha', 'Too many wrong answers to this question. Please load a new one.', 60);
    const given = answer.trim().replace(/[٠-٩۰-۹]/g, (d) => DIGITS[d]);
    if (!/^\d{1,3}$/.test(given) || Number(given) !== row.answer) {
      await recordCaptchaMiss(this.deps.db.kysely, id);
      throw commentError('captcha_invalid', 'captcha_answer', 'That answer to the arithmetic question is not right. Please try again.');
    }
    return { issuedAt: Date.parse(row.created_at), captchaId: id };
  }

  /** A signed, expiring token for links in emails (unsubscribe): no state, no guessing. */
  async sign(purpose: string, value: string): Promise<string> {
    const { hmac } = await this.deps.settings.secrets();
    return createHmac('sha256', hmac).update(`${purpose}:${value}`).digest('base64url').slice(0, 32);
  }

  async checkSignature(purpose: string, value: string, token: string): Promise<boolean> {
    const expected = Buffer.from(await this.sign(purpose, value));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
