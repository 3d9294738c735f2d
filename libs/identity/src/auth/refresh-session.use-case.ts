import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, RequestContexts, UnauthorizedProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { AuthToken } from '../tokens/auth-token.entity';
import { Sessions, IssuedSession } from '../tokens/sessions';
import { User } from '../users/user.entity';

/**
 * Exchanges a refresh token for a new pair. The used refresh token is spent; presenting a spent
 * one again means it was copied, and the whole login is revoked.
 */

@Injectable()
export class RefreshSession {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(refreshToken: string): Promise<IssuedSession> {
    const outcome = await this.transactions.run(async (manager) => {
      const token = await this.sessions.findByToken(manager, refreshToken, true);
      const now = this.clock.now();
      if (!token || token.kind !== 'refresh' || (token.expiresAt && token.expiresAt <= now)) {
        return { refused: 'unknown' as const };
      }
      if (token.revokedAt) {
        await this.sessions.revokeFamily(manager, token, token.family!);
        await this.audit.recordSecurityEvent(manager, {
          action: 'auth.refresh-token-reused',
          entityType: 'user',
          entityId: token.userId,
          municipalityId: token.municipalityId,
        });
        return { refused: 'reused' as const };
      }
      const user = await manager.findOne(User, {
        where: { id: token.userId, municipalityId: token.municipalityId },
      });
      if (!user?.active) return { refused: 'inactive' as const };
      await manager.update(
        AuthToken,
        { id: token.id, municipalityId: token.municipalityId },
        { revokedAt: now },
      );
      const session = await this.sessions.issue(manager, user, token.family!);
      RequestContexts.setActor(
        { type: 'user', id: String(user.id), label: user.username },
        user.municipalityId,
      );
      await this.audit.record(manager, {
        action: 'auth.refreshed',
        entityType: 'user',
        entityId: user.id,
        municipalityId: user.municipalityId,
      });
      return { session };
    });
    if ('refused' in outcome) {
      const problem = new UnauthorizedProblem('The refresh token is not valid.');
      // A reused token was recorded as such inside the transaction.
      throw outcome.refused === 'reused' ? problem.markAudited() : problem;
    }
    return outcome.session;
  }
}
