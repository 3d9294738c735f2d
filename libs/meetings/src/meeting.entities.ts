import { bigintAsNumber, generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

export const MEETING_STATUSES = [
  'planned',
  'summoned',
  'held',
  'adjusted',
  'posted',
  'cancelled',
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const AGENDA_ITEM_KINDS = [
  'standing',
  'notices',
  'delegation-report',
  'case',
  'information',
  'motion-report',
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

/** A meeting (sammanträde) of one organ. Its version guards the agenda against lost updates. */
@Entity({ name: 'meetings' })
export class Meeting {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  @Column({ name: 'starts_at', type: 'datetime', precision: 3 })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'datetime', precision: 3, nullable: true })
  endsAt: Date | null;

  @Column({ type: 'varchar', length: 300 })
  place: string;

  /**
   * Whether the meeting itself is open to the public: KF's always are (KL 5 kap. 38 §); a nämnd's
   * are not unless it decided so (KL 6 kap. 25 §). An item can still be kept out of the public
   * kallelse and protocol under OSL (`AgendaItem.closedOsl`), whether the meeting is open or not.
   */
  @Column({ name: 'open_to_public', type: 'boolean', default: false })
  openToPublic: boolean;

  @Column({ name: 'secretary_name', type: 'varchar', length: 200, nullable: true })
  secretaryName: string | null;

  @Column({ name: 'chair_name', type: 'varchar', length: 200, nullable: true })
  chairName: string | null;

  /** The last day to submit a tjänsteskrivelse for this meeting (the organ's offset). */
  @Column({ name: 'submission_deadline', type: 'date', nullable: true })
  submissionDeadline: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: MeetingStatus;

  /** The newest published kallelse (0: none yet; 2 and up: tilläggskallelser). */
  @Column({ name: 'kallelse_version', type: 'int', unsigned: true, default: 0 })
  kallelseVersion: number;

  /** The agenda changed after the newest kallelse: a tilläggskallelse is due. */
  @Column({ name: 'agenda_changed_after_kallelse', type: 'boolean', default: false })
  agendaChangedAfterKallelse: boolean;

  @Column({ name: 'cancelled_reason', type: 'varchar', length: 1000, nullable: true })
  cancelledReason: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** An item (ärende) of a meeting's agenda, numbered by `ordinal` (1, 2, 3 …). */
@Entity({ name: 'agenda_items' })
export class AgendaItem {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('meeting_id'))
  meetingId: number;

  @Column({ type: 'int', unsigned: true })
  ordinal: number;

  @Column({ type: 'varchar', length: 24 })
  kind: AgendaItemKind;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column(idColumn('case_id', true))
  caseId: number | null;

  /** The route step the case is on this agenda for, and its round (for the protocol's event). */
  @Column(idColumn('route_step_id', true))
  routeStepId: number | null;

  @Column({ name: 'route_round', type: 'int', unsigned: true, nullable: true })
  routeRound: number | null;

  /** Förslag till beslut, from the tjänsteskrivelse or the previous organ's proposal. */
  @Column({ name: 'proposal_text', type: 'text', nullable: true })
  proposalText: string | null;

  /**
   * The OSL provision under which the item is kept out of the public kallelse and protocol (its
   * title as the public may see it, no proposal, no files); null when it is in them. At KF, whose
   * meetings are public, such an item is dealt with behind closed doors (KL 5 kap. 40 §); a nämnd's
   * meeting is not public to begin with (see `Meeting.openToPublic`).
   */
  @Column({ name: 'closed_osl', type: 'varchar', length: 100, nullable: true })
  closedOsl: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

export const NOTICE_KINDS = ['meddelande', 'remiss'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const REMISS_STATUSES = ['open', 'answered', 'declined'] as const;
export type RemissStatus = (typeof REMISS_STATUSES)[number];

/** A notice (meddelande) for an organ, collected onto a meeting's Meddelanden item. */
@Entity({ name: 'notices' })
export class Notice {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  /** Dnr of the incoming document. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  dnr: string | null;

  @Column({ type: 'varchar', length: 300 })
  sender: string;

  @Column({ name: 'received_on', type: 'date' })
  receivedOn: string;

  @Column({ type: 'varchar', length: 2000 })
  text: string;

  /** A notice to take note of, or a remiss: a request for the board's answer. */
  @Column({ type: 'varchar', length: 16, default: 'meddelande' })
  kind: NoticeKind;

  /** The day a remiss is to be answered by, when the sender set one (it becomes a reminder). */
  @Column({ name: 'answer_by', type: 'date', nullable: true })
  answerBy: string | null;

  /** A remiss: open, answered (by a decision in a case) or declined (avstår från att yttra sig). */
  @Column({ name: 'remiss_status', type: 'varchar', length: 16, nullable: true })
  remissStatus: RemissStatus | null;

  @Column(idColumn('answer_case_id', true))
  answerCaseId: number | null;

  @Column({ name: 'declined_reason', type: 'varchar', length: 1000, nullable: true })
  declinedReason: string | null;

  /** When the remiss was answered or declined. */
  @Column({ name: 'settled_at', type: 'datetime', precision: 3, nullable: true })
  settledAt: Date | null;

  /** The meeting whose kallelse collected it; null while waiting for the next one. */
  @Column(idColumn('meeting_id', true))
  meetingId: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** A point of an organ's delegation order (delegationsordning). */
@Entity({ name: 'delegation_points' })
export class DelegationPoint {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'varchar', length: 1000 })
  text: string;

  /** The delegat: a role or a named post ("Ekonomichef", "Kommunstyrelsens ordförande"). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  delegates: string | null;

  /** Who decides when the delegat cannot (ersättare). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  substitutes: string | null;

  /** The law or rule the point rests on ("KL 6 kap. 39 §", "LOU"). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  lagrum: string | null;

  /** The highest amount, in kronor, a decision under the point may concern. */
  @Column({
    name: 'limit_amount',
    type: 'bigint',
    unsigned: true,
    nullable: true,
    transformer: bigintAsNumber,
  })
  limitAmount: number | null;

  /** The kind of matter the point is limited to, in words. */
  @Column({ name: 'limit_matters', type: 'varchar', length: 500, nullable: true })
  limitMatters: string | null;

  /** Whether a decision under the point is reported (anmäls) to the board (KL 6 kap. 40 §). */
  @Column({ name: 'must_report', type: 'boolean', default: true })
  mustReport: boolean;

  /** The point for decisions in matters so urgent the board's decision cannot wait (KL 6 kap. 39 §). */
  @Column({ type: 'boolean', default: false })
  urgent: boolean;
}

/** A decision taken on delegation, to be reported to the organ. */
@Entity({ name: 'delegation_decisions' })
export class DelegationDecision {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  @Column({ type: 'varchar', length: 300 })
  delegate: string;

  @Column({ name: 'delegate_title', type: 'varchar', length: 200, nullable: true })
  delegateTitle: string | null;

  @Column({ name: 'decided_on', type: 'date', nullable: true })
  decidedOn: string | null;

  /** The point of the delegation order, or a free text where there is none. */
  @Column({ name: 'point_code', type: 'varchar', length: 20, nullable: true })
  pointCode: string | null;

  @Column({ name: 'point_text', type: 'varchar', length: 500, nullable: true })
  pointText: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  dnr: string | null;

  @Column({ type: 'varchar', length: 2000 })
  summary: string;

  /** The point it was taken under, when it names one. */
  @Column(idColumn('point_id', true))
  pointId: number | null;

  /** The case it was taken in, found by its dnr. */
  @Column(idColumn('case_id', true))
  caseId: number | null;

  /** The amount, in kronor, it concerns (checked against the point's limit). */
  @Column({ type: 'bigint', unsigned: true, nullable: true, transformer: bigintAsNumber })
  amount: number | null;

  /** The chair's decision in an urgent matter (brådskande ärende). */
  @Column({ type: 'boolean', default: false })
  urgent: boolean;

  /**
   * Why the decision is outside the delegation order (no point, or over the point's limit): the
   * flag the secretary sees on the decision and in the delegation report. Null when within it.
   */
  @Column({ name: 'outside_order', type: 'varchar', length: 300, nullable: true })
  outsideOrder: string | null;

  /** An utskott's own decisions reported as one item: its protocol, and the paragraphs ("§§ 93–100"). */
  @Column(idColumn('source_protocol_id', true))
  sourceProtocolId: number | null;

  @Column({ name: 'source_paragraphs', type: 'varchar', length: 100, nullable: true })
  sourceParagraphs: string | null;

  @Column(idColumn('meeting_id', true))
  meetingId: number | null;

  /**
   * The appeal period: it runs from the day the adjustment of the protocol of the meeting it was
   * reported at is posted on the anslagstavla (KL 13 kap. 5 §), as for the board's own decisions.
   */
  @Column({ name: 'appeal_posted_on', type: 'date', nullable: true })
  appealPostedOn: string | null;

  @Column({ name: 'appeal_ends_on', type: 'date', nullable: true })
  appealEndsOn: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** A published kallelse: the agenda as it was, frozen. */
@Entity({ name: 'kallelser' })
export class Kallelse {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('meeting_id'))
  meetingId: number;

  @Column({ name: 'version_no', type: 'int', unsigned: true })
  versionNo: number;

  @Column({ type: 'json' })
  content: KallelseContent;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt: Date;

  @Column(idColumn('published_by', true))
  publishedBy: number | null;
}

/** A rendered file of a kallelse; `public` ones leave out the items closed to the public. */
@Entity({ name: 'kallelse_files' })
export class KallelseFile {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('kallelse_id'))
  kallelseId: number;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType: string;

  @Column({ name: 'size_bytes', type: 'bigint', unsigned: true })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 300 })
  storageKey: string;

  @Column({ type: 'boolean' })
  public: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** What a kallelse says, frozen at publishing (the documents are rendered from it). */
export interface KallelseContent {
  municipality: string;
  organ: { code: string; name: string; kind: string };
  versionNo: number;
  /** "måndagen den 11 december 2023" */
  dateText: string;
  /** "kl 09:00" */
  timeText: string;
  place: string;
  /** Whether the meeting itself is open to the public (absent in a kallelse published before). */
  openToPublic?: boolean;
  secretaryName: string | null;
  items: KallelseItem[];
  /**
   * How often the published kallelse was published again as it stood, with a case newly marked
   * secret named by its public title (each with when and why); absent until the first time.
   */
  revisions?: Array<{ at: string; reason: string }>;
}

export interface KallelseItem {
  no: number;
  kind: AgendaItemKind;
  /** The item's case (absent in a kallelse published before it was recorded: found by dnr). */
  caseId?: number | null;
  title: string;
  dnr: string | null;
  classificationCode: string | null;
  proposalText: string | null;
  closedOsl: string | null;
  /** The Meddelanden item's notices, the delegation report's decisions, or the motions reported. */
  entries?: string[];
  /** The motion report's motions (their cases), marked reported when KF's protocol is adjusted. */
  motionCaseIds?: number[];
  decisionText?: string;
}
