import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { SecretBox } from '../../src/domain/secrets/index.ts';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { SessionsService } from '../../src/domain/sessions/index.ts';
import {
  ACCOUNT_IP_RULE,
  RateLimited,
  Throttle,
  UsersService,
  base32Decode,
  base32Encode,
  checkPasswordStrength,
  hashPassword,
  hotp,
  matchTotp,
  totpCode,
  verifyPassword,
} from '../../src/domain/users/index.ts';
import { DIALECTS, createTestDb, type TestDb } from '../helpers/dialects.ts';

describe('TOTP (RFC 6238 / RFC 4226)', () => {
  const rfcSecret = base32Encode(Buffer.from('12345678901234567890'));

  test('RFC 6238 Appendix B SHA-1 vectors (8 digits)', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [t, code] of vectors) assert.equal(totpCode(rfcSecret, new Date(t * 1000), 8), code, `T=${t}`);
  });

  test('RFC 4226 Appendix D HOTP values', () => {
    const want = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    want.forEach((code, counter) => assert.equal(hotp(Buffer.from('12345678901234567890'), counter), code));
  });

  test('base32 round-trips and rejects junk', () => {
    const buf = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 7]);
    assert.deepEqual(base32Decode(base32Encode(buf)), buf);
    assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
    assert.throws(() => base32Decode('0189!'));
  });

  test('accepts ±1 step, refuses ±2, refuses a step at or before the last used one, refuses non-digits', () => {
    const at = new Date('2026-05-21T10:00:15Z');
    const step = Math.floor(at.getTime() / 30_000);
    const code = (s: number) => hotp(base32Decode(rfcSecret), s);
    assert.equal(matchTotp(rfcSecret, code(step), at, 0), step);
    assert.equal(matchTotp(rfcSecret, code(step - 1), at, 0), step - 1);
    assert.equal(matchTotp(rfcSecret, code(step + 1), at, 0), step + 1);
    assert.equal(matchTotp(rfcSecret, code(step + 2), at, 0), null);
    assert.equal(matchTotp(rfcSecret, code(step - 2), at, 0), null);
    assert.equal(matchTotp(rfcSecret, code(step), at, step), null, 'already used');
    assert.equal(matchTotp(rfcSecret, ` ${code(step).slice(0, 3)} ${code(step).slice(3)} `, at, 0), step, 'spaces are ignored');
    for (const junk of ['', '12345', '1234567', 'abcdef', '12345a', '１２３４５６']) assert.equal(matchTotp(rfcSecret, junk, at, 0), null, junk);
  });
});

describe('passwords', () => {
  test('argon2id hashes verify, and a wrong or absurd password does not', async () => {
    const h = await hashPassword('correct horse battery staple');
    assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(h, 'correct horse battery staple'), true);
    assert.equal(await verifyPassword(h, 'correct horse battery stapler'), false);
    assert.equal(await verifyPassword(h, 'x'.repeat(10_000)), false);
    assert.equal(await verifyPassword('not a hash', 'correct horse battery staple'), false);
  });

  test('strength rules: length, variety, common, contains the email', () => {
    assert.equal(checkPasswordStrength('twelve chars!'), 'twelve chars!');
    for (const [pw, msg] of [
      ['short', /at least 12/],
      ['aaaaaaaaaaaaaaaa', /too few different/],
      ['password1234', /well-known/],
      ['x'.repeat(300), /at most 256/],
    ] as const) {
      assert.throws(() => checkPasswordStrength(pw), (e: Error) => msg.test(e.message));
    }
    assert.throws(() => checkPasswordStrength('me@news.test is my pw', { email: 'me@news.test' }), /must not contain the email/);
    assert.throws(() => checkPasswordStrength(undefined), /at least 12/);
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: users, sessions and the throttle`, () => {
    let t: TestDb;
    const clock = fixedClock(new Date('2026-05-21T10:00:00Z'));
    let users: UsersService;
    before(async () => {
      t = await createTestDb(dialect);
      users = new UsersService({ db: t.db, clock, box: new SecretBox(randomBytes(32)) });
    });
    after(async () => t?.cleanup());

    test('create normalises the email; duplicates (any case) are 409; bad input is 422 with every field', async () => {
      const s = await users.create({ email: '  Ana.Reporter@News.Test ', name: ' Ana ', role: 'author', password: 'a good long password' }, 'test');
      assert.equal(s.email, 'ana.reporter@news.test');
      assert.equal(s.name, 'Ana');
      await assert.rejects(users.create({ email: 'ANA.REPORTER@news.test', name: 'Other', role: 'author', password: 'a good long password' }, 'test'), { code: 'CONFLICT', field: 'email' });
      await assert.rejects(users.create({ email: 'a@b.c\r\nBcc: x@y.z', name: 'N\u202Eame', role: 'root', password: 'short' }, 'test'), (e: { problems: Array<{ field: string }> }) => {
        assert.deepEqual(e.problems.map((p) => p.field).sort(), ['email', 'name', 'role']);
        return true;
      });
      await assert.rejects(users.create({ email: 'weak@news.test', name: 'W', role: 'author', password: 'short' }, 'test'), { code: 'VALIDATION_FAILED', field: 'password' });
      assert.equal(
        (await users.list()).some((u) => u.email === 'weak@news.test'),
        false,
      );
      const rtl = await users.create({ email: 'dana@news.test', name: 'דנה محمد 李雷', role: 'editor' }, 'test');
      assert.equal(rtl.name, 'דנה محمد 李雷', 'legitimate scripts are accepted (an invitation: no password given)');
    });

    test('first-admin setup happens once, even when two race', async () => {
      const input = (n: number) => ({ email: `boss${n}@news.test`, name: `Boss ${n}`, password: 'a good long password' });
      const results = await Promise.allSettled([users.setupFirstAdmin(input(1)), users.setupFirstAdmin(input(2))]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.equal((await users.list()).filter((u) => u.role === 'admin').length, 1);
      await assert.rejects(users.setupFirstAdmin(input(3)), { code: 'NOT_FOUND' });
    });

    test('sessions: random ids stored hashed; idle and absolute expiry; revocation per user', async () => {
      const sessions = new SessionsService({ db: t.db, clock });
      const u = (await users.list())[0];
      const { token } = await sessions.create(u.id, 'full', { ip: '192.0.2.1', userAgent: 'test' });
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      assert.equal((await sessions.resolve(token))?.userId, u.id);
      for (const junk of [undefined, '', 'x', token + 'x', token.slice(1) + 'A', "' OR 1=1 --"]) assert.equal(await sessions.resolve(junk), null);
      clock.advance(2 * 3600_000);
      assert.equal(await sessions.resolve(token), null, 'idle 2 h');
      const second = await sessions.create(u.id, 'full', { ip: '', userAgent: '' });
      const third = await sessions.create(u.id, 'full', { ip: '', userAgent: '' });
      assert.equal(await sessions.destroyAllForUser(u.id), 2);
      assert.equal(await sessions.resolve(second.token), null);
      assert.equal(await sessions.resolve(third.token), null);
      const pending = await sessions.create(u.id, 'totp', { ip: '', userAgent: '' });
      clock.advance(5 * 60_000);
      assert.equal(await sessions.resolve(pending.token), null, 'a half session lives 5 minutes');
    });

    test('throttle: blocks at the limit with a growing wait, per key, and forgets after a quiet window', async () => {
      const throttle = new Throttle({ db: t.db, clock });
      const key = 'login:someone@news.test|192.0.2.5';
      for (let i = 1; i < ACCOUNT_IP_RULE.limit; i++) await throttle.fail(key, ACCOUNT_IP_RULE);
      await throttle.check(key);
      await assert.rejects(throttle.fail(key, ACCOUNT_IP_RULE), (e: RateLimited) => e instanceof RateLimited && e.retryAfterSeconds === 60);
      await assert.rejects(throttle.check(key), RateLimited);
      await throttle.check('login:someone@news.test|192.0.2.6');
      clock.advance(60_000);
      await throttle.check(key);
      await assert.rejects(throttle.fail(key, ACCOUNT_IP_RULE), (e: RateLimited) => e.retryAfterSeconds === 120);
      clock.advance(120_000 + ACCOUNT_IP_RULE.windowMs + 1);
      await throttle.fail(key, ACCOUNT_IP_RULE);
      await throttle.check(key);
      await throttle.clear(key);
    });
  });
}
