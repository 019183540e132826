import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/shared/errors.ts';
import { RateLimited } from '../../domain/users/index.ts';
import { clientMeta, type AdminContext } from './context.ts';
import { field } from './forms.ts';
import { CsrfField, Notice, TextField, sendAdminPage } from './layout.tsx';
import { safeNext } from './next-path.ts';
import { ENROL_PATH, PasskeyButton, passkeysScript } from './passkey-button.tsx';

type Q = { Querystring: { next?: string; reset?: string } };

function SignInForm(p: { csrf: string; next: string; email?: string; error?: string; info?: string }) {
  return (
    <>
      {p.error ? <Notice kind="error">{p.error}</Notice> : null}
      {p.info ? <Notice kind="success">{p.info}</Notice> : null}
      <form method="post" action="/admin/sign-in" class="stack-form" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <TextField name="email" label="Email" type="email" autocomplete="username" value={p.email} required />
        <TextField name="password" label="Password" type="password" autocomplete="current-password" required />
        <button type="submit">Sign in</button>
      </form>
      <PasskeyButton mode="sign-in" csrf={p.csrf} next={p.next} label="Use a passkey" />
      <p>
        <a href="/admin/forgot">Forgot your password?</a>
      </p>
    </>
  );
}

interface Factors {
  totp: boolean;
  passkeys: boolean;
}

/** The second step: the passkey button when the member has one, and the code field (TOTP, or a recovery code, which anyone enrolled may have). */
function CodeForm(p: { csrf: string; next: string; factors: Factors; error?: string }) {
  const label = p.factors.totp ? 'Code from your authenticator app, or a recovery code' : 'Recovery code';
  const hint = p.factors.totp ? 'Six digits, a new one every 30 seconds; or one of your recovery codes (xxxxx-xxxxx).' : 'One of the recovery codes you saved (xxxxx-xxxxx).';
  return (
    <>
      {p.factors.passkeys ? <PasskeyButton mode="second" csrf={p.csrf} next={p.next} label="Use your passkey" /> : null}
      <form method="post" action="/admin/sign-in/code" class="stack-form" novalidate>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <TextField name="code" label={label} hint={hint} error={p.error} autocomplete="one-time-code" maxLength={20} required />
        <button type="submit">Verify</button>
      </form>
    </>
  );
}

/** 429 keeps the form and says when to come back; the Retry-After header says the same to machines. */
export function limited(reply: FastifyReply, e: RateLimited): string {
  reply.header('retry-after', String(e.retryAfterSeconds));
  const minutes = Math.max(1, Math.ceil(e.retryAfterSeconds / 60));
  return `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** Sign-in (password, then the code when enrolled). The forms here are checked against the pre-session CSRF cookie. */
export function registerSignInRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { auth } = ctx.deps;
  const { cookies } = ctx;

  app.get<Q>('/sign-in', async (req, reply) => {
    const next = safeNext(req.query.next);
    if (await auth.resolve(cookies.session(req))) return reply.code(303).header('location', next).send();
    const info = req.query.reset === '1' ? 'Your password has been changed. Sign in with the new one.' : undefined;
    return sendAdminPage(req, reply, { title: 'Sign in', scripts: [passkeysScript()], content: <SignInForm csrf={cookies.preCsrf(req, reply)} next={next} info={info} /> });
  });

  app.post('/sign-in', async (req, reply) => {
    const email = field(req.body, 'email');
    const next = safeNext(field(req.body, 'next'));
    const again = (status: number, error: string) =>
      sendAdminPage(req, reply, { title: 'Sign in', status, scripts: [passkeysScript()], content: <SignInForm csrf={cookies.preCsrf(req, reply)} next={next} email={email} error={error} /> });
    try {
      const result = await auth.signIn(email, field(req.body, 'password'), clientMeta(req));
      // Rotation: whatever session id came in (planted or old) is dropped, never adopted.
      await auth.signOut(cookies.session(req), null, clientMeta(req));
      cookies.setSession(reply, result.token);
      const to = result.stage === 'totp' ? `/admin/sign-in/code?next=${encodeURIComponent(next)}` : result.mustEnrol ? ENROL_PATH : next;
      return reply.code(303).header('location', to).send();
    } catch (e) {
      if (e instanceof RateLimited) return again(429, limited(reply, e));
      if (e instanceof AppError && e.code === 'UNAUTHENTICATED') return again(401, e.message);
      throw e;
    }
  });

  app.get<Q>('/sign-in/code', async (req, reply) => {
    const next = safeNext(req.query.next);
    const factors = await auth.pendingSecondFactor(cookies.session(req));
    if (!factors) return reply.code(303).header('location', `/admin/sign-in?next=${encodeURIComponent(next)}`).send();
    return sendAdminPage(req, reply, { title: 'Two-step sign-in', scripts: [passkeysScript()], content: <CodeForm csrf={cookies.preCsrf(req, reply)} next={next} factors={factors} /> });
  });

  app.post('/sign-in/code', async (req, reply) => {
    const next = safeNext(field(req.body, 'next'));
    const again = async (status: number, error: string) => {
      const factors = (await auth.pendingSecondFactor(cookies.session(req))) ?? { totp: true, passkeys: false };
      return sendAdminPage(req, reply, { title: 'Two-step sign-in', status, scripts: [passkeysScript()], content: <CodeForm csrf={cookies.preCsrf(req, reply)} next={next} factors={factors} error={error} /> });
    };
    try {
      const result = await auth.completeTotp(cookies.session(req), field(req.body, 'code'), clientMeta(req));
      cookies.setSession(reply, result.token);
      return reply.code(303).header('location', result.mustEnrol ? ENROL_PATH : next).send();
    } catch (e) {
      if (e instanceof RateLimited) return again(429, limited(reply, e));
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED') return again(422, e.message);
      if (e instanceof AppError && e.code === 'UNAUTHENTICATED') return reply.code(303).header('location', `/admin/sign-in?next=${encodeURIComponent(next)}`).send();
      throw e;
    }
  });
}

/** Sign-out lives in the authenticated context: it needs the session's own CSRF token. */
export function registerSignOutRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { auth } = ctx.deps;
  app.post('/sign-out', async (req: FastifyRequest, reply) => {
    await auth.signOut(ctx.cookies.session(req), req.staff, clientMeta(req));
    ctx.cookies.clearSession(reply);
    return reply.code(303).header('location', '/admin/sign-in').send();
  });
  app.post('/sign-out-everywhere', async (req, reply) => {
    if (req.staff) await auth.signOutEverywhere(req.staff, clientMeta(req));
    ctx.cookies.clearSession(reply);
    return reply.code(303).header('location', '/admin/sign-in').send();
  });
}
