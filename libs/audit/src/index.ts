export { AuditEntry } from './audit-entry.entity';
export { AuditLog } from './audit-log';
export type { AuditRecord } from './audit-log';
export { AuditModule } from './audit.module';
export { SecurityEvents } from './security-events';
export { AuditReader } from './audit-reader';
export type { AuditFilter } from './audit-reader';
export { AuditHttpModule } from './audit-http.module';
