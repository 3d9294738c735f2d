import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { FigureQueries } from './figure.queries';
import { PlansController } from './http/plans.controller';
import { EconomyRow, EconomyValue, Indicator, IndicatorValue, Plan } from './plan.entities';
import { PlanQueries } from './plan.queries';
import { PlanDocuments } from './plan-documents';
import { AdoptDecidedPlans } from './use-cases/adopt-decided-plans.use-case';
import { CreatePlan } from './use-cases/create-plan.use-case';
import { DefineIndicator } from './use-cases/define-indicator.use-case';
import { EnterEconomyFigures } from './use-cases/enter-economy-figures.use-case';
import { EnterIndicatorValues } from './use-cases/enter-indicator-values.use-case';
import { ImportKoladaOutcomes } from './use-cases/import-kolada-outcomes.use-case';
import { RevisePlan } from './use-cases/revise-plan.use-case';
import { UpdatePlan } from './use-cases/update-plan.use-case';

const SERVICES = [
  PlanDocuments,
  PlanQueries,
  FigureQueries,
  CreatePlan,
  UpdatePlan,
  RevisePlan,
  AdoptDecidedPlans,
  DefineIndicator,
  EnterIndicatorValues,
  ImportKoladaOutcomes,
  EnterEconomyFigures,
];

/**
 * Plans: a board's verksamhetsplan (versions, adopted by the board's decision), its indicators
 * and their outcomes, and its economic tables. Follow-ups are drafted from what it keeps.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Plan, Indicator, IndicatorValue, EconomyRow, EconomyValue]),
    RegistryModule,
    TenancyModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class PlansModule {}

@Module({ imports: [PlansModule], controllers: [PlansController] })
export class PlansHttpModule {}
