import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity } from 'typeorm';
import type { TokenKind } from './token-codec';

/**
 * An issued token, stored as its SHA-256 only. Access and refresh tokens of one login share a
 * family; refreshing rotates within the family, and reusing a spent refresh token revokes it all.
 */
@Entity({ name: 'auth_tokens' })
export class AuthToken {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('user_id'))
  userId: number;

  @Column({ type: 'varchar', length: 16 })
  kind: TokenKind;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'char', length: 36, nullable: true })
  family: string | null;

  /** For service tokens: what the integration is. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;
}
