import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import { Clock, type Tenant } from '@nf/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { AuthToken } from './auth-token.entity';
import { generateToken, hashToken } from './token-codec';

export interface IssuedSession {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

/**
 * Opaque tokens kept (hashed) in the database: revoking a login, a user or a leaked token takes
 * effect on the next request, with no signing keys to manage. Any login method (password today,
 * SAML/OIDC later) ends in `issue`.
 */
@Injectable()
export class Sessions {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async issue(
    manager: EntityManager,
    user: { id: number; municipalityId: number },
    family: string = randomUUID(),
  ): Promise<IssuedSession> {
    const now = this.clock.now();
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.config.auth;
    const accessToken = generateToken('access');
    const refreshToken = generateToken('refresh');
    await manager.insert(AuthToken, [
      {
        municipalityId: user.municipalityId,
        userId: user.id,
        kind: 'access',
        tokenHash: hashToken(accessToken),
        family,
        createdAt: now,
        expiresAt: new Date(now.getTime() + accessTokenTtlSeconds * 1000),
      },
      {
        municipalityId: user.municipalityId,
        userId: user.id,
        kind: 'refresh',
        tokenHash: hashToken(refreshToken),
        family,
        createdAt: now,
        expiresAt: new Date(now.getTime() + refreshTokenTtlSeconds * 1000),
      },
    ]);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: accessTokenTtlSeconds,
      refreshToken,
      refreshExpiresIn: refreshTokenTtlSeconds,
    };
  }

  /** Revokes every token of a login (logout, or a stolen refresh token). */
  async revokeFamily(manager: EntityManager, tenant: Tenant, family: string): Promise<number> {
    const result = await manager.update(
      AuthToken,
      { family, municipalityId: tenant.municipalityId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    return result.affected ?? 0;
  }

  /** Revokes every token of a user (deactivation, password reset). */
  async revokeUser(manager: EntityManager, tenant: Tenant, userId: number): Promise<number> {
    const result = await manager.update(
      AuthToken,
      { userId, municipalityId: tenant.municipalityId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    return result.affected ?? 0;
  }

  /**
   * The row of a bearer token. It is looked up before its municipality is known: the row names
   * it, and the token is then read (and everything after) within that municipality.
   */
  async findByToken(
    manager: EntityManager,
    token: string,
    lock = false,
  ): Promise<AuthToken | null> {
    const [row] = (await manager.query(
      `SELECT id, municipality_id AS municipalityId FROM auth_tokens WHERE token_hash = ?${lock ? ' FOR UPDATE' : ''}`,
      [hashToken(token)],
    )) as Array<{ id: number | string; municipalityId: number | string }>;
    if (!row) return null;
    return manager.findOne(AuthToken, {
      where: { id: Number(row.id), municipalityId: Number(row.municipalityId) },
    });
  }
}
