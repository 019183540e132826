import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/shared/errors.ts';
import { RateLimited } from '../../domain/users/index.ts';
import { clientMeta, type AdminContext } from './context.ts';
import { field } from './forms.ts';
import { CsrfField, Notice, TextField, sendAdminPage } from './layout.tsx';
import { safeNext } from './next-path.ts';

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
      <p>
        <a href="/admin/forgot">Forgot your password?</a>
      </p>
    </>
  );
}

function CodeForm(p: { csrf: string; next: string; error?: string }) {
  return (
    <form method="post" action="/admin/sign-in/code" class="stack-form" novalidate>
      <CsrfField token={p.csrf} />
      <input type="hidden" name="next" value={p.next} />
      <TextField name="code" label="Code from your authenticator app" hint="Six digits; a new one every 30 seconds." error={p.error} autocomplete="one-time-code" inputMode="numeric" maxLength={10} required />
      <button type="submit">Verify</button>
    </form>
  );
}

/** 429 keeps the form and says when to come back; the Retry-After header says the same to machines. */
function limited(reply: FastifyReply, e: RateLimited): string {
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
    return sendAdminPage(req, reply, { title: 'Sign in', content: <SignInForm csrf={cookies.preCsrf(req, reply)} next={next} info={info} /> });
  });

  app.post('/sign-in', async (req, reply) => {
    const email = field(req.body, 'email');
    const next = safeNext(field(req.body, 'next'));
    const again = (status: number, error: string) =>
      sendAdminPage(req, reply, { title: 'Sign in', status, content: <SignInForm csrf={cookies.preCsrf(req, reply)} next={next} email={email} error={error} /> });
    try {
      const result = await auth.signIn(email, field(req.body, 'password'), clientMeta(req));
      // Rotation: whatever session id came in (planted or old) is dropped, never adopted.
      await auth.signOut(cookies.session(req), null, clientMeta(req));
      cookies.setSession(reply, result.token);
      const to = result.stage === 'full' ? next : `/admin/sign-in/code?next=${encodeURIComponent(next)}`;
      return reply.code(303).header('location', to).send();
    } catch (e) {
      if (e instanceof RateLimited) return again(429, limited(reply, e));
      if (e instanceof AppError && e.code === 'UNAUTHENTICATED') return again(401, e.message);
      throw e;
    }
  });

  app.get<Q>('/sign-in/code', async (req, reply) => {
    const next = safeNext(req.query.next);
    if (!(await auth.hasPendingTotp(cookies.session(req)))) return reply.code(303).header('location', `/admin/sign-in?next=${encodeURIComponent(next)}`).send();
    return sendAdminPage(req, reply, { title: 'Two-step sign-in', content: <CodeForm csrf={cookies.preCsrf(req, reply)} next={next} /> });
  });

  app.post('/sign-in/code', async (req, reply) => {
    const next = safeNext(field(req.body, 'next'));
    const again = (status: number, error: string) =>
      sendAdminPage(req, reply, { title: 'Two-step sign-in', status, content: <CodeForm csrf={cookies.preCsrf(req, reply)} next={next} error={error} /> });
    try {
      const result = await auth.completeTotp(cookies.session(req), field(req.body, 'code'), clientMeta(req));
      cookies.setSession(reply, result.token);
      return reply.code(303).header('location', next).send();
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
