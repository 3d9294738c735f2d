import { CalendarDate, DateTime, Nullable, OneOf } from '@nf/common';
import { MOTION_ANSWERS } from '@nf/workflow';
import { Type as T } from '@sinclair/typebox';
import { SEAT_ROLES } from '../election';
import { BALLOTS } from '../proceedings';
import { PARAGRAPH_OUTCOMES, PROTOCOL_STATUSES } from '../protocol.entities';

/** The response contracts of the protocols' routes. */
export const AnslagNoticeView = T.Object({
  protocolId: T.Integer(),
  organ: T.String(),
  meetingDate: CalendarDate,
  /** The paragraphs the notice covers, as printed (`§§ 93–100`). */
  paragraphs: T.String(),
  /** How many delegated decisions the protocol reported (appealed from the same day). */
  delegationDecisions: T.Integer(),
  adjustedOn: CalendarDate,
  postedOn: CalendarDate,
  appealEndsOn: CalendarDate,
  removedOn: CalendarDate,
});

export const AnslagList = T.Object({ notices: T.Array(AnslagNoticeView) });

const Named = T.Object({ name: T.String(), party: T.Optional(Nullable(T.String())) });

export const AttendanceView = T.Object({
  members: T.Array(Named),
  substitutes: T.Array(T.Composite([Named, T.Object({ replacing: T.String() })])),
  others: T.Array(T.Object({ name: T.String(), title: T.Optional(Nullable(T.String())) })),
  presidedBy: T.Optional(Nullable(T.String())),
});

const Nominee = T.Object({
  name: T.String(),
  personId: Nullable(T.Integer()),
  party: T.Optional(Nullable(T.String())),
});

export const ElectionView = T.Object({
  seat: T.Object({
    organId: T.Integer(),
    organName: T.String(),
    role: OneOf(SEAT_ROLES),
    validFrom: CalendarDate,
    validTo: CalendarDate,
  }),
  seats: T.Integer(),
  nominations: T.Array(Nominee),
  proportionalRequestedBy: T.Array(T.String()),
  proportionalQuota: T.Integer(),
  proportional: T.Boolean(),
  ballots: T.Array(T.Object({ member: T.String(), candidate: Nullable(T.String()) })),
  tally: T.Array(T.Object({ candidate: T.String(), votes: T.Integer() })),
  lottningDrawn: Nullable(T.String()),
  lottning: Nullable(T.Object({ between: T.Array(T.String()), drawn: T.String() })),
  proportionalElected: T.Array(T.String()),
  elected: T.Array(Nominee),
});

export const ProceedingsView = T.Object({
  yrkanden: T.Array(T.Object({ by: T.String(), text: T.String() })),
  propositionsordning: Nullable(T.String()),
  votering: Nullable(
    T.Object({
      question: T.String(),
      ballots: T.Array(T.Object({ member: T.String(), vote: OneOf(BALLOTS) })),
      ja: T.Integer(),
      nej: T.Integer(),
      avstar: T.Integer(),
      result: T.Union([T.Literal('ja'), T.Literal('nej')]),
      castingVote: T.Boolean(),
    }),
  ),
  reservations: T.Array(T.Object({ member: T.String(), reasons: Nullable(T.String()) })),
  jav: T.Array(T.String()),
  /** Members who left the meeting during this paragraph (not for jäv). */
  absent: T.Optional(T.Array(T.String())),
  notes: T.Array(T.Object({ by: T.String(), text: T.String() })),
  expediering: T.Array(T.Object({ name: T.String(), email: T.Optional(Nullable(T.String())) })),
  /** An election (val), counted: nominations, the vote or the proportional result, the elected. */
  val: T.Optional(Nullable(ElectionView)),
  /** On KF's motion report: the motions written off. */
  avskrivna: T.Optional(T.Array(T.Object({ caseId: T.Integer(), dnr: T.String() }))),
});

export const ParagraphView = T.Object({
  id: T.Integer(),
  /** The § number, once the protocol is locked. */
  number: Nullable(T.Integer()),
  heading: T.String(),
  caseId: Nullable(T.Integer()),
  outcome: Nullable(OneOf(PARAGRAPH_OUTCOMES)),
  decisionText: Nullable(T.String()),
  motionAnswer: Nullable(OneOf(MOTION_ANSWERS)),
  proceedings: ProceedingsView,
  secrecy: Nullable(T.Object({ osl: T.String(), masked: T.Boolean() })),
  immediateHash: Nullable(T.String()),
  adjustedAt: Nullable(DateTime),
});

export const ProtocolView = T.Object({
  id: T.Integer(),
  meetingId: T.Integer(),
  files: T.Array(T.Object({ id: T.Integer(), filename: T.String(), contentType: T.String() })),
  organId: T.Integer(),
  status: OneOf(PROTOCOL_STATUSES),
  chairUserId: T.Integer(),
  adjusterUserIds: T.Array(T.Integer()),
  attendance: Nullable(AttendanceView),
  justeringAt: Nullable(DateTime),
  justeringPlace: Nullable(T.String()),
  /** The hash of the locked content that the signers sign. */
  contentHash: Nullable(T.String()),
  lockedAt: Nullable(DateTime),
  adjustedAt: Nullable(DateTime),
  version: T.Integer(),
  paragraphs: T.Array(ParagraphView),
  /** The notice of justering on the anslagstavla, once posted (KL 8 kap. 12 §). */
  anslag: Nullable(
    T.Object({
      adjustedOn: CalendarDate,
      postedOn: CalendarDate,
      /** The last day an appeal (laglighetsprövning) can reach the förvaltningsrätt. */
      appealEndsOn: CalendarDate,
      removedOn: CalendarDate,
    }),
  ),
  /** Signatures that stopped counting because the locked protocol changed since. */
  droppedSignatures: T.Array(
    T.Object({ userId: T.Integer(), droppedAt: DateTime, reservationOf: Nullable(T.String()) }),
  ),
  signatures: T.Array(
    T.Object({
      paragraphId: Nullable(T.Integer()),
      userId: T.Integer(),
      role: T.Union([T.Literal('ordforande'), T.Literal('justerare')]),
      method: T.String(),
      contentHash: T.String(),
      signedAt: DateTime,
    }),
  ),
});

export const ProtocolsToSign = T.Object({
  protocols: T.Array(
    T.Object({
      protocolId: T.Integer(),
      meetingId: T.Integer(),
      organId: T.Integer(),
      lockedAt: Nullable(DateTime),
      /** The whole protocol, locked, waits for the reader's signature. */
      protocol: T.Boolean(),
      /** Paragraphs put to immediate justering that wait for it. */
      immediateParagraphs: T.Integer(),
    }),
  ),
});
