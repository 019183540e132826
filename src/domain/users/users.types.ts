import type { Selectable } from 'kysely';
import type { UserTable } from '../../storage/schema.ts';
import type { Role } from '../access/index.ts';

/** A staff member as the rest of the system sees them: never the hash or the TOTP seed. */
export interface Staff {
  id: number;
  email: string;
  name: string;
  role: Role;
  totpEnabled: boolean;
  disabled: boolean;
  createdAt: Date;
}

/** A `users` row as the database returns it (the table type lives in storage/schema.ts). */
export type UserRow = Selectable<UserTable>;

export function staffFromRow(r: UserRow): Staff {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    totpEnabled: r.totp_secret !== null,
    disabled: r.disabled_at !== null,
    createdAt: new Date(r.created_at),
  };
}

/** How a staff member's actions are attributed in the audit log and revisions. */
export function actorOf(staff: { id: number }): string {
  return `user:${staff.id}`;
}
