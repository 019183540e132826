import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { assertSameKey, SecretBox, SecretBoxError } from '../../src/domain/secrets/index.ts';
import { fixedClock } from '../../src/domain/shared/clock.ts';
import { totpCode, UsersService } from '../../src/domain/users/index.ts';
import { resolveSecretKey } from '../../src/secret-key.ts';
import { DIALECTS, createTestDb, type TestDb } from '../helpers/dialects.ts';

describe('SecretBox and the secret key', () => {
  test('seals so that only the same key opens it; a changed byte or another key is refused', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    assert.match(sealed, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/);
    assert.notEqual(box.seal('same'), box.seal('same'), 'a fresh nonce every time');
    assert.equal(box.open(sealed), 'JBSWY3DPEHPK3PXP');
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    assert.throws(() => box.open(tampered), SecretBoxError);
    assert.throws(() => new SecretBox(randomBytes(32)).open(sealed), SecretBoxError);
    assert.throws(() => box.open('JBSWY3DPEHPK3PXP'), SecretBoxError);
    assert.throws(() => new SecretBox(randomBytes(16)), SecretBoxError);
  });

  test('DATELINE_SECRET_KEY: hex or base64 of 32 bytes; anything else stops the start', () => {
    const hex = randomBytes(32).toString('hex');
    assert.equal(loadConfig({ DATELINE_SECRET_KEY: hex }).secretKey?.toString('hex'), hex);
    const b64 = randomBytes(32).toString('base64url');
    assert.equal(loadConfig({ DATELINE_SECRET_KEY: b64 }).secretKey?.toString('base64url'), b64);
    for (const bad of ['short', 'x'.repeat(64), randomBytes(16).toString('hex')]) {
      assert.throws(() => loadConfig({ DATELINE_SECRET_KEY: bad }), /DATELINE_SECRET_KEY must be 32 random bytes/);
    }
    assert.equal(loadConfig({}).secretKey, null);
  });

  test('without the variable the key is made once in the data folder, owner-only, and then reused', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dateline-key-'));
    try {
      const config = loadConfig({ DATELINE_DATA_DIR: dir });
      const first = resolveSecretKey(config);
      const second = resolveSecretKey(config);
      assert.equal(first.length, 32);
      assert.deepEqual(first, second);
      assert.equal(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777, 0o600);
      fs.writeFileSync(path.join(dir, 'secret.key'), 'not a key\n');
      assert.throws(() => resolveSecretKey(config), /does not hold a 64-hex-digit key/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: secrets at rest`, () => {
    let t: TestDb;
    const clock = fixedClock(new Date('2026-05-21T10:00:00Z'));
    const box = new SecretBox(randomBytes(32));
    let users: UsersService;
    before(async () => {
      t = await createTestDb(dialect);
      users = new UsersService({ db: t.db, clock, box });
    });
    after(async () => t?.cleanup());

    const rowOf = (id: number) => t.db.kysely.selectFrom('users').select(['totp_secret', 'totp_pending']).where('id', '=', id).executeTakeFirstOrThrow();

    test('a TOTP secret is stored sealed, from enrolment on, and still checks codes', async () => {
      const u = await users.create({ email: 'two-step@news.test', name: 'Two Step', role: 'editor', password: 'a good long password' }, 'test');
      const { secret } = await users.beginTotp(u.id, 'Daily');
      assert.match((await rowOf(u.id)).totp_pending!, /^v1\./);
      assert.doesNotMatch((await rowOf(u.id)).totp_pending!, new RegExp(secret));
      assert.equal((await users.pendingTotp(u.id, 'Daily'))?.secret, secret, 'shown again while enrolling');
      await users.confirmTotp(u.id, totpCode(secret, clock.now()));
      const stored = await rowOf(u.id);
      assert.match(stored.totp_secret!, /^v1\./);
      assert.equal(stored.totp_pending, null);
      clock.advance(30_000);
      assert.equal(await users.useTotpCode(u.id, totpCode(secret, clock.now())), true);
      assert.equal(await users.useTotpCode(u.id, totpCode(secret, clock.now())), false, 'a code works once');
    });

    test('secrets stored in the clear by an earlier version are sealed at start and keep working', async () => {
      const u = await users.create({ email: 'legacy@news.test', name: 'Legacy', role: 'author', password: 'a good long password' }, 'test');
      const plain = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
      await t.db.kysely.updateTable('users').set({ totp_secret: plain }).where('id', '=', u.id).execute();
      clock.advance(60_000);
      assert.equal(await users.useTotpCode(u.id, totpCode(plain, clock.now())), true, 'read as it is before sealing');
      assert.equal(await users.sealLegacyTotpSecrets(), 1);
      assert.equal(await users.sealLegacyTotpSecrets(), 0, 'idempotent');
      assert.equal(box.open((await rowOf(u.id)).totp_secret!), plain);
      clock.advance(60_000);
      assert.equal(await users.useTotpCode(u.id, totpCode(plain, clock.now())), true);
    });

    test('a start with a different key is refused before it reads anything', async () => {
      await assertSameKey(t.db, box, clock);
      await assertSameKey(t.db, box, clock);
      await assert.rejects(assertSameKey(t.db, new SecretBox(randomBytes(32)), clock), /not the one this database was set up with/);
    });
  });
}
