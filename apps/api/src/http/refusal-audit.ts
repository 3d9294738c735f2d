import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { ProblemError } from '@nf/common';
import { DataSource } from 'typeorm';

export interface Refusal {
  method: string;
  /** The route template (or the path, outside Nest's router). */
  route: string;
  municipalityId: number | null;
  /** The access rule the request failed, as text (`operator`, `permission:<name>` …). */
  rule: string | null;
}

/** Writes a refused request (401, 403) to the audit log as a security event. */
@Injectable()
export class RefusalAudit {
  private readonly logger = new Logger('Http');

  constructor(
    private readonly audit: AuditLog,
    private readonly dataSource: DataSource,
  ) {}

  async record(refusal: Refusal, problem: ProblemError): Promise<void> {
    try {
      await this.audit.recordSecurityEvent(this.dataSource.manager, {
        action: 'access.refused',
        entityType: 'endpoint',
        entityId: `${refusal.method} ${refusal.route}`.slice(0, 64),
        municipalityId: refusal.municipalityId,
        after: { status: problem.status, code: problem.code, rule: refusal.rule },
      });
    } catch (auditError) {
      // A refusal stays a refusal even when its audit entry cannot be written; say so loudly.
      this.logger.error(`Could not audit a refused request: ${String(auditError)}`);
    }
  }
}

/** Global, so that middleware outside the api module (the queue dashboard's) can use it. */
@Global()
@Module({ providers: [RefusalAudit], exports: [RefusalAudit] })
export class RefusalAuditModule {}
