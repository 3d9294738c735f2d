import { generatedIdColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

/** A tenant. Every domain row belongs to exactly one. */
@Entity({ name: 'municipalities' })
export class Municipality {
  @Column(generatedIdColumn())
  id: number;

  /** Stable, URL-safe identifier used at login and in public URLs, e.g. `kalix`. */
  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** SCB's kommunkod (2580 for Luleå), by which Kolada's exports name the municipality. */
  @Column({ type: 'char', length: 4, nullable: true })
  kommunkod: string | null;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Europe/Stockholm' })
  timeZone: string;

  /** How diary numbers are written, e.g. `{year}-{serial:5}` (Kalix) or `KS {year}/{serial}`. */
  @Column({ name: 'dnr_format', type: 'varchar', length: 100, default: '{year}-{serial:5}' })
  dnrFormat: string;

  /** Whether the classification code is printed after the number ("Dnr 2023-00466 04"). */
  @Column({ name: 'classification_code_appended', type: 'boolean', default: true })
  classificationCodeAppended: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

/** What the API shows of a municipality. */
export interface MunicipalityView {
  slug: string;
  name: string;
  kommunkod: string | null;
  timeZone: string;
  dnrFormat: string;
  classificationCodeAppended: boolean;
  createdAt: string;
}

export function toMunicipalityView(municipality: Municipality): MunicipalityView {
  return {
    slug: municipality.slug,
    name: municipality.name,
    kommunkod: municipality.kommunkod ?? null,
    timeZone: municipality.timeZone,
    dnrFormat: municipality.dnrFormat,
    classificationCodeAppended: municipality.classificationCodeAppended,
    createdAt: municipality.createdAt.toISOString(),
  };
}
