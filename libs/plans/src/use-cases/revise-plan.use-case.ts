import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { ConflictProblem, NotFoundProblem } from '@nf/common';
import { DataSource } from 'typeorm';
import { Plan } from '../plan.entities';
import { PlanQueries, type PlanView } from '../plan.queries';
import { CreatePlan } from './create-plan.use-case';

/**
 * A revised plan: a new version of an adopted plan, drafted from its content under a case of its
 * own, which the board decides like the first; when adopted it supersedes the one before.
 */
@Injectable()
export class RevisePlan {
  constructor(
    private readonly dataSource: DataSource,
    private readonly createPlan: CreatePlan,
    private readonly queries: PlanQueries,
  ) {}

  async execute(principal: Principal, id: number): Promise<PlanView> {
    const plan = await this.dataSource.manager.findOne(Plan, {
      where: { id, municipalityId: principal.municipalityId },
    });
    if (!plan) throw new NotFoundProblem('plan', id);
    if (plan.status !== 'adopted') {
      throw new ConflictProblem(
        'plan-not-adopted',
        plan.status === 'draft'
          ? 'The plan is still a draft: change it instead of revising it.'
          : 'A later revision of this plan exists: revise that one.',
      );
    }
    const [{ latest }] = (await this.dataSource.query(
      'SELECT MAX(revision) AS latest FROM plans WHERE municipality_id = ? AND organ_id = ? AND first_year = ?',
      [principal.municipalityId, plan.organId, plan.firstYear],
    )) as Array<{ latest: number | string }>;
    const revisionId = await this.createPlan.insert(principal, principal.userId, {
      organId: plan.organId,
      title: plan.title,
      firstYear: plan.firstYear,
      lastYear: plan.lastYear,
      revision: Number(latest) + 1,
      supersedesId: plan.id,
      content: plan.content,
    });
    return this.queries.get(principal, revisionId);
  }
}
