import { Injectable } from '@nestjs/common';
import { AuditLog, AuditRecord } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  NotFoundProblem,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { EntityManager, In } from 'typeorm';
import { Case, CaseStatus } from './case.entity';
import { CaseQueries } from './case.queries';
import { CaseParticulars, CaseReferences } from './case-references';

export interface UpdateCaseCommand extends Partial<Omit<CaseParticulars, 'secrecyOsl'>> {
  id: number;
  expectedVersion?: number;
  status?: CaseStatus;
}

function snapshot(record: Case) {
  return {
    title: record.title,
    publicTitle: record.publicTitle,
    classificationCode: record.classificationCode,
    organId: record.organId,
    responsibleUserId: record.responsibleUserId,
    unit: record.unit,
    status: record.status,
    secrecyOsl: record.secrecyOsl,
  };
}

/**
 * Tells the contexts that render or derive from a case that its secrecy or public title changed:
 * the documents (protocols, kallelse) and the follow-ups (follow-up cases inherit it).
 */
async function secrecyChanged(outbox: Outbox, tx: EntityManager, tenant: Tenant, caseId: number) {
  const payload = { municipalityId: tenant.municipalityId, caseId };
  await outbox.enqueue(tx, 'documents.secrecy-changed', payload);
  await outbox.enqueue(tx, 'followups.secrecy-changed', payload);
}

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
        record.status = command.status;
        if (command.status === 'decided') record.decidedAt = now;
        if (command.status === 'closed') record.closedAt = now;
        if (command.status === 'open') record.closedAt = null;
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

/** Marks a case secret under an OSL provision (with the title the public sees), or lifts it. */
@Injectable()
export class MarkCaseSecrecy {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queries: CaseQueries,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    actorId: number | null,
    id: number,
    secrecy: { osl: string | null; publicTitle?: string | null },
    expectedVersion?: number,
  ): Promise<Case> {
    return this.transactions.run(async (tx) => {
      const record = await this.queries.repository.getForUpdate(tx, tenant, id);
      assertCurrentVersion('case', record.version, expectedVersion);
      const before = snapshot(record);
      const now = this.clock.now();
      record.secrecyOsl = secrecy.osl;
      record.secrecyMarkedBy = secrecy.osl ? actorId : null;
      record.secrecyMarkedAt = secrecy.osl ? now : null;
      record.publicTitle = secrecy.osl ? (secrecy.publicTitle ?? record.publicTitle) : null;
      record.updatedAt = now;
      await tx.save(record);
      if (before.secrecyOsl !== record.secrecyOsl || before.publicTitle !== record.publicTitle) {
        await secrecyChanged(this.outbox, tx, tenant, record.id);
      }
      await this.audit.record(tx, {
        action: secrecy.osl ? 'case.secrecy-marked' : 'case.secrecy-lifted',
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
