import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLES } from '../../domain/access/index.ts';
import type { ApiKey } from '../../domain/apikeys/index.ts';
import { actorOf } from '../../domain/users/index.ts';
import type { AdminContext } from './context.ts';
import { field, fieldErrors, isFormError, parseId, type FieldErrors } from './forms.ts';
import { requireCapability, staffOf } from './guard.ts';
import { CsrfField, Notice, TextField, sendAdminPage } from './layout.tsx';
import { DataTable } from './data-table.tsx';

function when(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '—';
}

function KeysPage(p: { keys: ApiKey[]; csrf: string; values?: { name?: string; role?: string }; errors?: FieldErrors; created?: { key: string; name: string }; revoked?: boolean }) {
  const e = p.errors ?? {};
  return (
    <>
      {p.created ? (
        <Notice kind="success">
          <p>
            Key <strong>{p.created.name}</strong> created. Copy it now: it is shown only this once.
          </p>
          <p class="secret">
            <code>{p.created.key}</code>
          </p>
        </Notice>
      ) : null}
      {p.revoked ? <Notice kind="success">The key was revoked.</Notice> : null}
      <DataTable caption="API keys" columns={['Name', 'Role', 'Starts with', 'Created', 'Last used', 'Status']}>
          {p.keys.map((k) => (
            <tr class={k.revokedAt ? 'row-muted' : undefined}>
              <td>{k.name}</td>
              <td>{k.role}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{when(k.createdAt)}</td>
              <td>{when(k.lastUsedAt)}</td>
              <td>
                {k.revokedAt ? (
                  `revoked ${when(k.revokedAt)}`
                ) : (
                  <form method="post" action={`/admin/api-keys/${k.id}/revoke`} class="inline-form" data-confirm={`Revoke the key “${k.name}”? Scripts using it stop working at once.`}>
                    <CsrfField token={p.csrf} />
                    <button type="submit" class="button-small button-danger">
                      Revoke
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      <section aria-labelledby="new-key-h">
        <h2 id="new-key-h">Create a key</h2>
        <form method="post" action="/admin/api-keys" class="stack-form" novalidate>
          <CsrfField token={p.csrf} />
          <TextField name="name" label="Name" value={p.values?.name} error={e.name} hint="Who or what uses it, e.g. “Wire importer”." required maxLength={100} />
          <div class={e.role ? 'field field-invalid' : 'field'}>
            <label for="f-role">Role</label>
            {e.role ? <p class="field-error">{e.role}</p> : null}
            <select id="f-role" name="role">
              {ROLES.map((r) => (
                <option value={r} selected={r === (p.values?.role ?? 'contributor')}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Create key</button>
        </form>
      </section>
    </>
  );
}

/** Admin API keys (keys:manage): a new key is shown once, in the 201 answer to its creation, and never again. */
export function registerApiKeyRoutes(app: FastifyInstance, ctx: AdminContext): void {
  const { apiKeys } = ctx.deps;
  const guard = { preHandler: requireCapability('keys:manage') };
  const page = async (req: FastifyRequest, reply: FastifyReply, status: number, extra: Omit<Parameters<typeof KeysPage>[0], 'keys' | 'csrf'>) =>
    sendAdminPage(req, reply, { title: 'API keys', current: '/admin/api-keys', status, content: <KeysPage keys={await apiKeys.list()} csrf={req.adminCsrf!} {...extra} /> });

  app.get<{ Querystring: { revoked?: string } }>('/api-keys', guard, async (req, reply) => page(req, reply, 200, { revoked: req.query.revoked === '1' }));

  app.post('/api-keys', guard, async (req, reply) => {
    const values = { name: field(req.body, 'name'), role: field(req.body, 'role') };
    try {
      const { key, apiKey } = await apiKeys.create(values.name, values.role, actorOf(staffOf(req)));
      return page(req, reply, 201, { created: { key, name: apiKey.name } });
    } catch (e) {
      if (!isFormError(e)) throw e;
      return page(req, reply, e.status, { values, errors: fieldErrors(e) });
    }
  });

  app.post<{ Params: { id: string } }>('/api-keys/:id/revoke', guard, async (req, reply) => {
    await apiKeys.revoke(parseId(req.params.id), actorOf(staffOf(req)));
    return reply.code(303).header('location', '/admin/api-keys?revoked=1').send();
  });
}
