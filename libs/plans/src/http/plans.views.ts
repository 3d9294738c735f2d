import { CalendarDate, DateTime, Nullable, OneOf } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import { DIRECTIONS, TARGET_KINDS } from '../figures';
import { ASSIGNERS, PLAN_STATUSES, TABLE_KINDS } from '../plan.entities';

/** The response contracts of the plans' routes. */
export const TargetView = T.Object({
  year: T.Integer(),
  kind: OneOf(TARGET_KINDS),
  value: T.Optional(T.Number()),
  direction: T.Optional(OneOf(DIRECTIONS)),
});

export const PlanContentView = T.Object({
  sections: T.Array(T.Object({ title: T.String(), text: T.String() })),
  areas: T.Array(T.Object({ key: T.String(), title: T.String() })),
  goals: T.Array(
    T.Object({
      key: T.String(),
      areaKey: Nullable(T.String()),
      title: T.String(),
      kfGoal: Nullable(T.String()),
      description: T.String(),
      financing: T.String(),
      activities: T.Array(
        T.Object({
          what: T.String(),
          who: T.String(),
          startsOn: Nullable(CalendarDate),
          endsOn: Nullable(CalendarDate),
        }),
      ),
      indicators: T.Array(T.Object({ indicatorId: T.Integer(), targets: T.Array(TargetView) })),
    }),
  ),
  assignments: T.Array(
    T.Object({
      key: T.String(),
      title: T.String(),
      givenBy: OneOf(ASSIGNERS),
      goalKey: Nullable(T.String()),
      dueOn: Nullable(CalendarDate),
    }),
  ),
});

export const PlanView = T.Object({
  id: T.Integer(),
  organId: T.Integer(),
  title: T.String(),
  firstYear: T.Integer(),
  lastYear: T.Integer(),
  revision: T.Integer(),
  status: OneOf(PLAN_STATUSES),
  caseId: Nullable(T.Integer()),
  dnr: Nullable(T.String()),
  supersedesId: Nullable(T.Integer()),
  adoptedAt: Nullable(DateTime),
  updatedAt: DateTime,
  version: T.Integer(),
  content: PlanContentView,
});

export const IndicatorView = T.Object({
  id: T.Integer(),
  kpiId: Nullable(T.String()),
  name: T.String(),
  unit: T.String(),
  source: T.String(),
  direction: OneOf(DIRECTIONS),
  bySex: T.Boolean(),
  outcomes: T.Array(
    T.Object({
      year: T.Integer(),
      value: T.Number(),
      enteredBy: Nullable(T.Integer()),
      enteredAt: DateTime,
    }),
  ),
  bySexOutcomes: T.Array(
    T.Object({ year: T.Integer(), gender: OneOf(['K', 'M'] as const), value: T.Number() }),
  ),
});

const Amounts = {
  budget: Nullable(T.Number()),
  revised: Nullable(T.Number()),
  outcome: Nullable(T.Number()),
  forecast: Nullable(T.Number()),
};

export const EconomyTableView = T.Object({
  kind: OneOf(TABLE_KINDS),
  year: T.Integer(),
  period: T.String(),
  unit: T.String(),
  rows: T.Array(
    T.Object({
      code: T.String(),
      name: T.String(),
      parentCode: Nullable(T.String()),
      level: T.Integer(),
      summed: T.Boolean(),
      values: T.Object(Amounts),
      deviation: Nullable(T.Number()),
      forecastDeviation: Nullable(T.Number()),
    }),
  ),
  total: T.Object({
    ...Amounts,
    deviation: Nullable(T.Number()),
    forecastDeviation: Nullable(T.Number()),
  }),
});

export const ImportResultView = T.Object({
  imported: T.Integer(),
  empty: T.Integer(),
  indicators: T.Integer(),
});

export const EntryResultView = T.Object({ entered: T.Integer(), removed: T.Integer() });
export const EconomyEntryResultView = T.Object({ rows: T.Integer(), values: T.Integer() });

/** An indicator in a follow-up: the year's outcome beside its target, met or not (null: unknown). */
export const IndicatorAssessmentView = T.Composite([
  IndicatorView,
  T.Object({
    year: T.Integer(),
    outcome: Nullable(T.Number()),
    previous: Nullable(T.Number()),
    target: Nullable(TargetView),
    targetText: T.String(),
    met: Nullable(T.Boolean()),
  }),
]);

export const ReportFiguresView = T.Object({
  year: T.Integer(),
  period: T.String(),
  planId: T.Integer(),
  planTitle: T.String(),
  goals: T.Array(T.Object({ key: T.String(), indicators: T.Array(IndicatorAssessmentView) })),
  tables: T.Array(EconomyTableView),
});
