import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

export const CASE_STATUSES = ['open', 'decided', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A registered matter (ärende) with its diary number. */
@Entity({ name: 'cases' })
export class Case {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('series_id'))
  seriesId: number;

  /** Local (Europe/Stockholm) year of registration: the year the serial belongs to. */
  @Column({ type: 'smallint', unsigned: true })
  year: number;

  @Column({ type: 'int', unsigned: true })
  serial: number;

  /** The number as printed by the series' format, e.g. `2023-00466` (without the class code). */
  @Column({ type: 'varchar', length: 64 })
  dnr: string;

  /** Brought over from an earlier registry with its historical number; the counter never gives it out. */
  @Column({ type: 'boolean', default: false })
  imported: boolean;

  /** Ärendemening. Hidden from those without the right when the case is secret. */
  @Column({ type: 'varchar', length: 500 })
  title: string;

  /** What the public sees when the title itself would reveal secret information (OSL 5:2). */
  @Column({ name: 'public_title', type: 'varchar', length: 500, nullable: true })
  publicTitle: string | null;

  @Column({ name: 'classification_code', type: 'varchar', length: 32, nullable: true })
  classificationCode: string | null;

  @Column(idColumn('organ_id', true))
  organId: number | null;

  @Column(idColumn('responsible_user_id', true))
  responsibleUserId: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  unit: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: CaseStatus;

  @Column({ name: 'registered_at', type: 'datetime', precision: 3 })
  registeredAt: Date;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  /** The OSL provision that makes the case secret, e.g. "OSL 21 kap. 1 §"; null when public. */
  @Column({ name: 'secrecy_osl', type: 'varchar', length: 100, nullable: true })
  secrecyOsl: string | null;

  @Column(idColumn('secrecy_marked_by', true))
  secrecyMarkedBy: number | null;

  @Column({ name: 'secrecy_marked_at', type: 'datetime', precision: 3, nullable: true })
  secrecyMarkedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}
