import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/shared/errors.ts';
import { actorOf } from '../../domain/users/index.ts';
import type { AdminContext } from './context.ts';
import { field, fieldErrors, isFormError, parseId, type FieldErrors } from './forms.ts';
import { requireCapability, staffOf } from './guard.ts';
import { sendAdminPage } from './layout.tsx';
import { UsersPage, type NewUserValues } from './users.page.tsx';

type IdParams = { Params: { id: string } };
type Q = { Querystring: { done?: string } };

const DONE: Record<string, string> = {
  created: 'The account was created.',
  invited: 'The account was created and an invitation email is on its way.',
  role: 'The role was changed; their open sessions were signed out.',
  disable: 'The account was disabled and signed out everywhere.',
  enable: 'The account was enabled.',
  'totp-reset': 'Every second factor of that account was removed (app, passkeys, recovery codes); they can enrol again.',
};

/** Users admin (users:manage): list, add or invite, change role, disable, reset a lost second factor. */
export function registerUsersRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { users, passwordResets } = ctx.deps;
  const guard = { preHandler: requireCapability('users:manage') };

  async function page(req: FastifyRequest, reply: FastifyReply, opts: { status?: number; values?: NewUserValues; errors?: FieldErrors; notice?: string; problem?: string }) {
    const content = <UsersPage me={staffOf(req)} users={await users.list()} passkeys={await ctx.deps.factors.passkeyCounts()} csrf={req.adminCsrf!} {...opts} />;
    return sendAdminPage(req, reply, { title: 'Users', current: '/admin/users', status: opts.status, content });
  }

  app.get<Q>('/users', guard, async (req, reply) => page(req, reply, { notice: DONE[req.query.done ?? ''] }));

  app.post('/users', guard, async (req, reply) => {
    const values = { email: field(req.body, 'email'), name: field(req.body, 'name'), role: field(req.body, 'role') };
    const password = field(req.body, 'password');
    let created;
    try {
      created = await users.create({ ...values, password }, actorOf(staffOf(req)));
    } catch (e) {
      if (!isFormError(e)) throw e;
      return page(req, reply, { status: e.status, values, errors: fieldErrors(e) });
    }
    if (password === '') await passwordResets.invite(created.id);
    return reply.code(303).header('location', `/admin/users?done=${password === '' ? 'invited' : 'created'}`).send();
  });

  const action = (name: string, run: (id: number, req: FastifyRequest) => Promise<unknown>) =>
    app.post<IdParams>(`/users/:id/${name}`, guard, async (req, reply) => {
      try {
        await run(parseId(req.params.id), req);
      } catch (e) {
        if (!(e instanceof AppError) || !isFormError(e)) throw e;
        return page(req, reply, { status: e.status, problem: e.message });
      }
      return reply.code(303).header('location', `/admin/users?done=${name}`).send();
    });

  action('role', (id, req) => users.changeRole(id, field(req.body, 'role'), actorOf(staffOf(req))));
  action('disable', (id, req) => users.setDisabled(id, true, actorOf(staffOf(req))));
  action('enable', (id, req) => users.setDisabled(id, false, actorOf(staffOf(req))));
  action('totp-reset', (id, req) => users.resetTotp(id, actorOf(staffOf(req))));
}
