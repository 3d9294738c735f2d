import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import { Clock } from '@nf/common';
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
  async revokeFamily(manager: EntityManager, family: string): Promise<number> {
    const result = await manager.update(
      AuthToken,
      { family, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    return result.affected ?? 0;
  }

  /** Revokes every token of a user (deactivation, password reset). */
  async revokeUser(manager: EntityManager, userId: number): Promise<number> {
    const result = await manager.update(
      AuthToken,
      { userId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    return result.affected ?? 0;
  }

  findByToken(manager: EntityManager, token: string, lock = false): Promise<AuthToken | null> {
    return manager.findOne(AuthToken, {
      where: { tokenHash: hashToken(token) },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }
}
