import { Injectable, Logger } from '@nestjs/common';
import { type AssignableRole, Principal, Role } from '@nf/access';
import { RequestContexts, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import {
  AnnualFollowups,
  FollowupReportQueries,
  type ReportContent,
  UpdateFollowupReport,
} from '@nf/followups';
import { FulfilOccurrence, OccurrenceWakeups, PlanOccurrence } from '@nf/followups-jobs';
import { CreateUser } from '@nf/identity';
import {
  AdoptDecidedPlans,
  CreatePlan,
  DefineIndicator,
  type Direction,
  EnterEconomyFigures,
  EnterIndicatorValues,
  type PlanContent,
} from '@nf/plans';
import { MarkCasesDecided } from '@nf/registry';
import {
  CreateMunicipality,
  CreateMunicipalityCommand,
  CreateOrgan,
  Municipalities,
  UpdateMunicipalitySettings,
} from '@nf/tenancy';
import { loadLuleaFixtures } from './demo-fixture';
import { DEMO_PASSWORD } from './demo-seeder';

export const LULEA_SLUG = 'lulea';

/** Users of the Luleå demo (password `demo`): the controller writes the plan and the report. */
const USERS: Array<{
  username: string;
  displayName: string;
  role: AssignableRole;
  organ: boolean;
}> = [
  { username: 'admin', displayName: 'Demo Administratör', role: Role.Admin, organ: false },
  { username: 'controller', displayName: 'Demo Controller', role: Role.Handlaggare, organ: false },
  {
    username: 'sekreterare',
    displayName: 'Demo Nämndsekreterare',
    role: Role.Sekreterare,
    organ: true,
  },
];

/** When KS decided each: the plan for 2024 in December 2023, for 2025 in December 2024. */
const DECIDED = {
  plan2024: new Date('2023-12-11T15:00:00Z'),
  plan2025: new Date('2024-12-09T15:00:00Z'),
  report2024: new Date('2025-02-24T15:00:00Z'),
};

/**
 * The Luleå demo (seeds 000, 001, 002): Luleå kommunstyrelsen with its indicators and their
 * outcomes, its 2024 plan (reconstructed from the årsuppföljning) and its verksamhetsplan 2025,
 * both adopted by KS, the economic tables, and the årsuppföljning 2024 drafted from the 2024 plan
 * as its follow-up case opened, written as the seed and decided by KS (final, with its figures).
 * The worker then opens the follow-up of 2025 and drafts it from the 2025 plan. Idempotent:
 * nothing happens when the municipality exists.
 */
@Injectable()
export class DemoLulea {
  private readonly logger = new Logger(DemoLulea.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly createMunicipality: CreateMunicipality,
    private readonly settings: UpdateMunicipalitySettings,
    private readonly createOrgan: CreateOrgan,
    private readonly createUser: CreateUser,
    private readonly defineIndicator: DefineIndicator,
    private readonly enterIndicatorValues: EnterIndicatorValues,
    private readonly createPlan: CreatePlan,
    private readonly adoptPlans: AdoptDecidedPlans,
    private readonly enterEconomy: EnterEconomyFigures,
    private readonly markDecided: MarkCasesDecided,
    private readonly annual: AnnualFollowups,
    private readonly planOccurrence: PlanOccurrence,
    private readonly occurrenceWakeups: OccurrenceWakeups,
    private readonly fulfil: FulfilOccurrence,
    private readonly reports: FollowupReportQueries,
    private readonly updateReport: UpdateFollowupReport,
  ) {}

  async seed(): Promise<boolean> {
    return RequestContexts.run(
      {
        requestId: `demo-seed-lulea-${Date.now()}`,
        actor: { type: 'system', id: 'demo-seed', label: 'Demodata' },
      },
      () => this.load(),
    );
  }

  private async load(): Promise<boolean> {
    if (await this.municipalities.findBySlug(LULEA_SLUG)) return false;
    const { plan2024, plan2025 } = loadLuleaFixtures();
    const municipality = await this.createMunicipality.execute(
      new CreateMunicipalityCommand(LULEA_SLUG, plan2025.municipality),
    );
    const tenant: Tenant = { municipalityId: municipality.id };
    await this.settings.execute(tenant, { kommunkod: plan2025.kommunkod });
    await this.createOrgan.execute(tenant, {
      code: 'KF',
      name: 'Kommunfullmäktige',
      kind: 'fullmäktige',
      parentId: null,
    });
    const ks = (
      await this.createOrgan.execute(tenant, {
        code: 'KS',
        name: plan2025.board,
        kind: 'styrelse',
        parentId: null,
      })
    ).id;
    const userIds = new Map<string, number>();
    for (const user of USERS) {
      const created = await this.createUser.execute(tenant, {
        username: user.username,
        displayName: user.displayName,
        personId: null,
        password: DEMO_PASSWORD,
        allowDefaultPassword: true,
        roles: [{ role: user.role, organId: user.organ ? ks : null }],
      });
      userIds.set(user.username, created.id);
    }
    const controller = new Principal(
      userIds.get('controller')!,
      municipality.id,
      'controller',
      'person',
      [{ role: Role.Handlaggare }],
    );

    // The board's indicators, once each (the two fixtures share some), with every outcome.
    const indicators = new Map<string, number>();
    for (const indicator of [...plan2024.indicators, ...plan2025.indicators]) {
      let id = indicators.get(indicator.ref);
      if (id === undefined) {
        id = await this.defineIndicator.execute(controller, ks, {
          name: indicator.name,
          unit: indicator.unit,
          source: indicator.source,
          direction: indicator.direction as Direction,
        });
        indicators.set(indicator.ref, id);
      }
      await this.enterIndicatorValues.execute(
        controller,
        id,
        Object.entries(indicator.outcomes).map(([year, value]) => ({ year: Number(year), value })),
      );
    }

    // The two plans, decided by KS and adopted.
    const content2024: PlanContent = {
      sections: [],
      areas: [],
      goals: plan2024.goals.map((goal) => ({
        key: goal.key,
        areaKey: null,
        title: goal.title,
        kfGoal: null,
        description: '',
        financing: '',
        activities: [],
        indicators: plan2024.indicators
          .filter((indicator) => indicator.goalKey === goal.key)
          .map((indicator) => ({
            indicatorId: indicators.get(indicator.ref)!,
            targets: [
              {
                year: 2024,
                ...indicator.target,
              } as PlanContent['goals'][number]['indicators'][number]['targets'][number],
            ],
          })),
      })),
      assignments: plan2024.assignments.map((a) => ({
        key: a.key,
        title: a.title,
        givenBy: a.givenBy as 'KF' | 'KS',
        goalKey: null,
        dueOn: null,
      })),
    };
    const content2025: PlanContent = {
      sections: Object.entries(plan2025.sections).map(([title, text]) => ({ title, text })),
      areas: plan2025.areas,
      goals: plan2025.goals.map((goal) => ({
        ...goal,
        indicators: plan2025.indicators
          .filter((indicator) => indicator.goalKeys.includes(goal.key))
          // The plan sets no targets: its Mål columns are empty.
          .map((indicator) => ({ indicatorId: indicators.get(indicator.ref)!, targets: [] })),
      })),
      assignments: plan2025.assignments.map((a) => ({
        ...a,
        givenBy: a.givenBy as 'KF' | 'KS',
        dueOn: null,
      })),
    };
    for (const [year, content, decidedAt] of [
      [2024, content2024, DECIDED.plan2024],
      [2025, content2025, DECIDED.plan2025],
    ] as const) {
      const plan = await this.createPlan.execute(controller, {
        organId: ks,
        firstYear: year,
        lastYear: year,
        content,
      });
      await this.decide(tenant, plan.caseId!, decidedAt);
    }
    await this.adoptPlans.sweep();

    // The tables: 2024's outcomes and budgets (the report's), 2025's budget and the October
    // figures the 2025 plan prints (the plan's).
    const driftRows2025 = plan2025.drift.rows;
    await this.enterEconomy.execute(controller, ks, {
      rows: [
        ...plan2024.drift.rows.map((row) => ({
          table: 'drift' as const,
          code: row.code,
          name: row.name,
        })),
        ...driftRows2025
          .filter((row) => !plan2024.drift.rows.some((old) => old.code === row.code))
          .map((row) => ({ table: 'drift' as const, code: row.code, name: row.name })),
        ...plan2024.investering.rows.map((row) => ({
          table: 'investering' as const,
          code: row.code,
          name: row.name,
        })),
        ...plan2025.investering.rows.map((row) => ({
          table: 'investering' as const,
          code: row.code,
          name: row.name,
        })),
        ...plan2024.personal.map(([code, name]) => ({
          table: 'personal' as const,
          code: String(code),
          name: String(name),
          unit: '',
        })),
      ],
      values: [
        ...plan2024.drift.rows.flatMap((row) => [
          {
            table: 'drift' as const,
            code: row.code,
            year: 2024,
            period: 'Y',
            measure: 'outcome' as const,
            value: row.outcome,
          },
          {
            table: 'drift' as const,
            code: row.code,
            year: 2024,
            period: 'Y',
            measure: 'budget' as const,
            value: row.budget,
          },
        ]),
        ...plan2024.investering.rows.flatMap((row) => [
          {
            table: 'investering' as const,
            code: row.code,
            year: 2024,
            period: 'Y',
            measure: 'outcome' as const,
            value: row.outcome,
          },
          {
            table: 'investering' as const,
            code: row.code,
            year: 2024,
            period: 'Y',
            measure: 'budget' as const,
            value: row.budget,
          },
        ]),
        ...plan2024.personal.map(([code, , value]) => ({
          table: 'personal' as const,
          code: String(code),
          year: 2024,
          period: 'Y',
          measure: 'outcome' as const,
          value: Number(value),
        })),
        ...driftRows2025.flatMap((row) => [
          {
            table: 'drift' as const,
            code: row.code,
            year: 2025,
            period: 'Y',
            measure: 'budget' as const,
            value: row.budget2025,
          },
          ...(row.outcome2024M10 === null
            ? []
            : [
                {
                  table: 'drift' as const,
                  code: row.code,
                  year: 2024,
                  period: 'M10',
                  measure: 'outcome' as const,
                  value: row.outcome2024M10,
                },
                {
                  table: 'drift' as const,
                  code: row.code,
                  year: 2024,
                  period: 'M10',
                  measure: 'budget' as const,
                  value: row.periodBudget2024M10,
                },
              ]),
        ]),
        ...plan2025.investering.rows.map((row) => ({
          table: 'investering' as const,
          code: row.code,
          year: 2025,
          period: 'Y',
          measure: 'budget' as const,
          value: row.budget2025,
        })),
      ],
    });

    // The årsuppföljning 2024: KS's annual follow-up, opened (its case registered and its report
    // drafted from the 2024 plan) as the worker does, written as the seed, decided by KS.
    await this.annual.setUp(tenant, ks, {
      responsibleUserId: userIds.get('controller')!,
      firstDue: '2025-02-28',
    });
    const obligationId = await this.annual.obligationOf(tenant, ks);
    const occurrence = obligationId && (await this.planOccurrence.execute(tenant, obligationId));
    if (!occurrence) throw new Error('The Luleå follow-up of 2024 was not planned');
    await this.occurrenceWakeups.openNow(tenant, occurrence.id);
    const row = await this.reports.ofOccurrence(tenant, occurrence.id);
    if (!row?.followUpCaseId) throw new Error('The Luleå follow-up of 2024 did not open');
    const draft = await this.reports.get(tenant, row.id);
    await this.updateReport.execute(controller, row.id, {
      version: draft.version,
      sections: draft.content.sections.map((section) => ({
        title: section.title,
        text: (plan2024.sections as Record<string, string>)[section.title] ?? section.text,
      })),
      goals: draft.content.goals.map((goal) => {
        const seed = plan2024.goals.find((g) => g.key === goal.key)!;
        return {
          ...goal,
          assessment: seed.assessment as ReportContent['goals'][number]['assessment'],
          trend: seed.trend as ReportContent['goals'][number]['trend'],
          comment: seed.comment,
        };
      }),
      kfAssignments: draft.content.kfAssignments.map((a) => {
        const seed = plan2024.assignments.find((s) => s.key === a.key)!;
        return {
          ...a,
          status: seed.status as 'done' | 'ongoing',
          comment: seed.comment,
        };
      }),
    });
    await this.decide(tenant, row.followUpCaseId, DECIDED.report2024);
    await this.fulfil.execute(tenant, occurrence.id);
    this.logger.log(`Demo data loaded: ${plan2025.municipality} (${LULEA_SLUG})`);
    return true;
  }

  private decide(tenant: Tenant, caseId: number, at: Date) {
    return this.transactions.run((tx) => this.markDecided.execute(tx, tenant, [{ caseId }], at));
  }
}
