import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  NotFoundProblem,
  ValidationProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { Plan, type PlanContent } from '../plan.entities';
import { PlanQueries, type PlanView } from '../plan.queries';
import { checkPlanContent } from '../plan-rules';

export type PlanChange = Partial<PlanContent> & { version: number; title?: string };

/**
 * Changes a draft plan's content (the parts given); the version must be the one read. An adopted
 * plan is frozen: a change to it is a revision, a new version for the board to decide.
 */
@Injectable()
export class UpdatePlan {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queries: PlanQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, id: number, change: PlanChange): Promise<PlanView> {
    await this.transactions.run(async (tx) => {
      const plan = await tx.findOne(Plan, {
        where: { id, municipalityId: principal.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!plan) throw new NotFoundProblem('plan', id);
      assertCurrentVersion('plan', plan.version, change.version);
      if (plan.status !== 'draft') {
        throw new ConflictProblem(
          'plan-adopted',
          'The plan is adopted and no longer changes: revise it to make a new version.',
        );
      }
      const keys = ['sections', 'areas', 'goals', 'assignments'] as const;
      const content: PlanContent = { ...plan.content };
      for (const key of keys)
        if (change[key] !== undefined) Object.assign(content, { [key]: change[key] });
      checkPlanContent(content, plan);
      await this.assertIndicatorsOfBoard(tx, principal.municipalityId, plan.organId, content);
      await tx.update(
        Plan,
        { id, municipalityId: principal.municipalityId },
        {
          content,
          title: change.title ?? plan.title,
          updatedAt: this.clock.now(),
          updatedBy: principal.userId,
          version: plan.version + 1,
        },
      );
      const touched = keys.filter((key) => change[key] !== undefined);
      await this.audit.record(tx, {
        action: 'plan.updated',
        entityType: 'plan',
        entityId: id,
        municipalityId: principal.municipalityId,
        before: {
          title: plan.title,
          ...Object.fromEntries(touched.map((k) => [k, plan.content[k]])),
        },
        after: {
          title: change.title ?? plan.title,
          ...Object.fromEntries(touched.map((k) => [k, content[k]])),
        },
      });
    });
    return this.queries.get(principal, id);
  }

  private async assertIndicatorsOfBoard(
    tx: EntityManager,
    municipalityId: number,
    organId: number,
    content: PlanContent,
  ) {
    const ids = [
      ...new Set(content.goals.flatMap((goal) => goal.indicators.map((i) => i.indicatorId))),
    ];
    if (ids.length === 0) return;
    const found = (await tx.query(
      'SELECT id FROM indicators WHERE municipality_id = ? AND organ_id = ? AND id IN (?)',
      [municipalityId, organId, ids],
    )) as Array<{ id: number | string }>;
    const known = new Set(found.map((row) => Number(row.id)));
    const unknown = ids.filter((indicatorId) => !known.has(indicatorId));
    if (unknown.length > 0) {
      throw new ValidationProblem(
        unknown.map((indicatorId) => ({
          field: 'goals.indicators.indicatorId',
          message: `indicator ${indicatorId} is not one of the board's`,
        })),
      );
    }
  }
}
