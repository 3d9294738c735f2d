import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, Tenant, assertCurrentVersion } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { snapshot } from './case.commands';
import { Case } from './case.entity';
import { CaseQueries } from './case.queries';

/**
 * Closes a case (avslutat: nothing more is to be done in it, and it is ready for the archive), or
 * reopens a closed one with the reason why. The retention periods of the dokumenthanteringsplan
 * count from the closing; a reopened case counts again from its next closing.
 */
@Injectable()
export class CloseCase {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queries: CaseQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  close(tenant: Tenant, id: number, expectedVersion?: number): Promise<Case> {
    return this.change(tenant, id, expectedVersion, (record, now) => {
      if (record.status === 'closed') {
        throw new ConflictProblem('case-closed', 'The case is already closed.');
      }
      record.status = 'closed';
      record.closedAt = now;
      return { action: 'case.closed' };
    });
  }

  reopen(tenant: Tenant, id: number, reason: string, expectedVersion?: number): Promise<Case> {
    return this.change(tenant, id, expectedVersion, (record) => {
      if (record.status !== 'closed') {
        throw new ConflictProblem('case-not-closed', 'The case is not closed.');
      }
      record.status = record.decidedAt ? 'decided' : 'open';
      record.closedAt = null;
      return { action: 'case.reopened', reason };
    });
  }

  private change(
    tenant: Tenant,
    id: number,
    expectedVersion: number | undefined,
    apply: (record: Case, now: Date) => { action: string; reason?: string },
  ): Promise<Case> {
    return this.transactions.run(async (tx) => {
      const record = await this.queries.repository.getForUpdate(tx, tenant, id);
      assertCurrentVersion('case', record.version, expectedVersion);
      const before = { ...snapshot(record), closedAt: record.closedAt?.toISOString() ?? null };
      const now = this.clock.now();
      const { action, reason } = apply(record, now);
      record.updatedAt = now;
      await tx.save(record);
      await this.audit.record(tx, {
        action,
        entityType: 'case',
        entityId: record.id,
        municipalityId: tenant.municipalityId,
        before,
        after: {
          ...snapshot(record),
          closedAt: record.closedAt?.toISOString() ?? null,
          ...(reason ? { reason } : {}),
        },
      });
      return record;
    });
  }
}
