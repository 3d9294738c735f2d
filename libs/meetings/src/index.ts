export {
  AgendaItem,
  AGENDA_ITEM_KINDS,
  DelegationDecision,
  DelegationPoint,
  Meeting,
  MEETING_STATUSES,
  Notice,
  Summons,
  SummonsFile,
} from './meeting.entities';
export type {
  AgendaItemKind,
  MeetingStatus,
  SummonsContent,
  SummonsItem,
} from './meeting.entities';
export { AgendaTemplates, AgendaTemplateError } from './agenda-templates';
export { KallelseSecrecy, summonsFileBase } from './kallelse-secrecy';
export { MeetingCommands } from './meeting-commands';
export type { AddAgendaItemCommand, CreateMeetingCommand } from './meeting-commands';
export { MeetingQueries } from './meeting-queries';
export { RecordMeetingStatus } from './record-meeting-status.use-case';
export { NoticesAndDelegation } from './notices-and-delegation';
export { MeetingsModule } from './meetings.module';
export { MeetingsHttpModule } from './meetings-http.module';
export { AgendaReads } from './http/agenda-reads';
