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
  Kallelse,
  KallelseFile,
} from './meeting.entities';
import { MeetingRead } from './notes/meeting-read.entity';
import { PrivateNote } from './notes/private-note.entity';
import { KallelseSecrecy } from './kallelse-secrecy';
import { CreateMeeting } from './use-cases/create-meeting.use-case';
import { PlanMeetings } from './use-cases/plan-meetings.use-case';
import { AddAgendaItem } from './use-cases/add-agenda-item.use-case';
import { UpdateAgendaItem } from './use-cases/update-agenda-item.use-case';
import { RemoveAgendaItem } from './use-cases/remove-agenda-item.use-case';
import { MoveAgendaItem } from './use-cases/move-agenda-item.use-case';
import { ReorderAgenda } from './use-cases/reorder-agenda.use-case';
import { CancelMeeting } from './use-cases/cancel-meeting.use-case';
import { PublishKallelse } from './use-cases/publish-kallelse.use-case';
import { NewMeetings } from './new-meetings';
import { MeetingQueries } from './meeting.queries';
import { DelegationQueries } from './delegation.queries';
import { ImportDelegationOrder } from './use-cases/import-delegation-order.use-case';
import { RegisterDelegationDecision } from './use-cases/register-delegation-decision.use-case';
import { RegisterNotice } from './use-cases/register-notice.use-case';
import { RecordMeetingStatus } from './record-meeting-status.use-case';
import { RecordDelegationAppeal } from './use-cases/record-delegation-appeal.use-case';
import { RecordUtskottReport } from './use-cases/record-utskott-report.use-case';
import { SettleRemiss } from './use-cases/settle-remiss.use-case';
import { NoticeQueries } from './notice.queries';

const SERVICES = [
  AgendaTemplates,
  KallelseSecrecy,
  CreateMeeting,
  PlanMeetings,
  AddAgendaItem,
  UpdateAgendaItem,
  RemoveAgendaItem,
  MoveAgendaItem,
  ReorderAgenda,
  CancelMeeting,
  PublishKallelse,
  NewMeetings,
  MeetingQueries,
  DelegationQueries,
  RegisterNotice,
  ImportDelegationOrder,
  RegisterDelegationDecision,
  RecordMeetingStatus,
  RecordDelegationAppeal,
  RecordUtskottReport,
  SettleRemiss,
  NoticeQueries,
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
      Kallelse,
      KallelseFile,
      PrivateNote,
      MeetingRead,
    ]),
    RegistryModule,
    TenancyModule,
    WorkflowModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class MeetingsModule {}
