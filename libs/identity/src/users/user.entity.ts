import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';

/** Someone (or an integration) who logs in to one municipality. */
@Entity({ name: 'users' })
export class User {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 16, default: 'person' })
  kind: 'person' | 'service';

  /** Null for users who log in through their municipality's identity provider, and for services. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash: string | null;

  /** The person (tenancy) this user is; memberships of organs give the user organ roles. */
  @Column(idColumn('person_id', true))
  personId: number | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'failed_logins', type: 'int', unsigned: true, default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  /** For SAML/OIDC login later: which IdP vouches for this user, and its subject id. */
  @Column({ name: 'identity_provider', type: 'varchar', length: 64, nullable: true })
  identityProvider: string | null;

  @Column({ name: 'external_subject', type: 'varchar', length: 255, nullable: true })
  externalSubject: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}
