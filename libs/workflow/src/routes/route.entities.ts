import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';
import type { MotionAnswer, RouteStatus, StepState, TransitionKind } from './route-machine';
import type { StepRole } from './route-template';

/** A case's route: which template (and version) it follows, and the visit it is at. */
@Entity({ name: 'route_instances' })
export class RouteInstance {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('case_id'))
  caseId: number;

  @Column({ name: 'template_key', type: 'varchar', length: 40 })
  templateKey: string;

  @Column({ name: 'template_version', type: 'int', unsigned: true })
  templateVersion: number;

  @Column({ type: 'varchar', length: 16 })
  status: RouteStatus;

  @Column({ name: 'current_step', type: 'tinyint', unsigned: true })
  currentStep: number;

  @Column({ name: 'current_round', type: 'int', unsigned: true })
  currentRound: number;

  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt: Date;

  @Column(idColumn('started_by', true))
  startedBy: number | null;

  @Column({ name: 'finished_at', type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** One step of a route, copied from the template version the case started on. */
@Entity({ name: 'route_steps' })
export class RouteStep {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('route_id'))
  routeId: number;

  @Column({ type: 'tinyint', unsigned: true })
  ordinal: number;

  @Column(idColumn('organ_id'))
  organId: number;

  @Column({ type: 'varchar', length: 16 })
  role: StepRole;

  @Column({ type: 'boolean' })
  authoritative: boolean;

  @Column({ type: 'varchar', length: 16 })
  state: StepState;

  /** Förslag till beslut for this organ: the tjänsteskrivelse's, or the previous organ's proposal. */
  @Column({ name: 'proposal_text', type: 'text', nullable: true })
  proposalText: string | null;

  @Column({ name: 'ready_since', type: 'datetime', precision: 3, nullable: true })
  readySince: Date | null;

  /** Set by the meetings context while the case is on an open agenda of this organ. */
  @Column(idColumn('on_agenda_meeting_id', true))
  onAgendaMeetingId: number | null;

  @Column({ name: 'done_at', type: 'datetime', precision: 3, nullable: true })
  doneAt: Date | null;
}

export const EVENT_STATUSES = ['pending', 'applied', 'rejected'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/**
 * What ended one visit of a step: recorded (pending) in the transaction of the command, applied by
 * the workflow job. `(routeId, step, round)` is unique: one event per visit.
 */
@Entity({ name: 'route_events' })
export class RouteEvent {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('route_id'))
  routeId: number;

  @Column(idColumn('case_id'))
  caseId: number;

  @Column({ type: 'tinyint', unsigned: true })
  step: number;

  @Column({ type: 'int', unsigned: true })
  round: number;

  @Column({ type: 'varchar', length: 16 })
  kind: TransitionKind;

  @Column({ type: 'varchar', length: 16 })
  status: EventStatus;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column(idColumn('meeting_id', true))
  meetingId: number | null;

  @Column({ name: 'meeting_date', type: 'date', nullable: true })
  meetingDate: string | null;

  @Column({ type: 'int', unsigned: true, nullable: true })
  paragraph: number | null;

  @Column({ name: 'motion_answer', type: 'varchar', length: 16, nullable: true })
  motionAnswer: MotionAnswer | null;

  /** The tjänsteskrivelse's follow-up clause, handed on with a decision (for the follow-ups context). */
  @Column({ name: 'follow_up_clause', type: 'text', nullable: true })
  followUpClause: string | null;

  /** Where the event came from, e.g. `tjansteskrivelse:12` or `protocol:7/paragraph:101`. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  source: string | null;

  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 })
  recordedAt: Date;

  @Column(idColumn('recorded_by', true))
  recordedBy: number | null;

  @Column({ name: 'applied_at', type: 'datetime', precision: 3, nullable: true })
  appliedAt: Date | null;

  @Column({ name: 'rejected_reason', type: 'varchar', length: 500, nullable: true })
  rejectedReason: string | null;
}
