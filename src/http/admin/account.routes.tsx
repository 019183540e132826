import type { FastifyInstance } from 'fastify';
import { AppError } from '../../domain/shared/errors.ts';
import { PASSWORD_MIN, type Staff } from '../../domain/users/index.ts';
import { clientMeta, type AdminContext } from './context.ts';
import { field, fieldErrors, isFormError, type FieldErrors } from './forms.ts';
import { staffOf } from './guard.ts';
import { CsrfField, Notice, TextField, sendAdminPage } from './layout.tsx';

type Q = { Querystring: { done?: string } };

const DONE: Record<string, string> = {
  password: 'Your password has been changed. Every other session has been signed out.',
  totp: 'Two-step sign-in is on. You will be asked for a code each time you sign in.',
};

function AccountPage(p: { staff: Staff; csrf: string; errors?: FieldErrors; done?: string }) {
  const e = p.errors ?? {};
  return (
    <>
      {p.done && DONE[p.done] ? <Notice kind="success">{DONE[p.done]}</Notice> : null}
      <dl class="facts">
        <dt>Name</dt>
        <dd>{p.staff.name}</dd>
        <dt>Email</dt>
        <dd>{p.staff.email}</dd>
        <dt>Role</dt>
        <dd>{p.staff.role}</dd>
      </dl>
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
      <section aria-labelledby="totp-h">
        <h2 id="totp-h">Two-step sign-in</h2>
        {p.staff.totpEnabled ? (
          <p>On. If you lose your phone, an admin can turn it off for you so you can enrol again.</p>
        ) : (
          <form method="post" action="/admin/account/totp/start" class="inline-form">
            <CsrfField token={p.csrf} />
            <p>Off. Add a code from an authenticator app to every sign-in.</p>
            <button type="submit">Set up two-step sign-in</button>
          </form>
        )}
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

function TotpPage(p: { csrf: string; secret: string; uri: string; error?: string }) {
  return (
    <>
      <ol class="steps">
        <li>
          In your authenticator app, add an account by key and enter this key:
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

/** The member's own account: password, second factor, sign out everywhere. Every role has it. */
export function registerAccountRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { users, auth } = ctx.deps;
  const issuer = async () => (await ctx.deps.settings.get()).name;

  app.get<Q>('/account', async (req, reply) => {
    const staff = staffOf(req);
    return sendAdminPage(req, reply, { title: 'Your account', content: <AccountPage staff={staff} csrf={req.adminCsrf!} done={req.query.done} /> });
  });

  app.post('/account/password', async (req, reply) => {
    const staff = staffOf(req);
    const password = field(req.body, 'password');
    try {
      if (password !== field(req.body, 'confirm')) throw new AppError('VALIDATION_FAILED', 'the two passwords differ', { field: 'confirm' });
      await users.changePassword(staff.id, field(req.body, 'current'), password);
    } catch (e) {
      if (!isFormError(e)) throw e;
      return sendAdminPage(req, reply, { title: 'Your account', status: e.status, content: <AccountPage staff={staff} csrf={req.adminCsrf!} errors={fieldErrors(e)} /> });
    }
    // Every session died with the old password; this browser proved itself and gets a fresh one.
    const { token } = await auth.reissue(staff, clientMeta(req));
    ctx.cookies.setSession(reply, token);
    return reply.code(303).header('location', '/admin/account?done=password').send();
  });

  app.post('/account/totp/start', async (req, reply) => {
    await users.beginTotp(staffOf(req).id, await issuer());
    return reply.code(303).header('location', '/admin/account/totp').send();
  });

  app.get('/account/totp', async (req, reply) => {
    const pending = await users.pendingTotp(staffOf(req).id, await issuer());
    if (!pending) return reply.code(303).header('location', '/admin/account').send();
    return sendAdminPage(req, reply, { title: 'Set up two-step sign-in', content: <TotpPage csrf={req.adminCsrf!} {...pending} /> });
  });

  app.post('/account/totp', async (req, reply) => {
    const staff = staffOf(req);
    try {
      await users.confirmTotp(staff.id, field(req.body, 'code'));
    } catch (e) {
      const pending = await users.pendingTotp(staff.id, await issuer());
      if (!isFormError(e) || !pending) throw e;
      return sendAdminPage(req, reply, { title: 'Set up two-step sign-in', status: e.status, content: <TotpPage csrf={req.adminCsrf!} {...pending} error={fieldErrors(e).code ?? e.message} /> });
    }
    return reply.code(303).header('location', '/admin/account?done=totp').send();
  });
}
