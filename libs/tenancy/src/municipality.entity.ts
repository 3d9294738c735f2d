import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/** A tenant. Every domain row belongs to exactly one. */
@Entity({ name: 'municipalities' })
export class Municipality {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: number;

  /** Stable, URL-safe identifier used at login and in public URLs, e.g. `kalix`. */
  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'Europe/Stockholm' })
  timeZone: string;

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
  timeZone: string;
  createdAt: string;
}

export function toMunicipalityView(municipality: Municipality): MunicipalityView {
  return {
    slug: municipality.slug,
    name: municipality.name,
    timeZone: municipality.timeZone,
    createdAt: municipality.createdAt.toISOString(),
  };
}
