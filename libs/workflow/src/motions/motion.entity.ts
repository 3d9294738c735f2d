import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';
import type { MotionAnswer } from '../routes/route-machine';

export interface MotionAuthor {
  name: string;
  party: string;
}

/** A motion to KF: a case with its authors, remitted by KF to KS and answered within a year. */
@Entity({ name: 'motions' })
export class Motion {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('case_id'))
  caseId: number;

  @Column({ name: 'submitted_on', type: 'date' })
  submittedOn: string;

  @Column({ type: 'json' })
  authors: MotionAuthor[];

  /** One year after submission: the law expects the motion decided by then (KL 5:35). */
  @Column({ name: 'deadline_on', type: 'date' })
  deadlineOn: string;

  @Column({ name: 'remitted_on', type: 'date', nullable: true })
  remittedOn: string | null;

  @Column({ name: 'remitted_paragraph', type: 'int', unsigned: true, nullable: true })
  remittedParagraph: number | null;

  /**
   * When the motion was reported (anmäld) to KF as not decided within its year, with what its
   * preparation found (KL 5 kap. 35 §): the day of the KF meeting, set when its protocol is adjusted.
   */
  @Column({ name: 'reported_on', type: 'date', nullable: true })
  reportedOn: string | null;

  @Column(idColumn('reported_meeting_id', true))
  reportedMeetingId: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  answer: MotionAnswer | null;

  @Column({ name: 'answered_on', type: 'date', nullable: true })
  answeredOn: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}
