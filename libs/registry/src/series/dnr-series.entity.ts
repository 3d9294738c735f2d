import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

/** A series of diary numbers with its own format; serials restart at 1 each local year. */
@Entity({ name: 'dnr_series' })
export class DnrSeries {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  /** Short code, e.g. `KS`, `SBN`. */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** e.g. `{year}-{serial:5}`; see DnrFormat. */
  @Column({ type: 'varchar', length: 100 })
  format: string;

  /** The series a case goes to when none is named (one per municipality). */
  @Column({ name: 'is_default', type: 'boolean', default: false })
  isDefault: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

export function toSeriesView(series: DnrSeries) {
  return {
    id: series.id,
    code: series.code,
    name: series.name,
    format: series.format,
    isDefault: series.isDefault,
    active: series.active,
    version: series.version,
  };
}
