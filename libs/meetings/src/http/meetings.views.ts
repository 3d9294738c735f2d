import { CalendarDate, DateTime, Nullable, OneOf } from '@nf/common';
import { Type as T } from '@sinclair/typebox';
import {
  AGENDA_ITEM_KINDS,
  MEETING_STATUSES,
  NOTICE_KINDS,
  REMISS_STATUSES,
} from '../meeting.entities';

/** The response contracts of the meetings' routes. */
export const MeetingView = T.Object({
  id: T.Integer(),
  organId: T.Integer(),
  startsAt: DateTime,
  endsAt: Nullable(DateTime),
  place: T.String(),
  /**
   * Whether the meeting itself is open to the public: KF's always are (KL 5 kap. 38 §); a nämnd's
   * are not unless it decided so (KL 6 kap. 25 §). What an item keeps out of the public kallelse
   * and protocol is its `closedOsl`, a separate matter.
   */
  openToPublic: T.Boolean(),
  secretaryName: Nullable(T.String()),
  chairName: Nullable(T.String()),
  /** The last day a case can be submitted for this meeting (local date). */
  submissionDeadline: Nullable(CalendarDate),
  status: OneOf(MEETING_STATUSES),
  kallelseVersion: T.Integer(),
  agendaChangedAfterKallelse: T.Boolean(),
  cancelledReason: Nullable(T.String()),
  /** The agenda's version: every edit sends the one it read. */
  version: T.Integer(),
});

export const MeetingList = T.Object({ meetings: T.Array(MeetingView) });

export const NoticeView = T.Object({
  id: T.Integer(),
  dnr: Nullable(T.String()),
  sender: T.String(),
  receivedOn: CalendarDate,
  text: T.String(),
  /** A notice to take note of, or a remiss asking for the board's answer. */
  kind: OneOf(NOTICE_KINDS),
  answerBy: Nullable(CalendarDate),
  remissStatus: Nullable(OneOf(REMISS_STATUSES)),
  answerCaseId: Nullable(T.Integer()),
  declinedReason: Nullable(T.String()),
});

export const DelegationDecisionView = T.Object({
  id: T.Integer(),
  delegate: T.String(),
  delegateTitle: Nullable(T.String()),
  decidedOn: Nullable(CalendarDate),
  pointCode: Nullable(T.String()),
  pointText: Nullable(T.String()),
  dnr: Nullable(T.String()),
  summary: T.String(),
  urgent: T.Boolean(),
  /** Why it falls outside the delegation order; null when within it. */
  outsideOrder: Nullable(T.String()),
  /** An utskott's protocol reported as one item, and its paragraphs. */
  sourceProtocolId: Nullable(T.Integer()),
  sourceParagraphs: Nullable(T.String()),
});

export const AgendaItemView = T.Object({
  id: T.Integer(),
  no: T.Integer(),
  kind: OneOf(AGENDA_ITEM_KINDS),
  /** The title this reader may see (a secret case's public title for those without the right). */
  title: T.String(),
  caseId: Nullable(T.Integer()),
  dnr: Nullable(T.String()),
  classificationCode: Nullable(T.String()),
  proposalText: Nullable(T.String()),
  /**
   * The OSL provision under which the item is kept out of the public kallelse and protocol (at
   * KF, also dealt with behind closed doors, KL 5 kap. 40 §); null when it is in them.
   */
  closedOsl: Nullable(T.String()),
  /** When the item was put on the agenda (the reading room lists what is new since). */
  addedAt: DateTime,
  documents: T.Array(
    T.Object({
      id: T.Integer(),
      ordinal: T.Integer(),
      type: T.String(),
      date: CalendarDate,
      description: T.String(),
      registeredAt: DateTime,
      files: T.Array(
        T.Object({
          id: T.Integer(),
          filename: T.String(),
          contentType: T.String(),
          sizeBytes: T.Integer(),
        }),
      ),
    }),
  ),
  notices: T.Optional(T.Array(NoticeView)),
  decisions: T.Optional(T.Array(DelegationDecisionView)),
});

export const AgendaView = T.Composite([MeetingView, T.Object({ items: T.Array(AgendaItemView) })]);

export const KallelseItemView = T.Object({
  no: T.Integer(),
  kind: OneOf(AGENDA_ITEM_KINDS),
  caseId: T.Optional(Nullable(T.Integer())),
  title: T.String(),
  dnr: Nullable(T.String()),
  classificationCode: Nullable(T.String()),
  proposalText: Nullable(T.String()),
  closedOsl: Nullable(T.String()),
  entries: T.Optional(T.Array(T.String())),
  /** The motion report's motions, by case. */
  motionCaseIds: T.Optional(T.Array(T.Integer())),
  decisionText: T.Optional(T.String()),
});

export const KallelseView = T.Object({
  municipality: T.String(),
  organ: T.Object({ code: T.String(), name: T.String(), kind: T.String() }),
  /** 1 for the kallelse, 2 and on for each tilläggskallelse. */
  versionNo: T.Integer(),
  dateText: T.String(),
  timeText: T.String(),
  place: T.String(),
  /** Whether the meeting itself is open to the public (absent in a kallelse published before). */
  openToPublic: T.Optional(T.Boolean()),
  secretaryName: Nullable(T.String()),
  items: T.Array(KallelseItemView),
  revisions: T.Optional(T.Array(T.Object({ at: T.String(), reason: T.String() }))),
  publishedAt: DateTime,
  /** The rendered PDF and DOCX, once the job has made them. */
  files: T.Array(
    T.Object({
      id: T.Integer(),
      filename: T.String(),
      contentType: T.String(),
      sizeBytes: T.Integer(),
    }),
  ),
});

export const PublishedKallelseView = T.Composite([
  KallelseView,
  T.Object({ warnings: T.Array(T.String()) }),
]);

export const RegisteredNoticeView = T.Composite([
  T.Omit(NoticeView, ['dnr']),
  T.Object({ organId: T.Integer(), dnr: Nullable(T.String()) }),
]);

export const DelegationPointView = T.Object({
  code: T.String(),
  text: T.String(),
  delegates: Nullable(T.String()),
  substitutes: Nullable(T.String()),
  lagrum: Nullable(T.String()),
  limitAmount: Nullable(T.Integer()),
  limitMatters: Nullable(T.String()),
  mustReport: T.Boolean(),
  urgent: T.Boolean(),
});

export const DelegationOrderView = T.Object({ points: T.Array(DelegationPointView) });

export const RegisteredDelegationDecisionView = T.Object({
  id: T.Integer(),
  organId: T.Integer(),
  delegate: T.String(),
  delegateTitle: Nullable(T.String()),
  decidedOn: Nullable(CalendarDate),
  pointCode: Nullable(T.String()),
  pointText: Nullable(T.String()),
  dnr: Nullable(T.String()),
  caseId: Nullable(T.Integer()),
  amount: Nullable(T.Integer()),
  urgent: T.Boolean(),
  summary: T.String(),
  /** Why it falls outside the delegation order (the secretary's flag); null when within it. */
  outsideOrder: Nullable(T.String()),
  sourceProtocolId: Nullable(T.Integer()),
  sourceParagraphs: Nullable(T.String()),
  /** The meeting it was (or is to be) reported at; null while waiting for the next kallelse. */
  meetingId: Nullable(T.Integer()),
  /** Its appeal period, once the protocol it was reported in is posted (KL 13 kap. 5 §). */
  appealPostedOn: Nullable(CalendarDate),
  appealEndsOn: Nullable(CalendarDate),
});

export const DelegationDecisionList = T.Object({
  decisions: T.Array(RegisteredDelegationDecisionView),
});
