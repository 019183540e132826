import { ROLES } from '../../domain/access/index.ts';
import type { Staff } from '../../domain/users/index.ts';
import type { FieldErrors } from './forms.ts';
import { CsrfField, Notice, TextField } from './layout.tsx';
import { DataTable } from './data-table.tsx';

export interface NewUserValues {
  email?: string;
  name?: string;
  role?: string;
}

export function UsersPage(p: { me: Staff; users: Staff[]; passkeys: Map<number, number>; csrf: string; values?: NewUserValues; errors?: FieldErrors; notice?: string; problem?: string }) {
  return (
    <>
      {p.notice ? <Notice kind="success">{p.notice}</Notice> : null}
      {p.problem ? <Notice kind="error">{p.problem}</Notice> : null}
      <DataTable caption="Staff accounts" columns={['Name', 'Email', 'Role', 'Second factor', 'Status', 'Actions']}>
          {p.users.map((u) => (
            <UserRow u={u} me={p.me} csrf={p.csrf} passkeys={p.passkeys.get(u.id) ?? 0} />
          ))}
        </DataTable>
      <NewUserForm csrf={p.csrf} values={p.values ?? {}} errors={p.errors ?? {}} />
    </>
  );
}

/** Second factors in words: "app", "2 passkeys", both, or off. */
function factorsText(totp: boolean, passkeys: number): string {
  const parts = [totp ? 'app' : '', passkeys ? `${passkeys} passkey${passkeys === 1 ? '' : 's'}` : ''].filter(Boolean);
  return parts.length ? parts.join(' + ') : 'off';
}

function UserRow({ u, me, csrf, passkeys }: { u: Staff; me: Staff; csrf: string; passkeys: number }) {
  return (
    <tr class={u.disabled ? 'row-muted' : undefined}>
      <td>
        <bdi>{u.name}</bdi>
        {u.id === me.id ? ' (you)' : ''}
      </td>
      <td>{u.email}</td>
      <td>
        <form method="post" action={`/admin/users/${u.id}/role`} class="inline-form">
          <CsrfField token={csrf} />
          <label class="visually-hidden" for={`role-${u.id}`}>{`Role of ${u.name}`}</label>
          <select id={`role-${u.id}`} name="role">
            {ROLES.map((r) => (
              <option value={r} selected={r === u.role}>
                {r}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="button-small">
            Change
          </button>
        </form>
      </td>
      <td>
        {u.totpEnabled || passkeys ? (
          <form method="post" action={`/admin/users/${u.id}/totp-reset`} class="inline-form" data-confirm={`Remove every second factor of ${u.name} (app, passkeys, recovery codes)? They are signed out and can enrol again.`}>
            <CsrfField token={csrf} />
            {factorsText(u.totpEnabled, passkeys)}{' '}
            <button type="submit" class="button-small button-secondary">
              Reset
            </button>
          </form>
        ) : (
          'off'
        )}
      </td>
      <td>{u.disabled ? 'disabled' : 'active'}</td>
      <td>
        <form method="post" action={`/admin/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`} class="inline-form" data-confirm={u.disabled ? undefined : `Disable ${u.name}? They are signed out at once.`}>
          <CsrfField token={csrf} />
          <button type="submit" class="button-small button-secondary">
            {u.disabled ? 'Enable' : 'Disable'}
          </button>
        </form>
      </td>
    </tr>
  );
}

function NewUserForm({ csrf, values, errors }: { csrf: string; values: NewUserValues; errors: FieldErrors }) {
  return (
    <section aria-labelledby="new-user-h">
      <h2 id="new-user-h">Add a staff member</h2>
      {Object.keys(errors).length ? <Notice kind="error">Please correct the fields marked below.</Notice> : null}
      <form method="post" action="/admin/users" class="stack-form" novalidate>
        <CsrfField token={csrf} />
        <TextField name="name" label="Name" value={values.name} error={errors.name} required maxLength={100} />
        <TextField name="email" label="Email" type="email" value={values.email} error={errors.email} required />
        <div class={errors.role ? 'field field-invalid' : 'field'}>
          <label for="f-role">Role</label>
          {errors.role ? (
            <p class="field-error" id="f-role-error">
              {errors.role}
            </p>
          ) : null}
          <select id="f-role" name="role" aria-describedby={errors.role ? 'f-role-error' : undefined}>
            {ROLES.map((r) => (
              <option value={r} selected={r === (values.role ?? 'contributor')}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <TextField
          name="password"
          label="Password (optional)"
          type="password"
          error={errors.password}
          hint="Leave empty to email them an invitation link to choose their own."
          autocomplete="new-password"
        />
        <button type="submit">Add staff member</button>
      </form>
    </section>
  );
}
