import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

export const MEMBERSHIP_ROLES = ['ordforande', 'vice_ordforande', 'ledamot', 'ersattare'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/** A person's seat on an organ for a period (mandatperiod), with the party they sit for. */
@Entity({ name: 'memberships' })
export class Membership {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  @Column(idColumn('person_id'))
  personId: number;

  @Column({ type: 'varchar', length: 20 })
  role: MembershipRole;

  @Column({ type: 'varchar', length: 32, nullable: true })
  party: string | null;

  /** First day of the seat (local date). */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  /** Last day of the seat (local date), or open-ended. */
  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

export function toMembershipView(membership: Membership) {
  return {
    id: membership.id,
    organId: membership.organId,
    personId: membership.personId,
    role: membership.role,
    party: membership.party,
    validFrom: membership.validFrom,
    validTo: membership.validTo,
    version: membership.version,
  };
}

export function isActiveOn(
  membership: Pick<Membership, 'validFrom' | 'validTo'>,
  date: string,
): boolean {
  return (
    membership.validFrom <= date && (membership.validTo === null || membership.validTo >= date)
  );
}
