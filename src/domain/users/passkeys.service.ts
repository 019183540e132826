import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Db } from '../../storage/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, notFound, validationError } from '../shared/errors.ts';
import { advancePasskeyCounter, consumeChallenge, deleteExpiredChallenges, deletePasskey, findPasskeyByCredential, insertChallenge, insertPasskey, listPasskeyRows, type PasskeyRow } from './factors.repo.ts';
import { verifyPassword } from './password.ts';
import { findUserById } from './users.repo.ts';
import type { Staff } from './users.types.ts';

/** A passkey as the account page lists it: never the key itself. */
export interface Passkey {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** `sign-in`: a passkey alone (it proves possession and, by its PIN or biometric, the person); `second`: after the password. */
export type ChallengePurpose = 'register' | 'sign-in' | 'second';

/** Long enough for a person to find their key or phone; the browser's own timeout is the same. */
export const CHALLENGE_TTL_MS = 120_000;
const NAME_MAX = 60;

export class PasskeyRejected extends AppError {
  constructor(message = 'That passkey was not accepted. Try again, or sign in with your password.') {
    super('UNAUTHENTICATED', message);
  }
}

/** The challenge a browser's answer claims to answer (clientDataJSON.challenge), or null for anything malformed. */
function challengeOf(response: unknown): string | null {
  try {
    const r = response as { response?: { clientDataJSON?: unknown } };
    const json = JSON.parse(Buffer.from(String(r.response?.clientDataJSON ?? ''), 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof json.challenge === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(json.challenge) ? json.challenge : null;
  } catch {
    return null;
  }
}

/**
 * Passkeys (WebAuthn) for staff, with @simplewebauthn/server. The relying
 * party is SITE_URL: its host is the RP ID and its origin the only origin
 * accepted, so a passkey made for this site answers nowhere else. Every
 * challenge is stored server-side with its purpose, the subject allowed to
 * answer it and an expiry, and is deleted by the first answer.
 */
export class PasskeysService {
  private readonly rpID: string;
  private readonly origin: string;

  constructor(private readonly deps: { db: Db; clock: Clock; siteUrl: string; siteName: () => Promise<string> }) {
    const url = new URL(deps.siteUrl);
    this.rpID = url.hostname;
    this.origin = url.origin;
  }

  async list(userId: number): Promise<Passkey[]> {
    return (await listPasskeyRows(this.deps.db.kysely, userId)).map((r) => ({
      id: r.id,
      name: r.name,
      createdAt: new Date(r.created_at),
      lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
    }));
  }

  /** Discoverable ("resident") and user-verified, so the same passkey can later sign in alone. */
  async registrationOptions(staff: Staff): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await listPasskeyRows(this.deps.db.kysely, staff.id);
    const options = await generateRegistrationOptions({
      rpName: await this.deps.siteName(),
      rpID: this.rpID,
      userName: staff.email,
      userDisplayName: staff.name,
      userID: new TextEncoder().encode(`user:${staff.id}`),
      challenge: await this.newChallenge('register', `user:${staff.id}`),
      attestationType: 'none',
      excludeCredentials: existing.map((r) => ({ id: r.credential_id, transports: JSON.parse(r.transports) as string[] })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      timeout: CHALLENGE_TTL_MS,
    });
    return options;
  }

  async register(staff: Staff, response: unknown, rawName: unknown): Promise<Passkey> {
    const name = String(rawName ?? '').trim().slice(0, NAME_MAX) || 'Passkey';
    const challenge = await this.consume(response, 'register', `user:${staff.id}`);
    let verified;
    try {
      verified = await verifyRegistrationResponse({
        response: response as RegistrationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        requireUserVerification: true,
      });
    } catch {
      throw new PasskeyRejected('The passkey could not be registered. Try again.');
    }
    if (!verified.verified) throw new PasskeyRejected('The passkey could not be registered. Try again.');
    const { credential } = verified.registrationInfo;
    const at = this.now();
    const id = await this.deps.db.kysely.transaction().execute(async (trx) => {
      if (await findPasskeyByCredential(trx, credential.id)) throw new AppError('CONFLICT', 'this passkey is already registered');
      const id = await insertPasskey(trx, {
        user_id: staff.id,
        credential_id: credential.id,
        public_key: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: JSON.stringify(credential.transports ?? []),
        name,
        created_at: at,
        last_used_at: null,
      });
      await recordAudit(trx, at, { actor: `user:${staff.id}`, action: 'user.passkey-add', targetType: 'user', targetId: staff.id, detail: { passkey: id, name } });
      return id;
    });
    return { id, name, createdAt: new Date(at), lastUsedAt: null };
  }

  /** Removing a factor needs the password again, so an unattended signed-in browser cannot strip someone's passkeys. */
  async remove(staff: Staff, passkeyId: number, password: unknown): Promise<void> {
    const row = await findUserById(this.deps.db.kysely, staff.id);
    if (!row || typeof password !== 'string' || !(await verifyPassword(row.password_hash, password))) {
      throw validationError([{ field: 'password', message: 'is not your current password' }]);
    }
    const at = this.now();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      if (!(await deletePasskey(trx, staff.id, passkeyId))) throw notFound(`passkey ${passkeyId}`);
      await recordAudit(trx, at, { actor: `user:${staff.id}`, action: 'user.passkey-remove', targetType: 'user', targetId: staff.id, detail: { passkey: passkeyId } });
    });
  }

  /**
   * Options for a sign-in. Usernameless (`sign-in`): no credential list, so
   * the page reveals nothing about which accounts exist and the browser
   * offers the passkeys it holds for this site. After the password
   * (`second`): the member's own credentials.
   */
  async authenticationOptions(purpose: 'sign-in' | 'second', subject: string, userId?: number): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const rows = userId === undefined ? [] : await listPasskeyRows(this.deps.db.kysely, userId);
    return generateAuthenticationOptions({
      rpID: this.rpID,
      challenge: await this.newChallenge(purpose, subject),
      allowCredentials: rows.map((r) => ({ id: r.credential_id, transports: JSON.parse(r.transports) as string[] })),
      userVerification: purpose === 'sign-in' ? 'required' : 'preferred',
      timeout: CHALLENGE_TTL_MS,
    });
  }

  /**
   * The member a passkey answer proves, or PasskeyRejected. Alone, the
   * passkey must have verified the person (PIN, biometric); as a second
   * factor after the password, presence is enough, and it must be the
   * member's own.
   */
  async verify(purpose: 'sign-in' | 'second', subject: string, response: unknown, userId?: number): Promise<number> {
    const challenge = await this.consume(response, purpose, subject);
    const credentialId = (response as { id?: unknown }).id;
    const row = typeof credentialId === 'string' && credentialId.length <= 1024 ? await findPasskeyByCredential(this.deps.db.kysely, credentialId) : undefined;
    if (!row || (userId !== undefined && row.user_id !== userId)) throw new PasskeyRejected();
    const counter = await this.check(row, response, challenge, purpose === 'sign-in');
    if (!(await advancePasskeyCounter(this.deps.db.kysely, row.id, counter, this.now()))) throw new PasskeyRejected();
    return row.user_id;
  }

  private async check(row: PasskeyRow, response: unknown, challenge: string, requireUserVerification: boolean): Promise<number> {
    try {
      const result = await verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        expectedChallenge: challenge,
        expectedOrigin: this.origin,
        expectedRPID: this.rpID,
        requireUserVerification,
        credential: { id: row.credential_id, publicKey: Buffer.from(row.public_key, 'base64url'), counter: Number(row.counter), transports: JSON.parse(row.transports) as never },
      });
      if (!result.verified) throw new PasskeyRejected();
      return result.authenticationInfo.newCounter;
    } catch {
      throw new PasskeyRejected();
    }
  }

  /** Raw bytes for the options (the library base64url-encodes them, as the browser will echo them); stored in that encoding. */
  private async newChallenge(purpose: ChallengePurpose, subject: string): Promise<Uint8Array<ArrayBuffer>> {
    const bytes = randomBytes(32);
    const expires = new Date(this.deps.clock.now().getTime() + CHALLENGE_TTL_MS).toISOString();
    // Pruned as new ones are made (an indexed range delete), so unanswered challenges never pile up.
    await deleteExpiredChallenges(this.deps.db.kysely, this.now());
    await insertChallenge(this.deps.db.kysely, { challenge: bytes.toString('base64url'), purpose, subject, expires_at: expires });
    return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }

  /** Deletes the challenge the answer names; refused when unknown, used, expired, or meant for another purpose or subject. */
  private async consume(response: unknown, purpose: ChallengePurpose, subject: string): Promise<string> {
    const challenge = challengeOf(response);
    if (!challenge || !(await consumeChallenge(this.deps.db.kysely, challenge, purpose, subject, this.now()))) {
      throw new PasskeyRejected('That passkey request has expired or was already used. Try again.');
    }
    return challenge;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
