import type { FactorSummary, Passkey, Staff } from '../../domain/users/index.ts';
import { PASSWORD_MIN } from '../../domain/users/index.ts';
import type { FieldErrors } from './forms.ts';
import { CsrfField, Notice, TextField } from './layout.tsx';
import { PasskeyButton } from './passkey-button.tsx';

export const DONE: Record<string, string> = {
  password: 'Your password has been changed. Every other session has been signed out.',
  totp: 'Two-step sign-in is on. You will be asked for a code each time you sign in.',
  passkey: 'Your passkey is saved. You can sign in with it alone, or use it after your password.',
  'passkey-removed': 'The passkey was removed.',
};

export interface AccountView {
  staff: Staff;
  csrf: string;
  factors: FactorSummary;
  passkeys: Passkey[];
  /** The site requires a second factor of this member's role and they have none: nothing else opens until they enrol. */
  mustEnrol: boolean;
  errors?: FieldErrors;
  done?: string;
}

function when(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : 'never';
}

function PasskeysSection(p: AccountView) {
  const e = p.errors ?? {};
  return (
    <section aria-labelledby="pk-h">
      <h2 id="pk-h">Passkeys</h2>
      <p>A passkey lives in your phone, computer or security key and is unlocked by your fingerprint, face or PIN. With one you can sign in without your password, or use it as the second step after it.</p>
      {p.passkeys.length ? (
        <ul class="passkey-list">
          {p.passkeys.map((k) => (
            <li>
              <strong>{k.name}</strong> · added {when(k.createdAt)} · last used {when(k.lastUsedAt)}
              <form method="post" action={`/admin/account/passkeys/${k.id}/remove`} class="stack-form passkey-remove">
                <CsrfField token={p.csrf} />
                <TextField name={`password-${k.id}`} label={`Your password, to remove “${k.name}”`} type="password" autocomplete="current-password" error={e[`password-${k.id}`]} required />
                <button type="submit" class="button-secondary">
                  Remove passkey
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>You have no passkey yet.</p>
      )}
      <div class="stack-form">
        <TextField name="passkeyName" label="Name for a new passkey" hint="So you can tell them apart, e.g. “Work laptop”." maxLength={60} />
        <PasskeyButton mode="register" csrf={p.csrf} nameInput="f-passkeyName" label="Add a passkey" />
        <noscript>
          <p>Adding a passkey needs JavaScript.</p>
        </noscript>
      </div>
    </section>
  );
}

function RecoverySection(p: AccountView) {
  if (!p.factors.totp && !p.factors.passkeys) return null;
  const left = p.factors.recoveryCodesLeft;
  return (
    <section aria-labelledby="rc-h">
      <h2 id="rc-h">Recovery codes</h2>
      {left ? <p>{left} unused recovery codes left. Each works once, in place of your app’s code or passkey.</p> : <Notice kind="info">You have no recovery codes. Create them now, in case you lose your phone or passkey.</Notice>}
      <form method="post" action="/admin/account/recovery-codes" class="inline-form">
        <CsrfField token={p.csrf} />
        <button type="submit" class={left ? 'button-secondary' : undefined}>
          {left ? 'Replace my recovery codes' : 'Create recovery codes'}
        </button>
      </form>
    </section>
  );
}

export function AccountPage(p: AccountView) {
  const e = p.errors ?? {};
  return (
    <>
      {p.mustEnrol ? (
        <Notice kind="error">Your role ({p.staff.role}) must use a second factor. Set up an authenticator app or add a passkey below; until then the rest of the newsroom stays closed.</Notice>
      ) : null}
      {p.done && DONE[p.done] ? <Notice kind="success">{DONE[p.done]}</Notice> : null}
      <dl class="facts">
        <dt>Name</dt>
        <dd>{p.staff.name}</dd>
        <dt>Email</dt>
        <dd>{p.staff.email}</dd>
        <dt>Role</dt>
        <dd>{p.staff.role}</dd>
      </dl>
      <section aria-labelledby="totp-h">
        <h2 id="totp-h">Two-step sign-in with an app</h2>
        {p.factors.totp ? (
          <p>On. If you lose your phone, use a recovery code, or ask an admin to reset your second factors so you can enrol again.</p>
        ) : (
          <form method="post" action="/admin/account/totp/start" class="inline-form">
            <CsrfField token={p.csrf} />
            <p>Off. Add a code from an authenticator app to every sign-in.</p>
            <button type="submit">Set up two-step sign-in</button>
          </form>
        )}
      </section>
      <PasskeysSection {...p} />
      <RecoverySection {...p} />
      <section aria-labelledby="pw-h">
        <h2 id="pw-h">Change password</h2>
        <form method="post" action="/admin/account/password" class="stack-form" novalidate>
          <CsrfField token={p.csrf} />
          <TextField name="current" label="Current password" type="password" error={e.current} autocomplete="current-password" required />
          <TextField name="password" label="New password" type="password" error={e.password} hint={`At least ${PASSWORD_MIN} characters.`} autocomplete="new-password" required />
          <TextField name="confirm" label="New password again" type="password" error={e.confirm} autocomplete="new-password" required />
          <button type="submit">Change password</button>
        </form>
      </section>
      <section aria-labelledby="out-h">
        <h2 id="out-h">Sessions</h2>
        <form method="post" action="/admin/sign-out-everywhere" class="inline-form">
          <CsrfField token={p.csrf} />
          <button type="submit" class="button-secondary">Sign out everywhere</button>
        </form>
      </section>
    </>
  );
}

/** Enrolment: the QR code (an inline data: SVG image, which the CSP's img-src allows), the key to type, and the first code. */
export function TotpPage(p: { csrf: string; secret: string; uri: string; qr: string; error?: string }) {
  return (
    <>
      <ol class="steps">
        <li>
          In your authenticator app, add an account and scan this code:
          <p>
            <img class="totp-qr" src={p.qr} width={220} height={220} alt="QR code of the two-step sign-in key (the same key is written below)" />
          </p>
          or enter this key by hand:
          <p class="secret">
            <code>{p.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
          or open this link on the phone: <a href={p.uri}>{p.uri}</a>
        </li>
        <li>Enter the six-digit code the app now shows.</li>
      </ol>
      <form method="post" action="/admin/account/totp" class="stack-form" novalidate>
        <CsrfField token={p.csrf} />
        <TextField name="code" label="Code" error={p.error} autocomplete="one-time-code" inputMode="numeric" maxLength={10} required />
        <button type="submit">Turn on</button>
      </form>
    </>
  );
}

/** Shown once, straight from the POST that made them: they are stored only hashed. */
export function RecoveryCodesPage(p: { codes: string[] }) {
  return (
    <>
      <Notice kind="info">Save these codes now (print them or keep them in a password manager): this is the only time they are shown. Each works once. Any earlier codes no longer work.</Notice>
      <ol class="recovery-codes">
        {p.codes.map((c) => (
          <li>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <p>
        <a href="/admin/account">I have saved them: back to my account</a>
      </p>
    </>
  );
}
