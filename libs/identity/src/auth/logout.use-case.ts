import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { TransactionRunner } from '@nf/database';
import { Sessions } from '../tokens/sessions';

/** Ends the login the access token belongs to: every token of its family is revoked. */

@Injectable()
export class Logout {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
  ) {}

  async execute(principal: Principal, accessToken: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const token = await this.sessions.findByToken(manager, accessToken, true);
      if (!token?.family || token.userId !== principal.userId) return;
      await this.sessions.revokeFamily(manager, token, token.family);
      await this.audit.record(manager, {
        action: 'auth.logout',
        entityType: 'user',
        entityId: principal.userId,
        municipalityId: principal.municipalityId,
      });
    });
  }
}
