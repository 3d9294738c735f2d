import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { SecurityEvents } from '@nf/audit';
import { ProblemError } from '@nf/common';

export interface Refusal {
  method: string;
  /** The route template (or the path, outside Nest's router). */
  route: string;
  municipalityId: number | null;
  /** The access rule the request failed, as text (`operator`, `permission:<name>` …). */
  rule: string | null;
  /** Who sent it: `user:<id>` when logged in, else `ip:<address>`. */
  source: string;
}

/** The source of a request for the security log: its user when logged in, else its address. */
export function sourceOf(request: { ip?: string; principal?: { userId: number } }): string {
  return request.principal ? `user:${request.principal.userId}` : `ip:${request.ip ?? 'unknown'}`;
}

/**
 * Writes a refused request (401, 403, 429) to the audit log as a security event: the first of a
 * source, endpoint and minute at once, its repeats as one summary row (see SecurityEvents).
 */
@Injectable()
export class RefusalAudit {
  private readonly logger = new Logger('Http');

  constructor(private readonly events: SecurityEvents) {}

  async record(refusal: Refusal, problem: ProblemError): Promise<void> {
    const endpoint = `${refusal.method} ${refusal.route}`.slice(0, 64);
    try {
      await this.events.record(
        refusal.source,
        {
          action: problem.status === 429 ? 'access.throttled' : 'access.refused',
          entityType: 'endpoint',
          entityId: endpoint,
          municipalityId: refusal.municipalityId,
          after: { status: problem.status, code: problem.code, rule: refusal.rule },
        },
        { subject: `${endpoint} ${problem.status}` },
      );
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
