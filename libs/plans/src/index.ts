export { PlansHttpModule, PlansModule } from './plans.module';
export {
  EconomyRow,
  EconomyValue,
  Indicator,
  IndicatorValue,
  MEASURES,
  PERIODS,
  Plan,
  PLAN_STATUSES,
  TABLE_KINDS,
} from './plan.entities';
export type { Measure, PlanContent, PlanStatus, TableKind, YearTarget } from './plan.entities';
export { PlanQueries } from './plan.queries';
export { PlanDocuments } from './plan-documents';
export type { PlanView } from './plan.queries';
export { FigureQueries } from './figure.queries';
export type {
  EconomyTable,
  IndicatorAssessment,
  IndicatorSeries,
  ReportFigures,
} from './figure.queries';
export { ReportFiguresView } from './http/plans.views';
export { deviation, DIRECTIONS, sumOf, sumTable, targetMet, targetText } from './figures';
export type { Direction, Target } from './figures';
export { parseKoladaCsv } from './kolada-csv';
export { parseEconomyCsv } from './economy-csv';
export type { EconomyRowInput, EconomyValueInput } from './economy-csv';
export { AdoptDecidedPlans } from './use-cases/adopt-decided-plans.use-case';
export { CreatePlan } from './use-cases/create-plan.use-case';
export type { NewPlan } from './use-cases/create-plan.use-case';
export { UpdatePlan } from './use-cases/update-plan.use-case';
export { RevisePlan } from './use-cases/revise-plan.use-case';
export { DefineIndicator } from './use-cases/define-indicator.use-case';
export { EnterIndicatorValues } from './use-cases/enter-indicator-values.use-case';
export { ImportKoladaOutcomes } from './use-cases/import-kolada-outcomes.use-case';
export { EnterEconomyFigures } from './use-cases/enter-economy-figures.use-case';
