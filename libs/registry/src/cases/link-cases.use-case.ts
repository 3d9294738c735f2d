import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, ValidationProblem, ConflictProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { CaseQueries } from './case.queries';

/** Links two cases of the municipality (both ways), e.g. a follow-up to the case it follows up. */

@Injectable()
export class LinkCases {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queries: CaseQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Within the caller's transaction when `within` is given (a job that creates the case). */
  async execute(
    tenant: Tenant,
    caseId: number,
    relatedCaseId: number,
    within?: EntityManager,
  ): Promise<void> {
    if (caseId === relatedCaseId) {
      throw new ValidationProblem([
        { field: 'relatedCaseId', message: 'a case cannot be linked to itself' },
      ]);
    }
    const work = async (tx: EntityManager) => {
      await this.queries.repository.getForUpdate(tx, tenant, caseId);
      await this.queries.repository.getById(tenant, relatedCaseId, tx);
      const now = this.clock.now();
      const result = (await tx.query(
        `INSERT IGNORE INTO case_links (municipality_id, case_id, related_case_id, created_at) VALUES (?, ?, ?, ?), (?, ?, ?, ?)`,
        [
          tenant.municipalityId,
          caseId,
          relatedCaseId,
          now,
          tenant.municipalityId,
          relatedCaseId,
          caseId,
          now,
        ],
      )) as { affectedRows: number };
      if (result.affectedRows === 0)
        throw new ConflictProblem('already-linked', 'The cases are already linked.');
      await this.audit.record(tx, {
        action: 'case.linked',
        entityType: 'case',
        entityId: caseId,
        municipalityId: tenant.municipalityId,
        after: { relatedCaseId },
      });
    };
    await (within ? work(within) : this.transactions.run(work));
  }
}
