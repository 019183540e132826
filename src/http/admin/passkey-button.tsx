import { assetUrl } from './stories/assets.ts';

/** Where a member whose role requires a second factor, and who has none, is sent; nothing else opens until they enrol. */
export const ENROL_PATH = '/admin/account?enrol=1';

export function passkeysScript(): string {
  return assetUrl('admin/passkeys.js');
}

const ENDPOINTS = {
  'sign-in': { options: '/admin/sign-in/passkey/options', submit: '/admin/sign-in/passkey' },
  second: { options: '/admin/sign-in/second/options', submit: '/admin/sign-in/second/passkey' },
  register: { options: '/admin/account/passkeys/options', submit: '/admin/account/passkeys' },
} as const;

/**
 * A button src/passkeys/main.ts brings to life. Rendered hidden: a browser
 * without JavaScript or WebAuthn never sees a button that cannot work.
 * The status line beside it carries the script's messages to screen readers.
 */
export function PasskeyButton(p: { mode: keyof typeof ENDPOINTS; csrf: string; label: string; next?: string; nameInput?: string }) {
  const e = ENDPOINTS[p.mode];
  const status = `passkey-status-${p.mode}`;
  return (
    <div class="passkey-action">
      <button
        type="button"
        class={p.mode === 'register' ? undefined : 'button-secondary'}
        hidden
        data-passkey={p.mode}
        data-options={e.options}
        data-submit={e.submit}
        data-csrf={p.csrf}
        data-next={p.next}
        data-name-input={p.nameInput}
        data-status={status}
      >
        {p.label}
      </button>
      <p id={status} class="passkey-status" role="status" aria-live="polite" />
    </div>
  );
}
