import { Injectable } from '@nestjs/common';
import { NotFoundProblem, Tenant } from '@nf/common';
import { CaseQueries } from '@nf/registry';
import { DataSource, EntityManager, In } from 'typeorm';
import { Plan, type PlanContent, type PlanStatus } from './plan.entities';

export interface PlanView {
  id: number;
  organId: number;
  title: string;
  firstYear: number;
  lastYear: number;
  revision: number;
  status: PlanStatus;
  caseId: number | null;
  dnr: string | null;
  supersedesId: number | null;
  adoptedAt: string | null;
  updatedAt: string;
  version: number;
  content: PlanContent;
}

/** Reads of verksamhetsplaner. */
@Injectable()
export class PlanQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseQueries,
  ) {}

  async find(tenant: Tenant, id: number, tx?: EntityManager): Promise<Plan | null> {
    return (tx ?? this.dataSource.manager).findOne(Plan, {
      where: { id, municipalityId: tenant.municipalityId },
    });
  }

  async get(tenant: Tenant, id: number): Promise<PlanView> {
    const plan = await this.find(tenant, id);
    if (!plan) throw new NotFoundProblem('plan', id);
    return this.view(tenant, plan);
  }

  /** A board's plans (or every board's), newest period and revision first. */
  async list(tenant: Tenant, organId?: number): Promise<PlanView[]> {
    const plans = await this.dataSource.manager.find(Plan, {
      where: { municipalityId: tenant.municipalityId, ...(organId ? { organId } : {}) },
      order: { firstYear: 'DESC', revision: 'DESC' },
      take: 200,
    });
    const ids = [...new Set(plans.map((plan) => plan.caseId).filter((id): id is number => !!id))];
    const cases = ids.length ? await this.cases.repository.find(tenant, { id: In(ids) }) : [];
    const dnrOf = new Map(cases.map((record) => [record.id, record.dnr]));
    return plans.map((plan) => this.toView(plan, dnrOf.get(plan.caseId ?? 0) ?? null));
  }

  /**
   * The plan that governs a board's year: the adopted plan whose period holds the year, the
   * latest revision if several (a revised plan supersedes the one before).
   */
  async adoptedFor(
    tenant: Tenant,
    organId: number,
    year: number,
    tx?: EntityManager,
  ): Promise<Plan | null> {
    return (tx ?? this.dataSource.manager)
      .createQueryBuilder(Plan, 'plan')
      .where('plan.municipalityId = :municipalityId', { municipalityId: tenant.municipalityId })
      .andWhere('plan.organId = :organId', { organId })
      .andWhere("plan.status = 'adopted'")
      .andWhere('plan.firstYear <= :year AND plan.lastYear >= :year', { year })
      .orderBy('plan.firstYear', 'DESC')
      .addOrderBy('plan.revision', 'DESC')
      .getOne();
  }

  private async view(tenant: Tenant, plan: Plan): Promise<PlanView> {
    const record = plan.caseId ? await this.cases.repository.findById(tenant, plan.caseId) : null;
    return this.toView(plan, record?.dnr ?? null);
  }

  private toView(plan: Plan, dnr: string | null): PlanView {
    return {
      id: plan.id,
      organId: plan.organId,
      title: plan.title,
      firstYear: plan.firstYear,
      lastYear: plan.lastYear,
      revision: plan.revision,
      status: plan.status,
      caseId: plan.caseId,
      dnr,
      supersedesId: plan.supersedesId,
      adoptedAt: plan.adoptedAt?.toISOString() ?? null,
      updatedAt: plan.updatedAt.toISOString(),
      version: plan.version,
      content: plan.content,
    };
  }
}
