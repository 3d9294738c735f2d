import { generatedIdColumn, idColumn } from '@nf/database';
import { type ReportFigures } from '@nf/plans';
import { Column, Entity, VersionColumn } from 'typeorm';

/** `budget`: a step of the budget process's timetable (Kalix: "Tidplan för budget 2025"). */
export const OBLIGATION_KINDS = [
  'follow-up',
  'arsuppfoljning',
  'manadsrapport',
  'delar',
  'budget',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];
export type ObligationStatus = 'proposed' | 'active' | 'ended' | 'dismissed';

/** A recurring obligation (bevakning): report to an organ on a schedule of due dates. */
@Entity({ name: 'obligations' })
export class Obligation {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  /** The case whose decision asked for the follow-up. */
  @Column(idColumn('case_id', true))
  caseId: number | null;

  /** The decision (route event) whose follow-up clause proposed this obligation. */
  @Column(idColumn('source_event_id', true))
  sourceEventId: number | null;

  /** The board whose report it is (an annual follow-up); one active per board and kind. */
  @Column(idColumn('organ_id', true))
  organId: number | null;

  @Column({ type: 'varchar', length: 24 })
  kind: ObligationKind;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  /** The decision's follow-up clause as written, when the obligation came from one. */
  @Column({ type: 'text', nullable: true })
  clause: string | null;

  /** What the phrase reader made of the clause: its assumptions, or why it could not read it. */
  @Column({ type: 'json', nullable: true })
  proposal: { description?: string; assumptions?: string[]; refused?: string } | null;

  @Column(idColumn('responsible_user_id', true))
  responsibleUserId: number | null;

  @Column(idColumn('report_organ_id', true))
  reportOrganId: number | null;

  /** RFC 5545 RRULE of due dates (Europe/Stockholm dates); null for a single due date. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  rrule: string | null;

  /** For a proposed obligation whose clause could not be read: null until a person sets it. */
  @Column({ name: 'first_due', type: 'date', nullable: true })
  firstDue: string | null;

  /** How many days before the due date the follow-up case opens. */
  @Column({ name: 'lead_days', type: 'smallint', unsigned: true })
  leadDays: number;

  /** The reminders to the responsible official, in days before the due date. */
  @Column({ name: 'reminder_days', type: 'json' })
  reminderDays: number[];

  @Column({ type: 'varchar', length: 16 })
  /** proposed: read from a decision, waiting for a person to confirm the rule; only active ones run. */
  status: ObligationStatus;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** One due date of an obligation: scheduled, open (its follow-up case exists), fulfilled. */
@Entity({ name: 'obligation_occurrences' })
export class Occurrence {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('obligation_id'))
  obligationId: number;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ name: 'opens_on', type: 'date' })
  opensOn: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'scheduled' | 'open' | 'fulfilled';

  @Column(idColumn('follow_up_case_id', true))
  followUpCaseId: number | null;

  @Column({ name: 'opened_at', type: 'datetime', precision: 3, nullable: true })
  openedAt: Date | null;

  @Column({ name: 'fulfilled_at', type: 'datetime', precision: 3, nullable: true })
  fulfilledAt: Date | null;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** open: the follow-up case opens; remind: before the due date; late: after it; passed: a period ran out. */
export const WAKEUP_KINDS = ['open', 'remind', 'late', 'passed'] as const;
export type WakeupKind = (typeof WAKEUP_KINDS)[number];

/**
 * A moment something happens to an occurrence or a legal deadline (one of the two is set); the row
 * is the truth, the delayed job a wake-up.
 */
@Entity({ name: 'wakeups' })
export class Wakeup {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('occurrence_id', true))
  occurrenceId: number | null;

  @Column(idColumn('deadline_id', true))
  deadlineId: number | null;

  @Column({ type: 'varchar', length: 16 })
  kind: WakeupKind;

  /** Days before the due date (negative: after it). */
  @Column({ name: 'offset_days', type: 'smallint' })
  offsetDays: number;

  @Column({ name: 'fires_at', type: 'datetime', precision: 3 })
  firesAt: Date;

  @Column({ type: 'varchar', length: 16 })
  status: 'pending' | 'done' | 'cancelled';

  /** Bumped by a reschedule: a job armed for an older version finds nothing to do. */
  @Column({ type: 'int', unsigned: true })
  version: number;

  @Column({ name: 'fired_at', type: 'datetime', precision: 3, nullable: true })
  firedAt: Date | null;
}

/** A message in a user's in-app inbox, once per idempotency key. */
@Entity({ name: 'inbox_messages' })
export class InboxMessage {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('user_id'))
  userId: number;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 500 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column(idColumn('case_id', true))
  caseId: number | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', precision: 3, nullable: true })
  readAt: Date | null;
}

export const DEADLINE_KINDS = [
  'justering',
  'anslag',
  'appeal-end',
  'motion-year',
  'kf-announcement',
  'remiss-answer',
  'budget-proposal',
  'budget-adoption',
  'annual-report',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * The budget year's deadlines (kommunallagen 11 kap., the annual report by lagen om kommunal
 * bokföring och redovisning): the system does not hold the budget or the annual report, so a person
 * records each as met; the others are settled from their subjects.
 */
export const BUDGET_DEADLINE_KINDS = [
  'budget-proposal',
  'budget-adoption',
  'annual-report',
] as const;

/**
 * A legal deadline (kommunallagen) derived from a meeting, a protocol, a notice, a motion or the
 * budget year: once
 * per subject, with its reminders as wake-ups. open → met (the thing was done), passed (a period
 * that simply runs out, such as the appeal period), or cancelled (the meeting was cancelled).
 */
@Entity({ name: 'deadlines' })
export class Deadline {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column({ type: 'varchar', length: 24 })
  kind: DeadlineKind;

  @Column({ name: 'subject_type', type: 'varchar', length: 16 })
  /** `year`: the budget year (or, for the annual report, the year it reports on). */
  subjectType: 'meeting' | 'protocol' | 'case' | 'notice' | 'year';

  @Column(idColumn('subject_id'))
  subjectId: number;

  @Column(idColumn('organ_id', true))
  organId: number | null;

  @Column(idColumn('case_id', true))
  caseId: number | null;

  @Column({ type: 'varchar', length: 500 })
  title: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'open' | 'met' | 'passed' | 'cancelled';

  @Column({ name: 'met_at', type: 'datetime', precision: 3, nullable: true })
  metAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** A user's calendar feed: the SHA-256 of its secret token (the token is shown once). */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeed {
  @Column({ ...idColumn('user_id'), primary: true })
  userId: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

/** The value of a goal's four-step assessment, as the Luleå report writes it. */
export const GOAL_ASSESSMENTS = [
  'Ej uppfyllt',
  'Delvis uppfyllt',
  'I hög grad uppfyllt',
  'Helt uppfyllt',
] as const;
export type GoalAssessment = (typeof GOAL_ASSESSMENTS)[number];
export const TRENDS = ['up', 'flat', 'down'] as const;
export const ASSIGNMENT_STATUSES = ['done', 'ongoing'] as const;

/** What a board writes in its annual follow-up (årsuppföljning), in the Luleå report's structure. */
export interface ReportContent {
  /** The year reported on (the year before the due date; a delårsrapport's own year). */
  year: number;
  board: string;
  /** Which report: the årsuppföljning, the delårsrapport or a monthly report (drafted from a plan). */
  kind?: 'arsuppfoljning' | 'delar' | 'manadsrapport';
  /** The period its figures are for: Y (the year), T2 (per 31 August), M05 (May), … */
  period?: string;
  /** The adopted verksamhetsplan it was drafted from, if the board had one for the year. */
  planId?: number | null;
  /** The figures as they stood when the follow-up was decided (a final report keeps them). */
  figures?: ReportFigures;
  /** The narrative sections: Inledning, Verksamhetsberättelse, Personalredovisning, … */
  sections: Array<{ title: string; text: string }>;
  goals: Array<{
    /** The plan's goal, whose indicators the report shows beside the assessment. */
    key?: string;
    /** The KF målområde (prioriterat område) of the plan the goal is under. */
    area?: string | null;
    title: string;
    assessment: GoalAssessment | null;
    trend: (typeof TRENDS)[number] | null;
    comment: string;
  }>;
  /** KF's assignments the board is responsible for: done ✓ or ongoing ▶. */
  kfAssignments: Array<{
    key?: string;
    /** KF or KS, who gave the assignment (uppdrag). */
    givenBy?: 'KF' | 'KS';
    title: string;
    status: (typeof ASSIGNMENT_STATUSES)[number];
    comment: string;
  }>;
}

/**
 * The content of one follow-up report, created with its occurrence's case (draft) and final when
 * the follow-up is decided.
 */
@Entity({ name: 'followup_reports' })
export class FollowupReport {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('occurrence_id'))
  occurrenceId: number;

  @Column(idColumn('organ_id', true))
  organId: number | null;

  @Column({ type: 'json' })
  content: ReportContent;

  @Column({ type: 'varchar', length: 16 })
  status: 'draft' | 'final';

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column(idColumn('updated_by', true))
  updatedBy: number | null;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** The municipality's rule for the annual follow-ups: due date, lead time, reminders, to whom. */
@Entity({ name: 'annual_followup_settings' })
export class AnnualFollowupSettings {
  @Column({ ...idColumn('municipality_id'), primary: true })
  municipalityId: number;

  @Column({ type: 'varchar', length: 300 })
  rrule: string;

  @Column({ name: 'lead_days', type: 'smallint', unsigned: true })
  leadDays: number;

  @Column({ name: 'reminder_days', type: 'json' })
  reminderDays: number[];

  /** The organ the boards report to (KS); null: the municipality's styrelse. */
  @Column(idColumn('report_organ_id', true))
  reportOrganId: number | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}
