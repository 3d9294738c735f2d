import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity } from 'typeorm';
import type { AssignableRole } from '@nf/access';

/** A role an admin gave a user: municipality-wide, or for one organ (nämndsekreterare). */
@Entity({ name: 'role_assignments' })
export class RoleAssignment {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('user_id'))
  userId: number;

  @Column({ type: 'varchar', length: 32 })
  role: AssignableRole;

  @Column(idColumn('organ_id', true))
  organId: number | null;

  @Column({
    name: 'organ_key',
    type: 'bigint',
    unsigned: true,
    insert: false,
    update: false,
    select: false,
  })
  organKey: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
