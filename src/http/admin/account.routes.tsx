import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { AppError } from '../../domain/shared/errors.ts';
import { clientMeta, type AdminContext } from './context.ts';
import { field, fieldErrors, isFormError, parseId, type FieldErrors } from './forms.ts';
import { staffOf } from './guard.ts';
import { AccountPage, RecoveryCodesPage, TotpPage } from './account.page.tsx';
import { sendAdminPage } from './layout.tsx';
import { passkeysScript } from './passkey-button.tsx';
import { PASSKEY_BODY_LIMIT } from './passkey-sign-in.routes.ts';

type Q = { Querystring: { done?: string } };

/** The QR code as an inline SVG image: no request leaves the page with the secret in it, and img-src 'self' data: allows it. */
async function qrDataUri(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The member's own account: password, second factors (app, passkeys, recovery codes), sign out everywhere. Every role has it. */
export function registerAccountRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { users, auth, factors, passkeys } = ctx.deps;
  const issuer = async () => (await ctx.deps.settings.get()).name;

  async function page(req: FastifyRequest, opts: { status?: number; errors?: FieldErrors; done?: string } = {}) {
    const staff = staffOf(req);
    const [summary, keys, mustEnrol] = await Promise.all([factors.summary(staff.id), passkeys.list(staff.id), factors.mustEnrol(staff)]);
    return {
      title: 'Your account',
      status: opts.status,
      scripts: [passkeysScript()],
      content: <AccountPage staff={staff} csrf={req.adminCsrf!} factors={summary} passkeys={keys} mustEnrol={mustEnrol} errors={opts.errors} done={opts.done} />,
    };
  }

  async function totpPage(req: FastifyRequest, error?: string) {
    const pending = await users.pendingTotp(staffOf(req).id, await issuer());
    if (!pending) return null;
    return { title: 'Set up two-step sign-in', status: error ? 422 : undefined, content: <TotpPage csrf={req.adminCsrf!} {...pending} qr={await qrDataUri(pending.uri)} error={error} /> };
  }

  app.get<Q>('/account', async (req, reply) => sendAdminPage(req, reply, await page(req, { done: req.query.done })));

  app.post('/account/password', async (req, reply) => {
    const staff = staffOf(req);
    const password = field(req.body, 'password');
    try {
      if (password !== field(req.body, 'confirm')) throw new AppError('VALIDATION_FAILED', 'the two passwords differ', { field: 'confirm' });
      await users.changePassword(staff.id, field(req.body, 'current'), password);
    } catch (e) {
      if (!isFormError(e)) throw e;
      return sendAdminPage(req, reply, await page(req, { status: e.status, errors: fieldErrors(e) }));
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
    const view = await totpPage(req);
    return view ? sendAdminPage(req, reply, view) : reply.code(303).header('location', '/admin/account').send();
  });

  app.post('/account/totp', async (req, reply) => {
    try {
      await users.confirmTotp(staffOf(req).id, field(req.body, 'code'));
    } catch (e) {
      const view = isFormError(e) ? await totpPage(req, fieldErrors(e).code ?? e.message) : null;
      if (!view) throw e;
      return sendAdminPage(req, reply, view);
    }
    return reply.code(303).header('location', '/admin/account?done=totp').send();
  });

  // Passkey registration is scripted (WebAuthn lives in the browser): JSON in, JSON out.
  app.post('/account/passkeys/options', { bodyLimit: PASSKEY_BODY_LIMIT }, async (req) => passkeys.registrationOptions(staffOf(req)));

  app.post('/account/passkeys', { bodyLimit: PASSKEY_BODY_LIMIT }, async (req) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    await passkeys.register(staffOf(req), body.response, body.name);
    return { location: '/admin/account?done=passkey' };
  });

  app.post<{ Params: { id: string } }>('/account/passkeys/:id/remove', async (req, reply) => {
    const id = parseId(req.params.id);
    try {
      await passkeys.remove(staffOf(req), id, field(req.body, `password-${id}`));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return sendAdminPage(req, reply, await page(req, { status: e.status, errors: { [`password-${id}`]: fieldErrors(e).password ?? e.message } }));
    }
    return reply.code(303).header('location', '/admin/account?done=passkey-removed').send();
  });

  app.post('/account/recovery-codes', async (req, reply) => {
    const staff = staffOf(req);
    if (!(await factors.hasFactor(staff.id))) throw new AppError('CONFLICT', 'Set up an authenticator app or a passkey first: recovery codes stand in for one of them.');
    const codes = await factors.regenerateRecoveryCodes(staff.id);
    return sendAdminPage(req, reply, { title: 'Your recovery codes', content: <RecoveryCodesPage codes={codes} /> });
  });
}
