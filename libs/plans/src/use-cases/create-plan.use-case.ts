import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, Tenant } from '@nf/common';
import { RegisterCase } from '@nf/registry';
import { Organs } from '@nf/tenancy';
import { EntityManager } from 'typeorm';
import { Plan, type PlanContent } from '../plan.entities';
import { PlanQueries, type PlanView } from '../plan.queries';
import { checkPlanContent, EMPTY_PLAN } from '../plan-rules';

export interface NewPlan {
  organId: number;
  firstYear: number;
  lastYear: number;
  title?: string;
  content?: PlanContent;
}

/**
 * Drafts a board's verksamhetsplan for a year or a period: registered as a case (with its dnr)
 * for the board to decide, in the same transaction as the plan. A second plan for the same board
 * and first year is a revision (ReviseAdoptedPlan), not a new plan.
 */
@Injectable()
export class CreatePlan {
  constructor(
    private readonly registerCase: RegisterCase,
    private readonly organs: Organs,
    private readonly queries: PlanQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, input: NewPlan): Promise<PlanView> {
    const organ = await this.organs.get(principal, input.organId);
    checkPlanContent(input.content ?? EMPTY_PLAN, input);
    const title =
      input.title ??
      `Verksamhetsplan ${input.firstYear === input.lastYear ? input.firstYear : `${input.firstYear}–${input.lastYear}`} – ${organ.name}`;
    const id = await this.insert(principal, principal.userId, {
      organId: organ.id,
      title,
      firstYear: input.firstYear,
      lastYear: input.lastYear,
      revision: 1,
      supersedesId: null,
      content: input.content ?? EMPTY_PLAN,
    });
    return this.queries.get(principal, id);
  }

  /** Registers the plan's case and inserts the plan with it (a revision too). */
  async insert(
    tenant: Tenant,
    actorId: number | null,
    plan: Pick<
      Plan,
      'organId' | 'title' | 'firstYear' | 'lastYear' | 'revision' | 'supersedesId' | 'content'
    >,
    inside?: (tx: EntityManager, id: number) => Promise<void>,
  ): Promise<number> {
    let id = 0;
    await this.registerCase.execute(
      tenant,
      actorId,
      {
        title: plan.revision > 1 ? `${plan.title} (revidering ${plan.revision})` : plan.title,
        organId: plan.organId,
        responsibleUserId: actorId,
      },
      {
        beforeCommit: async (tx, record) => {
          const [{ n }] = (await tx.query(
            `SELECT COUNT(*) AS n FROM plans WHERE municipality_id = ? AND organ_id = ? AND first_year = ? AND revision = ?`,
            [tenant.municipalityId, plan.organId, plan.firstYear, plan.revision],
          )) as Array<{ n: number | string }>;
          if (Number(n) > 0) {
            throw new ConflictProblem(
              'plan-exists',
              `The board already has a plan from ${plan.firstYear}: revise it instead.`,
            );
          }
          const now = this.clock.now();
          const result = await tx.insert(Plan, {
            municipalityId: tenant.municipalityId,
            ...plan,
            status: 'draft',
            caseId: record.id,
            adoptedAt: null,
            createdAt: now,
            updatedAt: now,
            updatedBy: actorId,
          });
          id = Number(result.identifiers[0].id);
          await this.audit.record(tx, {
            action: 'plan.drafted',
            entityType: 'plan',
            entityId: id,
            municipalityId: tenant.municipalityId,
            after: {
              organId: plan.organId,
              title: plan.title,
              firstYear: plan.firstYear,
              lastYear: plan.lastYear,
              revision: plan.revision,
              caseId: record.id,
              dnr: record.dnr,
            },
          });
          if (inside) await inside(tx, id);
        },
      },
    );
    return id;
  }
}
