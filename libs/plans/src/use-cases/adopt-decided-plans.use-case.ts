import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { DataSource, In } from 'typeorm';
import { Plan } from '../plan.entities';

/**
 * A draft plan whose case the board has decided (its protocol adjusted) is adopted and frozen;
 * the adopted plan it revises, if any, is superseded. Run by the follow-ups' sweep: the decided
 * case is the truth, so a plan is adopted once however often the sweep comes by.
 */
@Injectable()
export class AdoptDecidedPlans {
  private readonly logger = new Logger(AdoptDecidedPlans.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async sweep(limit = 200): Promise<number> {
    const drafts = (await this.dataSource.query(
      `SELECT id, municipality_id AS municipalityId, case_id AS caseId FROM plans
        WHERE status = 'draft' AND case_id IS NOT NULL ORDER BY id LIMIT ?`,
      [limit],
    )) as Array<{ id: string | number; municipalityId: string | number; caseId: string | number }>;
    let adopted = 0;
    // The drafts' cases, one read per municipality (drafts wait for months while they are written).
    const byTenant = new Map<number, typeof drafts>();
    for (const draft of drafts) {
      const municipalityId = Number(draft.municipalityId);
      byTenant.set(municipalityId, [...(byTenant.get(municipalityId) ?? []), draft]);
    }
    for (const [municipalityId, ofTenant] of byTenant) {
      const tenant = { municipalityId };
      const cases = await this.cases.repository.find(tenant, {
        id: In(ofTenant.map((draft) => Number(draft.caseId))),
      });
      for (const draft of ofTenant) {
        const record = cases.find((candidate) => candidate.id === Number(draft.caseId));
        if (!record || !['decided', 'closed'].includes(record.status)) continue;
        const decidedAt = record.decidedAt ?? this.clock.now();
        if (await this.adopt(tenant, Number(draft.id), decidedAt)) adopted++;
      }
    }
    if (adopted > 0) this.logger.log(`Adopted ${adopted} plan(s)`);
    return adopted;
  }

  private adopt(tenant: Tenant, id: number, decidedAt: Date): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const plan = await tx.findOne(Plan, {
        where: { id, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!plan || plan.status !== 'draft') return false;
      await tx.update(
        Plan,
        { id, municipalityId: tenant.municipalityId },
        { status: 'adopted', adoptedAt: decidedAt, version: plan.version + 1 },
      );
      if (plan.supersedesId) {
        await tx.update(
          Plan,
          { id: plan.supersedesId, municipalityId: tenant.municipalityId, status: 'adopted' },
          { status: 'superseded' },
        );
      }
      await this.audit.record(tx, {
        action: 'plan.adopted',
        entityType: 'plan',
        entityId: id,
        municipalityId: tenant.municipalityId,
        before: { status: 'draft' },
        after: {
          status: 'adopted',
          adoptedAt: decidedAt.toISOString(),
          supersedes: plan.supersedesId,
        },
      });
      return true;
    });
  }
}
