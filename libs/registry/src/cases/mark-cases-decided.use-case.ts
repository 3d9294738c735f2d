import { Injectable } from '@nestjs/common';
import { AuditLog, AuditRecord } from '@nf/audit';
import { Tenant, NotFoundProblem } from '@nf/common';
import { EntityManager, In } from 'typeorm';
import { snapshot } from './case.commands';
import { Case } from './case.entity';
import { CaseQueries } from './case.queries';

/**
 * Status changes that other contexts make inside their own transaction: the workflow marks a case
 * decided when the deciding organ's decision is applied.
 */

@Injectable()
export class MarkCasesDecided {
  constructor(
    private readonly queries: CaseQueries,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Marks open cases decided, in three statements whatever their number: the rows locked, one
   * UPDATE (it bumps their versions), and their audit entries. A case that is not open is left as
   * it is; a case another municipality owns is not found (404).
   */
  async execute(
    tx: EntityManager,
    tenant: Tenant,
    decisions: Array<{ caseId: number; audit?: Pick<AuditRecord, 'actor' | 'requestId'> }>,
    at: Date,
  ): Promise<void> {
    if (decisions.length === 0) return;
    const ids = decisions.map((decision) => decision.caseId);
    const records = await tx.find(Case, {
      where: { id: In(ids), municipalityId: tenant.municipalityId },
      lock: { mode: 'pessimistic_write' },
    });
    const byId = new Map(records.map((record) => [record.id, record]));
    const missing = ids.find((id) => !byId.has(id));
    if (missing !== undefined) throw new NotFoundProblem('case', missing);
    const open = decisions.filter((decision) => byId.get(decision.caseId)!.status === 'open');
    if (open.length === 0) return;
    // The rows are locked above: one UPDATE, where save() would read each again before and after.
    await tx.update(
      Case,
      { id: In(open.map((decision) => decision.caseId)), municipalityId: tenant.municipalityId },
      { status: 'decided', decidedAt: at, updatedAt: at },
    );
    await this.audit.recordMany(
      tx,
      open.map(({ caseId, audit }) => {
        const record = byId.get(caseId)!;
        return {
          ...audit,
          action: 'case.decided',
          entityType: 'case',
          entityId: caseId,
          municipalityId: tenant.municipalityId,
          before: snapshot(record),
          after: snapshot({ ...record, status: 'decided' } as Case),
        };
      }),
    );
  }
}
