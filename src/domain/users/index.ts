export { UsersService, type CreateUserInput } from './users.service.ts';
export { AuthService, BAD_CREDENTIALS, type ClientMeta, type SignInResult } from './auth.service.ts';
export { PasswordResetService, type PasswordResetDeps } from './password-reset.service.ts';
export { AuditLogService, type AuditLine } from './audit-log.service.ts';
export { Throttle, RateLimited, ACCOUNT_IP_RULE, IP_RULE, RESET_RULE, TOTP_RULE, type ThrottleRule } from './throttle.ts';
export { PASSWORD_MIN, PASSWORD_MAX, checkPasswordStrength, hashPassword, verifyPassword } from './password.ts';
export { totpCode, matchTotp, newTotpSecret, otpauthUri, hotp, base32Decode, base32Encode, TOTP_STEP_SECONDS } from './totp.ts';
export { normalizeEmail } from './users.input.ts';
export { PasskeysService, PasskeyRejected, CHALLENGE_TTL_MS, type Passkey } from './passkeys.service.ts';
export { SecondFactorsService, RECOVERY_CODE_COUNT, normalizeRecoveryCode, type FactorSummary } from './second-factors.service.ts';
export { actorOf, type Staff } from './users.types.ts';

import type { Db } from '../../storage/index.ts';
import type { Role } from '../access/index.ts';
import type { MailOutbox } from '../mail/index.ts';
import type { SecretBox } from '../secrets/index.ts';
import { SessionsService, type SessionPolicy } from '../sessions/index.ts';
import type { Clock } from '../shared/clock.ts';
import { AuditLogService } from './audit-log.service.ts';
import { AuthService } from './auth.service.ts';
import { PasskeysService } from './passkeys.service.ts';
import { PasswordResetService } from './password-reset.service.ts';
import { SecondFactorsService } from './second-factors.service.ts';
import { Throttle } from './throttle.ts';
import { UsersService } from './users.service.ts';

export interface AccountServices {
  users: UsersService;
  auth: AuthService;
  passwordResets: PasswordResetService;
  auditLog: AuditLogService;
  passkeys: PasskeysService;
  factors: SecondFactorsService;
}

/** The accounts module wired over one database: what main.ts adds to the services. */
export function createAccountServices(deps: {
  db: Db;
  clock: Clock;
  outbox: MailOutbox;
  box: SecretBox;
  siteUrl: string;
  siteName: () => Promise<string>;
  /** Roles that must have a second factor (a site setting, read per check: it changes at run time). */
  requiredFactorRoles: () => Promise<readonly Role[]>;
  sessionPolicy?: Partial<SessionPolicy>;
}): AccountServices {
  const { db, clock } = deps;
  const throttle = new Throttle({ db, clock });
  const users = new UsersService({ db, clock, box: deps.box });
  const sessions = new SessionsService({ db, clock, policy: deps.sessionPolicy });
  const passkeys = new PasskeysService({ db, clock, siteUrl: deps.siteUrl, siteName: deps.siteName });
  const factors = new SecondFactorsService({ db, clock, box: deps.box, requiredRoles: deps.requiredFactorRoles });
  return {
    users,
    passkeys,
    factors,
    auth: new AuthService({ db, clock, sessions, users, throttle, passkeys, factors }),
    passwordResets: new PasswordResetService({ db, clock, users, throttle, outbox: deps.outbox, siteUrl: deps.siteUrl, siteName: deps.siteName }),
    auditLog: new AuditLogService({ db, clock }),
  };
}
