import type { Db } from '../../storage/index.ts';
import { listAudit, recordAudit, type AuditEntry } from '../audit/index.ts';
import type { Clock } from '../shared/clock.ts';

export interface AuditLine {
  id: number;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: Record<string, unknown>;
}

/**
 * The audit log as a service the HTTP layer may hold (it never sees the
 * database handle). Entries for changes made by other services are written
 * inside their own transactions; this records the ones that have none of
 * their own, such as a settings change.
 */
export class AuditLogService {
  constructor(private readonly deps: { db: Db; clock: Clock }) {}

  async list(limit: number, offset: number): Promise<AuditLine[]> {
    return (await listAudit(this.deps.db.kysely, Math.min(Math.max(limit, 1), 200), Math.max(offset, 0))) as AuditLine[];
  }

  async record(e: AuditEntry): Promise<void> {
    await recordAudit(this.deps.db.kysely, this.deps.clock.now().toISOString(), e);
  }
}
