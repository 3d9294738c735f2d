import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@nf/identity';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { Motion } from './motions/motion.entity';
import { AttachMotion } from './motions/attach-motion.use-case';
import { RemitMotion } from './motions/remit-motion.use-case';
import { RecordMotionReport } from './motions/record-motion-report.use-case';
import { WriteOffMotions } from './motions/write-off-motions.use-case';
import { RegisterMotion } from './motions/register-motion.use-case';
import { MotionQueries } from './motions/motion.queries';
import { AgendaPlacements } from './routes/agenda-placements';
import { RouteQueries } from './routes/route.queries';
import { ImportRoute } from './routes/import-route';
import { RecordOutcome } from './routes/record-outcome.use-case';
import { StartRoute } from './routes/start-route.use-case';
import { RouteCatalogue } from './routes/route-catalogue';
import { RouteEvent, RouteInstance, RouteStep } from './routes/route.entities';
import { Routes } from './routes/routes';
import { WorkflowQueries } from './timeline/workflow.queries';
import { Tjansteskrivelse } from './tjansteskrivelser/tjansteskrivelse.entity';
import { SubmitTjansteskrivelse } from './tjansteskrivelser/submit-tjansteskrivelse.use-case';
import { UpdateTjansteskrivelse } from './tjansteskrivelser/update-tjansteskrivelse.use-case';
import { CreateTjansteskrivelse } from './tjansteskrivelser/create-tjansteskrivelse.use-case';
import { TjansteskrivelseReferences } from './tjansteskrivelser/tjansteskrivelse-references';
import { Tjansteskrivelser } from './tjansteskrivelser/tjansteskrivelser';
import { ImportTjansteskrivelse } from './tjansteskrivelser/import-tjansteskrivelse.use-case';

const SERVICES = [
  RouteQueries,
  AgendaPlacements,
  RouteCatalogue,
  Routes,
  StartRoute,
  RecordOutcome,
  ImportRoute,
  WorkflowQueries,
  Tjansteskrivelser,
  TjansteskrivelseReferences,
  CreateTjansteskrivelse,
  UpdateTjansteskrivelse,
  SubmitTjansteskrivelse,
  ImportTjansteskrivelse,
  MotionQueries,
  RegisterMotion,
  AttachMotion,
  RemitMotion,
  RecordMotionReport,
  WriteOffMotions,
];

/** Workflow: route templates and instances, tjänsteskrivelser, motions (no job handlers). */
@Module({
  imports: [
    TypeOrmModule.forFeature([RouteInstance, RouteStep, RouteEvent, Tjansteskrivelse, Motion]),
    RegistryModule,
    TenancyModule,
    IdentityModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class WorkflowModule {}
