import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { WorkflowModule } from '@nf/workflow';
import { AgendaTemplates } from './agenda-templates';
import {
  AgendaItem,
  DelegationDecision,
  DelegationPoint,
  Meeting,
  Notice,
  Summons,
  SummonsFile,
} from './meeting.entities';
import { KallelseSecrecy } from './kallelse-secrecy';
import { MeetingCommands } from './meeting-commands';
import { MeetingQueries } from './meeting-queries';
import { NoticesAndDelegation } from './notices-and-delegation';
import { RecordMeetingStatus } from './record-meeting-status.use-case';

const SERVICES = [
  AgendaTemplates,
  KallelseSecrecy,
  MeetingCommands,
  MeetingQueries,
  NoticesAndDelegation,
  RecordMeetingStatus,
];

/** Meetings: agendas, notices, delegation reports and the kallelse. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Meeting,
      AgendaItem,
      Notice,
      DelegationPoint,
      DelegationDecision,
      Summons,
      SummonsFile,
    ]),
    RegistryModule,
    TenancyModule,
    WorkflowModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class MeetingsModule {}
