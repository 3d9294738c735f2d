import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

export const ORGAN_KINDS = [
  'fullmäktige',
  'styrelse',
  'nämnd',
  'utskott',
  'beredning',
  'råd',
] as const;
export type OrganKind = (typeof ORGAN_KINDS)[number];

/** A political body: KF, KS, KSAPU, a nämnd or an utskott (with its parent). */
@Entity({ name: 'organs' })
export class Organ {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  /** Short code, unique within the municipality: KF, KS, KSAPU, SN … */
  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  kind: OrganKind;

  @Column(idColumn('parent_id', true))
  parentId: number | null;

  /** How many justerare adjust the protocol besides the chair (the organ's rules: 1 or 2). */
  @Column({ name: 'adjusters_count', type: 'tinyint', unsigned: true, default: 1 })
  adjustersCount: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

export function toOrganView(organ: Organ) {
  return {
    id: organ.id,
    code: organ.code,
    name: organ.name,
    kind: organ.kind,
    parentId: organ.parentId,
    adjustersCount: organ.adjustersCount,
    active: organ.active,
    version: organ.version,
  };
}
