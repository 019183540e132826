import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { CHALLENGE_TTL_MS, PasskeyRejected, RECOVERY_CODE_COUNT, type Staff } from '../../src/domain/users/index.ts';
import { advancePasskeyCounter } from '../../src/domain/users/factors.repo.ts';
import { browser, csrfFrom, makeStaff, PASSWORD } from '../http/admin-auth-helpers.ts';
import { createTestApp, DIALECTS, type TestApp } from '../helpers/dialects.ts';

const META = { ip: '198.51.100.4', userAgent: 'test' };

/** What an authenticator app shows at `at`, computed by otpauth itself (not by our code under test). */
function appCode(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: at.getTime() });
}

/** A browser's WebAuthn answer naming `challenge`, for an unknown credential: enough to reach the challenge check. */
function answerFor(challenge: string, credentialId = 'bm90LWEta2V5') {
  const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin: 'http://news.test' })).toString('base64url');
  return { id: credentialId, rawId: credentialId, type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON, authenticatorData: '', signature: '' } };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: second factors`, () => {
    let app: TestApp;
    let n = 0;
    before(async () => {
      app = await createTestApp(dialect);
    });
    after(async () => app?.cleanup());

    const member = (role: 'editor' | 'author' | 'admin' = 'author') => makeStaff(app, role, `m${++n}@news.test`);

    async function enrolTotp(staff: Staff): Promise<string> {
      const { secret } = await app.users.beginTotp(staff.id, 'Test');
      await app.users.confirmTotp(staff.id, appCode(secret, app.clock.now()));
      return secret;
    }

    test('TOTP: a code works once; the same code again in its window is refused, the next step’s code is not', async () => {
      const staff = await member();
      const secret = await enrolTotp(staff);
      // The enrolment code itself was burnt: it cannot sign in.
      assert.equal(await app.users.useTotpCode(staff.id, appCode(secret, app.clock.now())), false, 'the confirming code is spent');
      app.clock.advance(30_000);
      const code = appCode(secret, app.clock.now());
      assert.equal(await app.users.useTotpCode(staff.id, code), true);
      assert.equal(await app.users.useTotpCode(staff.id, code), false, 'replayed within its window');
      app.clock.advance(10_000);
      assert.equal(await app.users.useTotpCode(staff.id, code), false, 'still in the ±1 window, still refused');
      app.clock.advance(30_000);
      assert.equal(await app.users.useTotpCode(staff.id, appCode(secret, app.clock.now())), true, 'the next step works');
    });

    test('recovery codes: ten, distinct, stored hashed, each works once and only for its owner; regenerating kills the old ones', async () => {
      const staff = await member();
      const other = await member();
      await enrolTotp(staff);
      const codes = await app.factors.regenerateRecoveryCodes(staff.id);
      assert.equal(codes.length, RECOVERY_CODE_COUNT);
      assert.equal(new Set(codes).size, RECOVERY_CODE_COUNT);
      for (const c of codes) assert.match(c, /^[a-z2-9]{5}-[a-z2-9]{5}$/);
      const stored = await app.db.kysely.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', staff.id).execute();
      assert.equal(stored.length, RECOVERY_CODE_COUNT);
      for (const { code_hash } of stored) for (const c of codes) assert.ok(!code_hash.includes(c.replace('-', '')), 'no code in the clear');

      assert.equal(await app.factors.useRecoveryCode(other.id, codes[0]), false, 'not another member’s');
      assert.equal(await app.factors.useRecoveryCode(staff.id, ` ${codes[0].toUpperCase().replace('-', ' ')} `), true, 'case and spacing do not matter');
      assert.equal(await app.factors.useRecoveryCode(staff.id, codes[0]), false, 'used once');
      assert.equal((await app.factors.summary(staff.id)).recoveryCodesLeft, RECOVERY_CODE_COUNT - 1);

      const fresh = await app.factors.regenerateRecoveryCodes(staff.id);
      assert.equal(await app.factors.useRecoveryCode(staff.id, codes[1]), false, 'an old unused code died with the regeneration');
      assert.equal(await app.factors.useRecoveryCode(staff.id, fresh[1]), true);
    });

    test('a recovery code finishes the second step of a sign-in once; wrong answers are throttled and end the step', async () => {
      const staff = await member();
      await enrolTotp(staff);
      const [code] = await app.factors.regenerateRecoveryCodes(staff.id);
      const first = await app.auth.signIn(staff.email, PASSWORD, META);
      assert.equal(first.stage, 'totp');
      const done = await app.auth.completeTotp(first.token, code, META);
      assert.equal(done.stage, 'full');
      const again = await app.auth.signIn(staff.email, PASSWORD, META);
      await assert.rejects(app.auth.completeTotp(again.token, code, META), /not accepted/);
      for (let i = 0; i < 3; i++) await assert.rejects(app.auth.completeTotp(again.token, 'abcde-fghjk', META), (e: Error & { code?: string }) => e.code === 'VALIDATION_FAILED');
      await assert.rejects(app.auth.completeTotp(again.token, 'abcde-fghjk', META), (e: Error & { code?: string }) => e.code === 'RATE_LIMITED');
      assert.equal(await app.auth.pendingSecondFactor(again.token), null, 'the half session ended at the limit');
    });

    test('WebAuthn challenges: answered once, for their purpose and subject, and not after they expire', async () => {
      const staff = await member();
      const used = (e: unknown) => e instanceof PasskeyRejected && /expired or was already used/.test(e.message);
      const reachedKey = (e: unknown) => e instanceof PasskeyRejected && !/expired or was already used/.test(e.message);

      const a = await app.passkeys.authenticationOptions('sign-in', 'browser:one');
      await assert.rejects(app.passkeys.verify('sign-in', 'browser:two', answerFor(a.challenge)), used, 'another browser');
      await assert.rejects(app.passkeys.verify('second', 'browser:one', answerFor(a.challenge)), used, 'another purpose');
      // The right subject gets past the challenge (and fails on the unknown key)…
      await assert.rejects(app.passkeys.verify('sign-in', 'browser:one', answerFor(a.challenge)), reachedKey);
      // …and the challenge is gone after that one answer.
      await assert.rejects(app.passkeys.verify('sign-in', 'browser:one', answerFor(a.challenge)), used, 'single use');

      const b = await app.passkeys.authenticationOptions('second', `user:${staff.id}`, staff.id);
      app.clock.advance(CHALLENGE_TTL_MS + 1000);
      await assert.rejects(app.passkeys.verify('second', `user:${staff.id}`, answerFor(b.challenge), staff.id), used, 'expired');
      const c = await app.passkeys.authenticationOptions('second', `user:${staff.id}`, staff.id);
      app.clock.advance(CHALLENGE_TTL_MS - 1000);
      await assert.rejects(app.passkeys.verify('second', `user:${staff.id}`, answerFor(c.challenge), staff.id), reachedKey, 'just in time');

      const d = await app.passkeys.registrationOptions(staff);
      await app.factors.purgeExpiredChallenges();
      assert.ok(await app.db.kysely.selectFrom('auth_challenges').select('challenge').where('challenge', '=', d.challenge).executeTakeFirst(), 'a live challenge survives the purge');
      app.clock.advance(CHALLENGE_TTL_MS + 1);
      await app.factors.purgeExpiredChallenges();
      assert.equal(await app.db.kysely.selectFrom('auth_challenges').select('challenge').where('challenge', '=', d.challenge).executeTakeFirst(), undefined);
      for (const junk of [null, {}, { response: { clientDataJSON: 'not json' } }, answerFor('short')]) await assert.rejects(app.passkeys.verify('sign-in', 'browser:one', junk), used);
    });

    test('an admin reset for a lost device removes the app, every passkey and the recovery codes, and ends the sessions', async () => {
      const staff = await member();
      await enrolTotp(staff);
      await app.factors.regenerateRecoveryCodes(staff.id);
      const at = app.clock.now().toISOString();
      await app.db.kysely
        .insertInto('passkeys')
        .values({ user_id: staff.id, credential_id: `cred-${staff.id}`, public_key: 'AA', counter: 0, transports: '[]', name: 'Phone', created_at: at, last_used_at: null })
        .execute();
      assert.equal((await app.factors.passkeyCounts()).get(staff.id), 1);
      // The signature counter only moves forward (a clone or a replayed assertion reports an old one); 0 is a key without a counter.
      const { id } = await app.db.kysely.selectFrom('passkeys').select('id').where('user_id', '=', staff.id).executeTakeFirstOrThrow();
      assert.equal(await advancePasskeyCounter(app.db.kysely, id, 0, at), true, 'no counter yet');
      assert.equal(await advancePasskeyCounter(app.db.kysely, id, 5, at), true);
      assert.equal(await advancePasskeyCounter(app.db.kysely, id, 0, at), false, 'a counter once seen does not fall back to 0');
      assert.equal(await advancePasskeyCounter(app.db.kysely, id, 5, at), false, 'same counter again');
      assert.equal(await advancePasskeyCounter(app.db.kysely, id, 3, at), false, 'an older counter');
      assert.equal(await advancePasskeyCounter(app.db.kysely, id, 6, at), true);
      const session = await app.auth.signIn(staff.email, PASSWORD, META);
      await app.users.resetTotp(staff.id, 'user:1');
      assert.deepEqual(await app.factors.summary(staff.id), { totp: false, passkeys: 0, recoveryCodesLeft: 0 });
      assert.equal(await app.auth.pendingSecondFactor(session.token), null, 'sessions ended');
      assert.equal((await app.auth.signIn(staff.email, PASSWORD, META)).stage, 'full', 'the password alone again, to enrol anew');
    });

    test('required second factor: a member of a listed role without one is audited and can reach only enrolment until enrolled', async () => {
      await app.settings.update({ requireSecondFactorRoles: ['editor', 'admin'] }, 'user:1');
      const editor = await member('editor');
      const author = await member('author');
      const signIn = await app.auth.signIn(editor.email, PASSWORD, META);
      assert.equal(signIn.stage === 'full' && signIn.mustEnrol, true);
      const other = await app.auth.signIn(author.email, PASSWORD, META);
      assert.equal(other.stage === 'full' && other.mustEnrol, false, 'authors are not listed');
      const audit = await app.db.kysely.selectFrom('audit_entries').select(['action', 'target_id']).where('action', 'in', ['auth.enrolment-required', 'settings.update']).execute();
      assert.ok(audit.some((a) => a.action === 'auth.enrolment-required' && String(a.target_id) === String(editor.id)));
      assert.ok(audit.some((a) => a.action === 'settings.update'));

      const b = browser(app, '198.51.100.77');
      const token = csrfFrom((await b.get('/admin/sign-in')).body);
      const res = await b.post('/admin/sign-in', { _csrf: token, email: editor.email, password: PASSWORD, next: '/admin/tags' });
      assert.equal(res.headers.location, '/admin/account?enrol=1', 'sent to enrol, not to next=');
      const gated = await b.get('/admin/tags');
      assert.equal(gated.statusCode, 303);
      assert.equal(gated.headers.location, '/admin/account?enrol=1');
      const account = await b.get('/admin/account?enrol=1');
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /must use a second factor/);
      assert.doesNotMatch(account.body, /class="admin-nav"/, 'no nav to pages that would not open');
      const csrf = csrfFrom(account.body);
      const post = await b.post('/admin/tags', { _csrf: csrf, name: 'Sneaked in' });
      assert.equal(post.statusCode, 403);
      assert.equal((await app.tags.list()).some((t) => t.name === 'Sneaked in'), false, 'nothing written');

      await enrolTotp(editor);
      assert.equal((await b.get('/admin/tags')).statusCode, 200, 'enrolling opens the newsroom at once');
      assert.match((await b.get('/admin/account')).body, /class="admin-nav"/);
      assert.equal((await app.auth.signIn(editor.email, PASSWORD, META)).stage, 'totp', 'and the next sign-in asks for the factor');
      await app.settings.update({ requireSecondFactorRoles: [] }, 'user:1');
      await assert.rejects(app.settings.update({ requireSecondFactorRoles: ['boss'] as never }, 'user:1'), /distinct roles/);
    });
  });
}
