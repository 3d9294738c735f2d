import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssignableRole } from '@nf/access';

/** A role an admin gave a user: municipality-wide, or for one organ (nämndsekreterare). */
@Entity({ name: 'role_assignments' })
export class RoleAssignment {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: number;

  @Column({ name: 'municipality_id', type: 'bigint', unsigned: true })
  municipalityId: number;

  @Column({ name: 'user_id', type: 'bigint', unsigned: true })
  userId: number;

  @Column({ type: 'varchar', length: 32 })
  role: AssignableRole;

  @Column({ name: 'organ_id', type: 'bigint', unsigned: true, nullable: true })
  organId: number | null;

  @Column({ name: 'organ_key', type: 'bigint', unsigned: true, insert: false, update: false, select: false })
  organKey: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
