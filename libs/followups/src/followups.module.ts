import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@nf/identity';
import { MeetingsModule } from '@nf/meetings';
import { NotificationsModule } from '@nf/notifications';
import { PlansModule } from '@nf/plans';
import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { AnnualFollowups } from './annual-followups';
import { CalendarFeedQueries } from './calendar-feed.queries';
import { CreateCalendarFeed } from './use-cases/create-calendar-feed.use-case';
import { RevokeCalendarFeed } from './use-cases/revoke-calendar-feed.use-case';
import { DeadlineQueries } from './deadline-queries';
import { FollowupReports } from './followup-reports';
import { FollowupReportDocuments } from './followup-report-documents';
import {
  AnnualFollowupSettings,
  CalendarFeed,
  Deadline,
  FollowupReport,
  InboxMessage,
  Obligation,
  Occurrence,
  Wakeup,
} from './followup.entities';
import { CalendarController } from './http/calendar.controller';
import { FollowupsController } from './http/followups.controller';
import { Notifier } from './notifier';
import { AnnualFollowupQueries } from './annual-followup.queries';
import { FollowupReportQueries } from './followup-report.queries';
import { ObligationChecks } from './obligation-rules';
import { UpdateAnnualFollowupSettings } from './use-cases/update-annual-followup-settings.use-case';
import { UpdateFollowupReport } from './use-cases/update-followup-report.use-case';
import { ObligationQueries } from './obligation.queries';
import { ConfirmObligation } from './use-cases/confirm-obligation.use-case';
import { CreateObligation } from './use-cases/create-obligation.use-case';
import { DismissObligation } from './use-cases/dismiss-obligation.use-case';
import { MarkMessageRead } from './use-cases/mark-message-read.use-case';
import { MeetDeadline } from './use-cases/meet-deadline.use-case';
import { AttachReportAsBasis } from './use-cases/attach-report-as-basis.use-case';
import { SetUpBudgetTimetable } from './use-cases/set-up-budget-timetable.use-case';

const SERVICES = [
  ObligationChecks,
  AnnualFollowupQueries,
  UpdateAnnualFollowupSettings,
  FollowupReportQueries,
  UpdateFollowupReport,
  ObligationQueries,
  CreateObligation,
  ConfirmObligation,
  DismissObligation,
  MarkMessageRead,
  MeetDeadline,
  AttachReportAsBasis,
  SetUpBudgetTimetable,
  Notifier,
  DeadlineQueries,
  AnnualFollowups,
  FollowupReports,
  FollowupReportDocuments,
  CalendarFeedQueries,
  CreateCalendarFeed,
  RevokeCalendarFeed,
];

/**
 * Follow-ups: obligations, their occurrences and wake-ups, the in-app inbox, the legal deadlines,
 * the annual follow-ups with their reports, and the calendar feeds.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Obligation,
      Occurrence,
      Wakeup,
      InboxMessage,
      Deadline,
      CalendarFeed,
      FollowupReport,
      AnnualFollowupSettings,
    ]),
    RegistryModule,
    TenancyModule,
    IdentityModule,
    MeetingsModule,
    NotificationsModule,
    PlansModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class FollowupsModule {}

@Module({
  imports: [FollowupsModule],
  controllers: [FollowupsController, CalendarController],
})
export class FollowupsHttpModule {}
