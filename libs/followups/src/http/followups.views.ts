import { CalendarDate, DateTime, Nullable, OneOf } from '@nf/common';
import { ReportFiguresView } from '@nf/plans';
import { Type as T } from '@sinclair/typebox';
import {
  ASSIGNMENT_STATUSES,
  DEADLINE_KINDS,
  GOAL_ASSESSMENTS,
  TRENDS,
} from '../followup.entities';

/** The response contracts of the follow-ups' routes. */
export const ScheduleProposalView = T.Object({
  /** The RFC 5545 rule (Europe/Stockholm), or null for a single due date. */
  rrule: Nullable(T.String()),
  firstDue: CalendarDate,
  /** How the phrase was read, in Swedish. */
  description: T.String(),
  assumptions: T.Array(T.String()),
});

export const ObligationView = T.Object({
  id: T.Integer(),
  kind: T.String(),
  title: T.String(),
  titleHidden: T.Boolean(),
  caseId: Nullable(T.Integer()),
  dnr: Nullable(T.String()),
  responsibleUserId: Nullable(T.Integer()),
  reportOrganId: Nullable(T.Integer()),
  rrule: Nullable(T.String()),
  firstDue: Nullable(CalendarDate),
  status: T.String(),
  version: T.Integer(),
  clause: Nullable(T.String()),
  proposal: Nullable(
    T.Object({
      description: T.Optional(T.String()),
      assumptions: T.Optional(T.Array(T.String())),
      refused: T.Optional(T.String()),
    }),
  ),
  next: Nullable(
    T.Object({
      id: T.Integer(),
      dueOn: Nullable(CalendarDate),
      opensOn: Nullable(CalendarDate),
      status: T.String(),
      followUpDnr: Nullable(T.String()),
      late: T.Boolean(),
    }),
  ),
});

export const AnnualSettingsView = T.Object({
  rrule: T.String(),
  leadDays: T.Integer(),
  reminderDays: T.Array(T.Integer()),
  reportOrganId: Nullable(T.Integer()),
  version: T.Integer(),
});

export const AnnualOverviewView = T.Object({
  settings: AnnualSettingsView,
  boards: T.Array(
    T.Object({
      obligationId: T.Integer(),
      title: T.String(),
      organId: Nullable(T.Integer()),
      organName: Nullable(T.String()),
      responsibleUserId: Nullable(T.Integer()),
      occurrence: Nullable(
        T.Object({
          id: T.Integer(),
          dueOn: Nullable(CalendarDate),
          opensOn: Nullable(CalendarDate),
          status: T.String(),
          late: T.Boolean(),
          followUpDnr: Nullable(T.String()),
        }),
      ),
      report: Nullable(
        T.Object({
          id: T.Integer(),
          status: T.String(),
          goals: T.Integer(),
          /** How many goals have each assessment. */
          assessed: T.Record(T.String(), T.Integer()),
        }),
      ),
    }),
  ),
});

export const ReportContentView = T.Object({
  year: T.Integer(),
  board: T.String(),
  kind: T.Optional(OneOf(['arsuppfoljning', 'delar', 'manadsrapport'] as const)),
  period: T.Optional(T.String()),
  planId: T.Optional(Nullable(T.Integer())),
  sections: T.Array(T.Object({ title: T.String(), text: T.String() })),
  goals: T.Array(
    T.Object({
      key: T.Optional(T.String()),
      area: T.Optional(Nullable(T.String())),
      title: T.String(),
      assessment: Nullable(OneOf(GOAL_ASSESSMENTS)),
      trend: Nullable(OneOf(TRENDS)),
      comment: T.String(),
    }),
  ),
  kfAssignments: T.Array(
    T.Object({
      key: T.Optional(T.String()),
      givenBy: T.Optional(OneOf(['KF', 'KS'] as const)),
      title: T.String(),
      status: OneOf(ASSIGNMENT_STATUSES),
      comment: T.String(),
    }),
  ),
});

export const FollowupReportView = T.Object({
  id: T.Integer(),
  obligationId: T.Integer(),
  title: T.String(),
  organId: Nullable(T.Integer()),
  occurrenceId: T.Integer(),
  dueOn: Nullable(CalendarDate),
  followUpDnr: Nullable(T.String()),
  status: T.String(),
  version: T.Integer(),
  updatedAt: DateTime,
  content: ReportContentView,
  /** The goals' indicators and the economic tables of a report drawn from a plan. */
  figures: Nullable(ReportFiguresView),
});

export const DeadlineView = T.Object({
  id: T.Integer(),
  kind: OneOf(DEADLINE_KINDS),
  title: T.String(),
  subject: T.Object({
    type: T.Union([
      T.Literal('meeting'),
      T.Literal('protocol'),
      T.Literal('case'),
      T.Literal('notice'),
      T.Literal('year'),
    ]),
    id: T.Integer(),
  }),
  organId: Nullable(T.Integer()),
  caseId: Nullable(T.Integer()),
  dueOn: CalendarDate,
  status: T.Union([
    T.Literal('open'),
    T.Literal('met'),
    T.Literal('passed'),
    T.Literal('cancelled'),
  ]),
  metAt: Nullable(DateTime),
  late: T.Boolean(),
});

export const InboxMessageView = T.Object({
  id: T.Integer(),
  subject: T.String(),
  body: T.String(),
  caseId: Nullable(T.Integer()),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});

export const CalendarFeedView = T.Object({
  token: T.String(),
  /** The feed's path, to subscribe to in a calendar program. */
  path: T.String(),
});

export const AttachedBasisView = T.Object({
  caseId: T.Integer(),
  documentId: T.Integer(),
  filename: T.String(),
});
