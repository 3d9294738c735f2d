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
export { AnnualFollowupQueries } from './annual-followup.queries';
export { UpdateAnnualFollowupSettings } from './use-cases/update-annual-followup-settings.use-case';
export { FollowupReportQueries } from './followup-report.queries';
export { UpdateFollowupReport } from './use-cases/update-followup-report.use-case';
export { DeadlineQueries } from './deadline-queries';
export { DEFAULT_LEAD_DAYS, DEFAULT_REMINDER_DAYS } from './obligation-rules';
export type { NewObligation } from './obligation-rules';
export { ObligationQueries } from './obligation.queries';
export { CreateObligation } from './use-cases/create-obligation.use-case';
export { ConfirmObligation } from './use-cases/confirm-obligation.use-case';
export { DismissObligation } from './use-cases/dismiss-obligation.use-case';
export { MarkMessageRead } from './use-cases/mark-message-read.use-case';
export { Notifier } from './notifier';
export { Recurrence } from './recurrence';
export { readSchedulePhrase } from './schedule-phrases';
export type { PhraseReading, ProposedSchedule } from './schedule-phrases';
export { FollowupsHttpModule, FollowupsModule } from './followups.module';
export {
  BUDGET_ACTORS,
  budgetActorOf,
  budgetStepDue,
  SetUpBudgetTimetable,
} from './use-cases/set-up-budget-timetable.use-case';
export type { BudgetActor, BudgetStep } from './use-cases/set-up-budget-timetable.use-case';
export { MeetDeadline } from './use-cases/meet-deadline.use-case';
