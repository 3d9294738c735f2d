export {
  AgendaItem,
  AGENDA_ITEM_KINDS,
  DelegationDecision,
  DelegationPoint,
  Meeting,
  MEETING_STATUSES,
  Notice,
  NOTICE_KINDS,
  REMISS_STATUSES,
  Kallelse,
  KallelseFile,
} from './meeting.entities';
export type {
  AgendaItemKind,
  NoticeKind,
  RemissStatus,
  MeetingStatus,
  KallelseContent,
  KallelseItem,
} from './meeting.entities';
export { AgendaTemplates, AgendaTemplateError } from './agenda-templates';
export { KallelseSecrecy, kallelseFileBase } from './kallelse-secrecy';
export { CreateMeeting } from './use-cases/create-meeting.use-case';
export { PlanMeetings } from './use-cases/plan-meetings.use-case';
export { AddAgendaItem } from './use-cases/add-agenda-item.use-case';
export { UpdateAgendaItem } from './use-cases/update-agenda-item.use-case';
export { RemoveAgendaItem } from './use-cases/remove-agenda-item.use-case';
export { MoveAgendaItem } from './use-cases/move-agenda-item.use-case';
export { ReorderAgenda } from './use-cases/reorder-agenda.use-case';
export { CancelMeeting } from './use-cases/cancel-meeting.use-case';
export { PublishKallelse } from './use-cases/publish-kallelse.use-case';
export type {
  AddAgendaItemCommand,
  CreateMeetingCommand,
  UpdateAgendaItemCommand,
} from './agenda-edits';
export { kallelseContent } from './kallelse-content';
export { MeetingQueries } from './meeting.queries';
export { RecordMeetingStatus } from './record-meeting-status.use-case';
export { RecordUtskottReport } from './use-cases/record-utskott-report.use-case';
export type { UtskottReport } from './use-cases/record-utskott-report.use-case';
export { RecordDelegationAppeal } from './use-cases/record-delegation-appeal.use-case';
export { DelegationQueries } from './delegation.queries';
export { RegisterNotice } from './use-cases/register-notice.use-case';
export { SettleRemiss } from './use-cases/settle-remiss.use-case';
export { NoticeQueries } from './notice.queries';
export { ImportDelegationOrder } from './use-cases/import-delegation-order.use-case';
export { RegisterDelegationDecision } from './use-cases/register-delegation-decision.use-case';
export { MeetingsModule } from './meetings.module';
export { MeetingsHttpModule } from './meetings-http.module';
export { AgendaReads } from './http/agenda-reads';
