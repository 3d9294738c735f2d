import { CalendarDate, DateTime, Nullable, OneOf } from '@nf/common';
import { CaseView, PublicCaseView } from '@nf/registry';
import { Type as T } from '@sinclair/typebox';
import { EVENT_STATUSES } from '../routes/route.entities';
import {
  MOTION_ANSWERS,
  OUTCOME_KINDS,
  ROUTE_STATUSES,
  STEP_STATES,
} from '../routes/route-machine';
import { STEP_ROLES } from '../routes/route-template';

/** The response contracts of the workflow's routes. */
export const RouteTemplateView = T.Object({
  key: T.String(),
  title: T.String(),
  version: T.Integer(),
  steps: T.Array(
    T.Object({ organ: T.String(), role: OneOf(STEP_ROLES), authoritative: T.Boolean() }),
  ),
});

export const RouteEventView = T.Object({
  id: T.Integer(),
  kind: OneOf([...OUTCOME_KINDS, 'submitted'] as const),
  status: OneOf(EVENT_STATUSES),
  round: T.Integer(),
  text: Nullable(T.String()),
  reason: Nullable(T.String()),
  meetingId: Nullable(T.Integer()),
  meetingDate: Nullable(CalendarDate),
  paragraph: Nullable(T.Integer()),
  motionAnswer: Nullable(OneOf(MOTION_ANSWERS)),
  followUpClause: Nullable(T.String()),
  recordedAt: DateTime,
  appliedAt: Nullable(DateTime),
  rejectedReason: Nullable(T.String()),
});

export const AcceptedEventView = T.Composite([
  RouteEventView,
  T.Object({ step: T.Integer(), caseId: T.Integer() }),
]);

export const MotionView = T.Object({
  caseId: T.Integer(),
  submittedOn: CalendarDate,
  authors: T.Array(T.Object({ name: T.String(), party: T.String() })),
  deadlineOn: CalendarDate,
  remittedOn: Nullable(CalendarDate),
  remittedParagraph: Nullable(T.Integer()),
  /** When it was reported to KF as not decided within its year (KL 5 kap. 35 §). */
  reportedOn: Nullable(CalendarDate),
  answer: Nullable(OneOf(MOTION_ANSWERS)),
  answeredOn: Nullable(CalendarDate),
});

const RouteView = Nullable(
  T.Object({
    template: T.String(),
    templateTitle: Nullable(T.String()),
    templateVersion: T.Integer(),
    status: OneOf(ROUTE_STATUSES),
    currentStep: T.Integer(),
    currentRound: T.Integer(),
    version: T.Integer(),
    startedAt: DateTime,
    finishedAt: Nullable(DateTime),
  }),
);

const StepView = T.Object({
  ordinal: T.Integer(),
  organ: T.Object({ id: T.Integer(), code: T.String(), name: T.String() }),
  role: T.String(),
  authoritative: T.Boolean(),
  state: OneOf(STEP_STATES),
  proposalText: Nullable(T.String()),
  readySince: Nullable(DateTime),
  onAgendaMeetingId: Nullable(T.Integer()),
  doneAt: Nullable(DateTime),
  events: T.Array(RouteEventView),
});

const TimelineTjansteskrivelse = T.Object({
  id: T.Integer(),
  versionNo: T.Integer(),
  status: T.Union([T.Literal('draft'), T.Literal('submitted')]),
  documentDate: CalendarDate,
  author: T.Object({ name: T.String(), title: T.String() }),
  submittedAt: Nullable(DateTime),
  documentId: Nullable(T.Integer()),
});

/** "Var är ärendet?": the case, its route, the steps done and planned with their outcomes. */
export const TimelineView = T.Object({
  case: CaseView,
  route: RouteView,
  steps: T.Array(StepView),
  tjansteskrivelser: T.Array(TimelineTjansteskrivelse),
  motion: Nullable(MotionView),
});

export const PublicTimelineView = T.Object({
  case: PublicCaseView,
  route: RouteView,
  steps: T.Array(
    T.Composite([
      T.Omit(StepView, ['events', 'onAgendaMeetingId']),
      T.Object({ events: T.Array(T.Omit(RouteEventView, ['followUpClause', 'rejectedReason'])) }),
    ]),
  ),
  tjansteskrivelser: T.Array(T.Omit(TimelineTjansteskrivelse, ['id', 'status', 'documentId'])),
  motion: Nullable(MotionView),
});

export const ReadyCaseView = T.Object({
  caseId: T.Integer(),
  dnr: T.String(),
  title: T.String(),
  titleHidden: T.Boolean(),
  classificationCode: Nullable(T.String()),
  template: T.String(),
  step: T.Integer(),
  round: T.Integer(),
  role: T.String(),
  authoritative: T.Boolean(),
  proposalText: Nullable(T.String()),
  readySince: DateTime,
  routeVersion: T.Integer(),
});

export const ReadyCaseList = T.Object({ cases: T.Array(ReadyCaseView) });

export const TjansteskrivelseView = T.Object({
  id: T.Integer(),
  caseId: T.Integer(),
  versionNo: T.Integer(),
  status: T.Union([T.Literal('draft'), T.Literal('submitted')]),
  title: T.String(),
  documentDate: CalendarDate,
  author: T.Object({ userId: Nullable(T.Integer()), name: T.String(), title: T.String() }),
  addressedOrganId: T.Integer(),
  summary: Nullable(T.String()),
  description: Nullable(T.String()),
  /** Förslag till beslut, one att-sats each. */
  proposalClauses: T.Array(T.String()),
  /** Beslutsunderlag: documents of the case. */
  basisDocumentIds: T.Array(T.Integer()),
  genderAnalysis: Nullable(T.String()),
  followUpClause: Nullable(T.String()),
  submittedAt: Nullable(DateTime),
  /** The registered document the submitted version was rendered into. */
  documentId: Nullable(T.Integer()),
  version: T.Integer(),
});

export const TjansteskrivelseList = T.Object({ tjansteskrivelser: T.Array(TjansteskrivelseView) });

export const RegisteredMotionView = T.Composite([
  MotionView,
  T.Object({ dnr: T.String(), title: T.String() }),
]);

export const MotionList = T.Object({ motions: T.Array(MotionView) });

export const RemittedMotionView = T.Object({ motion: MotionView, event: AcceptedEventView });
