import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/shared/errors.ts';
import { PASSWORD_MIN, RateLimited } from '../../domain/users/index.ts';
import { clientMeta, type AdminContext } from './context.ts';
import { field, fieldErrors, isFormError, type FieldErrors } from './forms.ts';
import { CsrfField, Notice, TextField, sendAdminPage } from './layout.tsx';

/** One sentence for every outcome, so the page never says whether an address has an account. */
export const FORGOT_SENT = 'If an account exists for that address, we have emailed it a link to choose a new password. The link works once, for 30 minutes.';

function ForgotForm(p: { csrf: string; email?: string; error?: string }) {
  return (
    <>
      {p.error ? <Notice kind="error">{p.error}</Notice> : null}
      <form method="post" action="/admin/forgot" class="stack-form" novalidate>
        <CsrfField token={p.csrf} />
        <TextField name="email" label="Email" type="email" value={p.email} autocomplete="username" required />
        <button type="submit">Email me a link</button>
      </form>
    </>
  );
}

function ResetForm(p: { csrf: string; token: string; errors?: FieldErrors }) {
  const e = p.errors ?? {};
  return (
    <form method="post" action={`/admin/reset/${p.token}`} class="stack-form" novalidate>
      <CsrfField token={p.csrf} />
      <TextField name="password" label="New password" type="password" error={e.password} hint={`At least ${PASSWORD_MIN} characters.`} autocomplete="new-password" required />
      <TextField name="confirm" label="New password again" type="password" error={e.confirm} autocomplete="new-password" required />
      <button type="submit">Set password</button>
    </form>
  );
}

const DEAD_LINK = 'This link has expired or was already used. Ask for a new one below.';

export function registerPasswordResetRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { passwordResets } = ctx.deps;

  app.get('/forgot', async (req, reply) => sendAdminPage(req, reply, { title: 'Forgot your password?', content: <ForgotForm csrf={ctx.cookies.preCsrf(req, reply)} /> }));

  app.post('/forgot', async (req, reply) => {
    const email = field(req.body, 'email');
    try {
      // Delivery is not awaited: how long SMTP takes must not tell who has an account.
      await passwordResets.request(email, clientMeta(req).ip);
    } catch (e) {
      if (!(e instanceof RateLimited)) throw e;
      reply.header('retry-after', String(e.retryAfterSeconds));
      const content = <ForgotForm csrf={ctx.cookies.preCsrf(req, reply)} email={email} error="Too many requests from your network. Try again later." />;
      return sendAdminPage(req, reply, { title: 'Forgot your password?', status: 429, content });
    }
    return sendAdminPage(req, reply, { title: 'Check your email', content: <Notice kind="info">{FORGOT_SENT}</Notice> });
  });

  app.get<{ Params: { token: string } }>('/reset/:token', async (req, reply) => {
    if (!(await passwordResets.isValid(req.params.token))) {
      const content = <ForgotForm csrf={ctx.cookies.preCsrf(req, reply)} error={DEAD_LINK} />;
      return sendAdminPage(req, reply, { title: 'Link expired', status: 404, content });
    }
    return sendAdminPage(req, reply, { title: 'Choose a new password', content: <ResetForm csrf={ctx.cookies.preCsrf(req, reply)} token={req.params.token} /> });
  });

  app.post<{ Params: { token: string } }>('/reset/:token', async (req, reply) => {
    const { token } = req.params;
    const password = field(req.body, 'password');
    try {
      if (password !== field(req.body, 'confirm')) throw new AppError('VALIDATION_FAILED', 'the two passwords differ', { field: 'confirm' });
      await passwordResets.complete(token, password);
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') {
        return sendAdminPage(req, reply, { title: 'Link expired', status: 404, content: <ForgotForm csrf={ctx.cookies.preCsrf(req, reply)} error={DEAD_LINK} /> });
      }
      if (!isFormError(e)) throw e;
      const content = <ResetForm csrf={ctx.cookies.preCsrf(req, reply)} token={token} errors={fieldErrors(e)} />;
      return sendAdminPage(req, reply, { title: 'Choose a new password', status: e.status, content });
    }
    return reply.code(303).header('location', '/admin/sign-in?reset=1').send();
  });
}
