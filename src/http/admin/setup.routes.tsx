import type { FastifyInstance } from 'fastify';
import { AppError, notFound } from '../../domain/shared/errors.ts';
import { PASSWORD_MIN } from '../../domain/users/index.ts';
import { clientMeta, type AdminContext } from './context.ts';
import { field, fieldErrors, isFormError, type FieldErrors } from './forms.ts';
import { CsrfField, Notice, TextField, sendAdminPage } from './layout.tsx';

function SetupForm(p: { csrf: string; name?: string; email?: string; errors?: FieldErrors }) {
  const e = p.errors ?? {};
  return (
    <>
      <p>Create the first admin account. This page works once: as soon as an admin exists, it is gone.</p>
      {Object.keys(e).length ? <Notice kind="error">Please correct the fields marked below.</Notice> : null}
      <form method="post" action="/admin/setup" class="stack-form" novalidate>
        <CsrfField token={p.csrf} />
        <TextField name="name" label="Your name" value={p.name} error={e.name} autocomplete="name" required />
        <TextField name="email" label="Email" type="email" value={p.email} error={e.email} autocomplete="username" required />
        <TextField name="password" label="Password" type="password" error={e.password} hint={`At least ${PASSWORD_MIN} characters.`} autocomplete="new-password" required />
        <TextField name="confirm" label="Password again" type="password" error={e.confirm} autocomplete="new-password" required />
        <button type="submit">Create admin account</button>
      </form>
    </>
  );
}

/** `/admin/setup`: the first-run page, answering 404 (GET and POST) once any admin exists. */
export function registerSetupRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { users, auth } = ctx.deps;

  app.get('/setup', async (req, reply) => {
    if (await users.hasAdmin()) throw notFound('page');
    return sendAdminPage(req, reply, { title: 'Set up your newsroom', content: <SetupForm csrf={ctx.cookies.preCsrf(req, reply)} /> });
  });

  app.post('/setup', async (req, reply) => {
    if (await users.hasAdmin()) throw notFound('page');
    const name = field(req.body, 'name');
    const email = field(req.body, 'email');
    const password = field(req.body, 'password');
    try {
      if (password !== field(req.body, 'confirm')) throw new AppError('VALIDATION_FAILED', 'the two passwords differ', { field: 'confirm' });
      await users.setupFirstAdmin({ name, email, password });
    } catch (e) {
      if (!isFormError(e)) throw e;
      const content = <SetupForm csrf={ctx.cookies.preCsrf(req, reply)} name={name} email={email} errors={fieldErrors(e)} />;
      return sendAdminPage(req, reply, { title: 'Set up your newsroom', status: e.status, content });
    }
    const signed = await auth.signIn(email, password, clientMeta(req));
    ctx.cookies.setSession(reply, signed.token);
    return reply.code(303).header('location', '/admin').send();
  });
}
