import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser';

/**
 * Passkey buttons on the sign-in, second-step and account pages
 * (bundled to public/admin/passkeys.js by scripts/build-assets.mjs; the
 * strict CSP allows no inline script). Every button is rendered hidden and
 * shown only where the browser can do WebAuthn, so without JavaScript the
 * pages are the password and code forms they always were.
 *
 * A button names its two endpoints: `data-options` (POST, answers the
 * WebAuthn options with a fresh server-side challenge) and `data-submit`
 * (POST, checks the browser's answer and names where to go next). The CSRF
 * token travels in the x-csrf-token header, as for every scripted request.
 */

async function post(url: string, csrf: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const err = data.error as { message?: string } | undefined;
    throw new Error(err?.message ?? (typeof data.message === 'string' ? data.message : `The server answered ${res.status}. Try again.`));
  }
  return data;
}

function say(button: HTMLButtonElement, text: string): void {
  const out = document.getElementById(button.dataset.status ?? '');
  if (out) out.textContent = text;
}

async function run(button: HTMLButtonElement): Promise<void> {
  const csrf = button.dataset.csrf ?? '';
  const register = button.dataset.passkey === 'register';
  const nameInput = button.dataset.nameInput ? (document.getElementById(button.dataset.nameInput) as HTMLInputElement | null) : null;
  const optionsJSON = (await post(button.dataset.options!, csrf, {})) as never;
  const response = register ? await startRegistration({ optionsJSON }) : await startAuthentication({ optionsJSON });
  const result = await post(button.dataset.submit!, csrf, { response, name: nameInput?.value ?? '', next: button.dataset.next ?? '' });
  if (typeof result.location === 'string' && result.location.startsWith('/')) window.location.assign(result.location);
}

function enhance(button: HTMLButtonElement): void {
  button.hidden = false;
  button.addEventListener('click', () => {
    button.disabled = true;
    say(button, '');
    run(button)
      .catch((e: unknown) => {
        // The person closed the browser's dialog: not an error worth a message.
        if (e instanceof WebAuthnError && e.code === 'ERROR_CEREMONY_ABORTED') return;
        if (e instanceof DOMException && e.name === 'NotAllowedError') return say(button, 'No passkey was used. Try again when you are ready.');
        say(button, e instanceof Error ? e.message : 'That did not work. Try again.');
      })
      .finally(() => {
        button.disabled = false;
      });
  });
}

if (browserSupportsWebAuthn()) {
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-passkey]')) enhance(b);
}
