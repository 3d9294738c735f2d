export {
  AnnualFollowupSettings,
  CalendarFeed,
  Deadline,
  DEADLINE_KINDS,
  FollowupReport,
  InboxMessage,
  Obligation,
  OBLIGATION_KINDS,
  Occurrence,
  Wakeup,
  WAKEUP_KINDS,
} from './followup.entities';
export type { DeadlineKind, ObligationKind, ReportContent, WakeupKind } from './followup.entities';
export { AnnualFollowups } from './annual-followups';
export { DeadlineQueries } from './deadline-queries';
export { DEFAULT_LEAD_DAYS, DEFAULT_REMINDER_DAYS, Obligations } from './obligations';
export type { NewObligation } from './obligations';
export { Notifier } from './notifier';
export { Recurrence } from './recurrence';
export { readSchedulePhrase } from './schedule-phrases';
export type { PhraseReading, ProposedSchedule } from './schedule-phrases';
export { FollowupsHttpModule, FollowupsModule } from './followups.module';
