import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'v1.';

export class SecretBoxError extends Error {}

/**
 * Encryption at rest for the few values the database must keep readable but
 * must not keep in the clear: TOTP secrets and queued mail that carries a
 * sign-in link. AES-256-GCM with a random 96-bit nonce; the key lives
 * outside the database (DATELINE_SECRET_KEY or the data folder's
 * secret.key), so a copied database or backup alone does not reveal them.
 * Sealed text: `v1.<nonce>.<tag>.<ciphertext>`, base64url.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new SecretBoxError('a secret key is 32 bytes');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `${PREFIX}${iv.toString('base64url')}.${c.getAuthTag().toString('base64url')}.${ct.toString('base64url')}`;
  }

  /** Throws SecretBoxError on text that was not sealed with this key, or was changed. */
  open(sealed: string): string {
    const parts = sealed.startsWith(PREFIX) ? sealed.slice(PREFIX.length).split('.') : [];
    if (parts.length !== 3) throw new SecretBoxError('not a sealed value');
    try {
      const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(parts[0], 'base64url'));
      d.setAuthTag(Buffer.from(parts[1], 'base64url'));
      return Buffer.concat([d.update(Buffer.from(parts[2], 'base64url')), d.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError('a sealed value does not open with this key (wrong DATELINE_SECRET_KEY, or the value was changed)');
    }
  }

  /**
   * A keyed hash (HMAC-SHA-256 under a key derived for `purpose` with HKDF),
   * for values that are only ever compared, never read back: recovery codes.
   * The key is outside the database, so a copied database alone cannot be
   * used to test guesses offline.
   */
  keyedHash(purpose: string, value: string): string {
    const subkey = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `dateline ${purpose}`, 32));
    return createHmac('sha256', subkey).update(value).digest('base64url');
  }

  /** A value that identifies the key without revealing it, stored with the data to catch a wrong key at start. */
  fingerprint(): string {
    return createHmac('sha256', this.key).update('dateline secret key check').digest('base64url').slice(0, 22);
  }
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}
