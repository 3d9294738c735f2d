import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '@nf/audit';
import { assertCurrentVersion, Clock, ConflictProblem, NotFoundProblem, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import { HoldReason, RecordHold } from '../records.entities';

/**
 * Stops for gallring: while a hold on a case stands (a dispute, an open request for its documents)
 * nothing of the case is weeded, whatever the plan says and whatever was approved.
 */
@Injectable()
export class RecordHolds {
  constructor(
    @InjectRepository(RecordHold) private readonly holds: Repository<RecordHold>,
    private readonly cases: CaseQueries,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  forCase(tenant: Tenant, caseId: number): Promise<RecordHold[]> {
    return this.holds.find({
      where: { municipalityId: tenant.municipalityId, caseId },
      order: { id: 'DESC' },
    });
  }

  /** The cases among these with a hold that stands, read in the caller's transaction if given. */
  async held(tenant: Tenant, caseIds: number[], tx?: EntityManager): Promise<Set<number>> {
    if (caseIds.length === 0) return new Set();
    const rows = await (tx ?? this.holds.manager).find(RecordHold, {
      select: { caseId: true },
      where: {
        municipalityId: tenant.municipalityId,
        caseId: In([...new Set(caseIds)]),
        liftedAt: IsNull(),
      },
      // Inside gallring's transaction: a hold placed meanwhile waits for it, or it for the hold.
      ...(tx ? { lock: { mode: 'pessimistic_read' as const } } : {}),
    });
    return new Set(rows.map((row) => Number(row.caseId)));
  }

  async place(
    tenant: Tenant,
    actorId: number | null,
    hold: { caseId: number; reason: HoldReason; note: string; requestId?: number | null },
    tx?: EntityManager,
  ): Promise<RecordHold> {
    const run = async (manager: EntityManager) => {
      await this.cases.get(tenant, hold.caseId);
      const record = await manager.save(
        manager.create(RecordHold, {
          municipalityId: tenant.municipalityId,
          caseId: hold.caseId,
          reason: hold.reason,
          note: hold.note,
          placedBy: actorId,
          placedAt: this.clock.now(),
          liftedBy: null,
          liftedAt: null,
          requestId: hold.requestId ?? null,
        }),
      );
      await this.audit.record(manager, {
        action: 'record-hold.placed',
        entityType: 'record-hold',
        entityId: record.id,
        municipalityId: tenant.municipalityId,
        before: null,
        after: { caseId: record.caseId, reason: record.reason, note: record.note },
      });
      return record;
    };
    return tx ? run(tx) : this.transactions.run(run);
  }

  async lift(
    tenant: Tenant,
    actorId: number | null,
    id: number,
    expectedVersion?: number,
    tx?: EntityManager,
  ): Promise<RecordHold> {
    const run = async (manager: EntityManager) => {
      const record = await manager.findOne(RecordHold, {
        where: { id, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!record) throw new NotFoundProblem('hold', id);
      assertCurrentVersion('hold', record.version, expectedVersion);
      if (record.liftedAt) throw new ConflictProblem('hold-lifted', 'The hold is already lifted.');
      record.liftedAt = this.clock.now();
      record.liftedBy = actorId;
      await manager.save(record);
      await this.audit.record(manager, {
        action: 'record-hold.lifted',
        entityType: 'record-hold',
        entityId: record.id,
        municipalityId: tenant.municipalityId,
        before: { liftedAt: null },
        after: { caseId: record.caseId, liftedAt: record.liftedAt.toISOString() },
      });
      return record;
    };
    return tx ? run(tx) : this.transactions.run(run);
  }
}
