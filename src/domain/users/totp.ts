import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults that every authenticator app shares: HMAC-SHA1, 6 digits, 30 s steps. */
export const TOTP_STEP_SECONDS = 30;

export function base32Encode(buf: Buffer): string {
  return new Secret({ buffer: new Uint8Array(buf).buffer }).base32;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  if (!/^[A-Z2-7]*$/.test(clean)) throw new Error('not base32');
  return Buffer.from(Secret.fromBase32(clean).bytes);
}

/** 160 random bits, the HMAC-SHA1 key size RFC 4226 §4 recommends. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpStep(at: Date): number {
  return TOTP.counter({ period: TOTP_STEP_SECONDS, timestamp: at.getTime() });
}

/** RFC 4226 HOTP with dynamic truncation, at one counter value. */
export function hotp(secret: Buffer, counter: number, digits = 6): string {
  return HOTP.generate({ secret: new Secret({ buffer: new Uint8Array(secret).buffer }), counter, digits, algorithm: 'SHA1' });
}

export function totpCode(secretBase32: string, at: Date, digits = 6): string {
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), digits, period: TOTP_STEP_SECONDS, timestamp: at.getTime(), algorithm: 'SHA1' });
}

/**
 * The step a code belongs to, checking the current step and one either side
 * (clock drift), or null. Steps at or before `lastUsedStep` are refused, so
 * a code seen over a shoulder or replayed from a log cannot be used again.
 * Each step is compared on its own (not otpauth's validate()), because the
 * replay rule needs to know which step matched and refuse the used ones.
 */
export function matchTotp(secretBase32: string, code: string, at: Date, lastUsedStep: number): number | null {
  const given = String(code ?? '').replace(/\s/g, '');
  if (!/^\d{6}$/.test(given)) return null;
  const key = base32Decode(secretBase32);
  const now = totpStep(at);
  for (const step of [now - 1, now, now + 1]) {
    if (step <= lastUsedStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(given))) return step;
  }
  return null;
}

/** The provisioning URI authenticator apps read (Google Authenticator "Key Uri Format"), also drawn as the QR code. */
export function otpauthUri(issuer: string, account: string, secretBase32: string): string {
  return new TOTP({ issuer, label: account, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: 6, period: TOTP_STEP_SECONDS }).toString();
}
