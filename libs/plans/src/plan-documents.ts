import { Injectable } from '@nestjs/common';
import { formatSwedishDate, localDate, Tenant } from '@nf/common';
import { planDocument, renderDocument, type RenderedFile } from '@nf/documents';
import { Municipalities, Organs } from '@nf/tenancy';
import { FigureQueries } from './figure.queries';
import { targetText } from './figures';
import { PlanQueries } from './plan.queries';

/**
 * The verksamhetsplan as a document people read: PDF (with its tables and charts) or DOCX, in
 * the structure of Luleå's plans, from the plan's content, its indicators' outcomes of the years
 * before it and the budget of its first year.
 */
@Injectable()
export class PlanDocuments {
  constructor(
    private readonly plans: PlanQueries,
    private readonly figures: FigureQueries,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
  ) {}

  async render(tenant: Tenant, id: number, format: 'pdf' | 'docx'): Promise<RenderedFile> {
    const plan = await this.plans.get(tenant, id);
    const { name, timeZone } = await this.municipalities.getById(tenant.municipalityId);
    const organ = await this.organs.get(tenant, plan.organId);
    const ids = [
      ...new Set(plan.content.goals.flatMap((g) => g.indicators.map((i) => i.indicatorId))),
    ];
    const series = new Map(
      (await this.figures.indicators(tenant, plan.organId, ids)).map((s) => [s.id, s]),
    );
    const tables = [];
    for (const kind of ['drift', 'investering'] as const) {
      const table = await this.figures.table(tenant, plan.organId, kind, plan.firstYear, 'Y');
      // The rows the plan budgets for (an ansvar of an earlier year without a budget is left out).
      const budgeted = table.rows.filter((row) => row.values.budget !== null);
      if (budgeted.length === 0) continue;
      tables.push({
        kind,
        rows: budgeted.map((row) => ({
          code: row.code,
          name: row.name,
          level: row.level,
          budget: row.values.budget,
        })),
        total: table.total.budget,
      });
    }
    const goalTitle = new Map(plan.content.goals.map((goal) => [goal.key, goal.title]));
    const model = planDocument({
      municipality: name,
      board: organ.name,
      dnr: plan.dnr,
      firstYear: plan.firstYear,
      lastYear: plan.lastYear,
      status:
        plan.status === 'draft'
          ? 'Förslag'
          : `Antagen ${formatSwedishDate(localDate(new Date(plan.adoptedAt!), timeZone))}${plan.status === 'superseded' ? ', ersatt av en reviderad plan' : ''}`,
      sections: plan.content.sections,
      areas: plan.content.areas,
      goals: plan.content.goals.map((goal) => ({
        ...goal,
        activities: goal.activities.map((a) => ({
          what: a.what,
          who: a.who,
          when: [a.startsOn, a.endsOn].filter(Boolean).join('–') || '–',
        })),
        indicators: goal.indicators.flatMap((link) => {
          const indicator = series.get(link.indicatorId);
          if (!indicator) return [];
          return [
            {
              name: indicator.name,
              unit: indicator.unit,
              source: indicator.source,
              outcomes: indicator.outcomes,
              targets: link.targets.map((target) => ({
                year: target.year,
                text: targetText(target),
                value: target.kind === 'direction' ? null : target.value,
              })),
            },
          ];
        }),
      })),
      assignments: plan.content.assignments.map((a) => ({
        title: a.title,
        givenBy: a.givenBy,
        dueOn: a.dueOn,
        goal: a.goalKey ? (goalTitle.get(a.goalKey) ?? null) : null,
      })),
      tables,
    });
    const stem = `verksamhetsplan-${plan.firstYear}${plan.lastYear === plan.firstYear ? '' : `-${plan.lastYear}`}-${plan.id}`;
    return renderDocument(model, format, stem, new Date(plan.updatedAt));
  }
}
