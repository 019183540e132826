export { recordAudit, listAudit, type AuditEntry } from './audit.repo.ts';
