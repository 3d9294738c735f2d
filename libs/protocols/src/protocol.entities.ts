import type { MotionAnswer } from '@nf/workflow';
import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';
import type { Attendance, Proceedings } from './proceedings';

export const PROTOCOL_STATUSES = ['draft', 'locked', 'adjusted'] as const;
export type ProtocolStatus = (typeof PROTOCOL_STATUSES)[number];

/**
 * What a paragraph did with its matter; all but `standing` move a case's route at justering (an
 * election, val, as a decision; its seats are written by a job of its own).
 */
export const PARAGRAPH_OUTCOMES = [
  'decision',
  'election',
  'proposal',
  'aterremiss',
  'bordlaggning',
  'information',
  'withdrawn',
  'standing',
] as const;
export type ParagraphOutcome = (typeof PARAGRAPH_OUTCOMES)[number];

/** The protocol of one meeting. */
@Entity({ name: 'protocols' })
export class Protocol {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('meeting_id'))
  meetingId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  @Column({ type: 'varchar', length: 16 })
  status: ProtocolStatus;

  @Column(idColumn('chair_user_id'))
  chairUserId: number;

  /** The justerare elected under "Val av justerare" (as many as the organ's rules say). */
  @Column({ name: 'adjuster_user_ids', type: 'json' })
  adjusterUserIds: number[];

  @Column({ type: 'json', nullable: true })
  attendance: Attendance | null;

  /** When and where the protocol is to be adjusted, as set at the meeting. */
  @Column({ name: 'justering_at', type: 'datetime', precision: 3, nullable: true })
  justeringAt: Date | null;

  @Column({ name: 'justering_place', type: 'varchar', length: 200, nullable: true })
  justeringPlace: string | null;

  /** SHA-256 of the locked content: what the signatures sign. */
  @Column({ name: 'content_hash', type: 'char', length: 64, nullable: true })
  contentHash: string | null;

  @Column({ name: 'locked_at', type: 'datetime', precision: 3, nullable: true })
  lockedAt: Date | null;

  @Column({ name: 'adjusted_at', type: 'datetime', precision: 3, nullable: true })
  adjustedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** A paragraph (§): numbered at lock in the organ's series for the local year. */
@Entity({ name: 'paragraphs' })
export class Paragraph {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('protocol_id'))
  protocolId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  @Column({ type: 'smallint', unsigned: true })
  year: number;

  /** Its place in the protocol (the agenda's order). */
  @Column({ type: 'int', unsigned: true })
  ordinal: number;

  @Column({ type: 'int', unsigned: true, nullable: true })
  number: number | null;

  @Column({ type: 'varchar', length: 500 })
  heading: string;

  @Column(idColumn('case_id', true))
  caseId: number | null;

  @Column(idColumn('route_step_id', true))
  routeStepId: number | null;

  @Column({ name: 'route_round', type: 'int', unsigned: true, nullable: true })
  routeRound: number | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: ParagraphOutcome;

  @Column({ name: 'decision_text', type: 'text', nullable: true })
  decisionText: string | null;

  @Column({ name: 'motion_answer', type: 'varchar', length: 16, nullable: true })
  motionAnswer: MotionAnswer | null;

  /** Yrkanden, propositionsordning, votes, reservations, jäv, notes and expediering. */
  @Column({ type: 'json', nullable: true })
  proceedings: Proceedings | null;

  /** Set when the paragraph is put to immediate justering: the hash its signers sign. */
  @Column({ name: 'immediate_hash', type: 'char', length: 64, nullable: true })
  immediateHash: string | null;

  /** When the paragraph was adjusted: with its protocol, or before it (omedelbar justering). */
  @Column({ name: 'adjusted_at', type: 'datetime', precision: 3, nullable: true })
  adjustedAt: Date | null;
}

/** A signature (justering) of a protocol: who, when, how, and the hash of what was signed. */
@Entity({ name: 'protocol_signatures' })
export class ProtocolSignature {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('protocol_id'))
  protocolId: number;

  /** The paragraph signed on its own (omedelbar justering); 0 for the whole protocol. */
  @Column({ ...idColumn('paragraph_id'), default: 0 })
  paragraphId: number;

  @Column(idColumn('user_id'))
  userId: number;

  @Column({ type: 'varchar', length: 16 })
  role: 'ordforande' | 'justerare';

  /** The signing method: `login` (the built-in default), or an e-signature provider such as BankID. */
  @Column({ type: 'varchar', length: 32 })
  method: string;

  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  @Column({ name: 'signed_at', type: 'datetime', precision: 3 })
  signedAt: Date;
}

/** The notice (anslag) of an adjusted protocol on the municipality's digital notice board. */
@Entity({ name: 'anslag' })
export class Anslag {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('protocol_id'))
  protocolId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  @Column({ name: 'meeting_date', type: 'date' })
  meetingDate: string;

  /** "§§ 101–109". */
  @Column({ type: 'varchar', length: 100 })
  paragraphs: string;

  /** How many delegated decisions the protocol reported: their appeal period is the protocol's. */
  @Column({ name: 'delegation_decisions', type: 'int', unsigned: true, default: 0 })
  delegationDecisions: number;

  @Column({ name: 'adjusted_on', type: 'date' })
  adjustedOn: string;

  @Column({ name: 'posted_on', type: 'date' })
  postedOn: string;

  /** The last day to appeal (laglighetsprövning): three weeks after posting, on a working day. */
  @Column({ name: 'appeal_ends_on', type: 'date' })
  appealEndsOn: string;

  /** The day the notice comes down: after the last day of appeal has passed. */
  @Column({ name: 'removed_on', type: 'date' })
  removedOn: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
