import { BullBoardModule } from '@bull-board/nestjs';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { AuditHttpModule, AuditModule } from '@nf/audit';
import { CommonModule } from '@nf/common';
import { AppConfig, ConfigModule } from '@nf/config';
import { DatabaseModule } from '@nf/database';
import { DemoModule } from '@nf/demo';
import { AccessGuard, IdentityHttpModule, IdentityModule } from '@nf/identity';
import { JOB_CATALOGUE, QueueModule, queuesOf } from '@nf/queue';
import { RegistryHttpModule } from '@nf/registry';
import { TenancyHttpModule } from '@nf/tenancy';
import { RouteCatalogue, WorkflowHttpModule } from '@nf/workflow';
import { MeetingsHttpModule } from '@nf/meetings';
import { ProtocolsHttpModule } from '@nf/protocols';
import { FollowupsHttpModule } from '@nf/followups';
import { PlansHttpModule } from '@nf/plans';
import { PublicationHttpModule } from '@nf/publication';
import { RecordsHttpModule } from '@nf/records';
import { AccessDeclarations } from './http/access-declarations';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RefusalAuditModule } from './http/refusal-audit';
import { createValidationPipe } from './http/validation';
import { OperatorBasicAuth, QUEUE_DASHBOARD_ROUTE } from './http/operator-basic-auth';
import { OpsModule } from './ops/ops.module';

/** The HTTP application: REST under /api/v1, OpenAPI, health, metrics and the queue dashboard. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    RouteCatalogue.check(config);
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        DatabaseModule.forRoot(),
        AuditModule,
        RefusalAuditModule,
        QueueModule.forRoot(),
        DiscoveryModule,
        OpsModule,
        TenancyHttpModule,
        IdentityModule,
        IdentityHttpModule,
        RegistryHttpModule,
        WorkflowHttpModule,
        MeetingsHttpModule,
        ProtocolsHttpModule,
        FollowupsHttpModule,
        PlansHttpModule,
        PublicationHttpModule,
        RecordsHttpModule,
        AuditHttpModule,
        DemoModule,
        BullBoardModule.forRoot({
          route: QUEUE_DASHBOARD_ROUTE,
          adapter: FastifyAdapter,
          middleware: OperatorBasicAuth,
          boardOptions: { uiConfig: { boardTitle: 'Nämndflöde – köer' } },
        }),
        BullBoardModule.forFeature(
          ...queuesOf(JOB_CATALOGUE).map((name) => ({ name, adapter: BullMQAdapter })),
        ),
      ],
      providers: [
        AccessDeclarations,
        { provide: APP_GUARD, useExisting: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
