import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, assertCurrentVersion, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { UpdateCaseCommand, snapshot, secrecyChanged } from './case.commands';
import { CaseReferences } from './case-references';
import { Case } from './case.entity';
import { CaseQueries } from './case.queries';

/** Changes a case's particulars or status; decided and closed carry their dates. */

@Injectable()
export class UpdateCase {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queries: CaseQueries,
    private readonly references: CaseReferences,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(tenant: Tenant, command: UpdateCaseCommand): Promise<Case> {
    await this.references.check(tenant, command);
    return this.transactions.run(async (tx) => {
      const record = await this.queries.repository.getForUpdate(tx, tenant, command.id);
      assertCurrentVersion('case', record.version, command.expectedVersion);
      const before = snapshot(record);
      const now = this.clock.now();
      for (const key of [
        'title',
        'publicTitle',
        'classificationCode',
        'organId',
        'responsibleUserId',
        'unit',
      ] as const) {
        if (command[key] !== undefined) Object.assign(record, { [key]: command[key] });
      }
      if (record.publicTitle && !record.secrecyOsl) {
        throw new ValidationProblem([
          { field: 'publicTitle', message: 'a public title belongs to a secret case' },
        ]);
      }
      if (command.status !== undefined && command.status !== record.status) {
        // Closing and reopening have doors of their own (with their audit entries and reason).
        if (command.status === 'closed' || record.status === 'closed') {
          throw new ValidationProblem([
            {
              field: 'status',
              message: 'a case is closed and reopened by POST /cases/{id}/close and /reopen',
            },
          ]);
        }
        record.status = command.status;
        if (command.status === 'decided') record.decidedAt = now;
      }
      record.updatedAt = now;
      await tx.save(record);
      if (before.publicTitle !== record.publicTitle) {
        await secrecyChanged(this.outbox, tx, tenant, record.id);
      }
      await this.audit.record(tx, {
        action: 'case.updated',
        entityType: 'case',
        entityId: record.id,
        municipalityId: tenant.municipalityId,
        before,
        after: snapshot(record),
      });
      return record;
    });
  }
}
