import type { Q } from '../../storage/index.ts';

export interface AuditEntry {
  actor: string;
  action: string;
  targetType: string;
  targetId: string | number;
  detail?: Record<string, unknown>;
}

/** Written inside the caller's transaction, so an audit line exists exactly when the change does. */
export async function recordAudit(db: Q, at: string, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_entries')
    .values({ at, actor: e.actor, action: e.action, target_type: e.targetType, target_id: String(e.targetId), detail: JSON.stringify(e.detail ?? {}) })
    .execute();
}

export async function listAudit(db: Q, limit: number, offset: number) {
  const rows = await db.selectFrom('audit_entries').selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, targetType: r.target_type, targetId: r.target_id, detail: JSON.parse(r.detail) }));
}
