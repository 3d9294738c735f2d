import { Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import { IdentityModule } from '@nf/identity';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { WorkflowModule } from '@nf/workflow';
import { MeetingsModule } from '@nf/meetings';
import { DemoSeeder } from './demo-seeder';
import { DemoRegistry } from './demo-registry';
import { DemoWorkflow } from './demo-workflow';
import { DemoMeetings } from './demo-meetings';
import { DemoProtocols } from './demo-protocols';
import { DemoFollowups } from './demo-followups';
import { DemoLulea } from './demo-lulea';
import { PlansModule } from '@nf/plans';
import {
  FulfilOccurrence,
  OccurrenceWakeups,
  PlanOccurrence,
  WakeupRows,
} from '@nf/followups-jobs';
import { FollowupsModule } from '@nf/followups';
import { ApplyParagraph, ProtocolsModule, ReportToBoard } from '@nf/protocols';
import { ApplyRouteEvent } from '@nf/workflow';

/** With APP_DEMO=true, the api loads the demo data at start when it is missing. */
@Injectable()
export class DemoOnStart implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly seeder: DemoSeeder,
    private readonly lulea: DemoLulea,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.app.demo) return;
    await this.seeder.seed();
    await this.lulea.seed();
  }
}

@Module({
  imports: [
    TenancyModule,
    IdentityModule,
    RegistryModule,
    WorkflowModule,
    MeetingsModule,
    ProtocolsModule,
    FollowupsModule,
    PlansModule,
  ],
  providers: [
    DemoSeeder,
    DemoRegistry,
    DemoWorkflow,
    DemoMeetings,
    DemoProtocols,
    DemoFollowups,
    DemoLulea,
    // The Luleå demo opens and fulfils its follow-up of 2024 as the worker would.
    PlanOccurrence,
    WakeupRows,
    OccurrenceWakeups,
    FulfilOccurrence,
    // The demo runs the jobs after its KSAPU protocol itself (see DemoProtocols).
    ApplyParagraph,
    ApplyRouteEvent,
    ReportToBoard,
    DemoOnStart,
  ],
  exports: [DemoSeeder, DemoLulea],
})
export class DemoModule {}
