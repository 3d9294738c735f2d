import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, NotFoundProblem, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { AuthToken } from '../tokens/auth-token.entity';
import { User } from '../users/user.entity';

@Injectable()
export class RevokeServiceToken {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(tenant: Tenant, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const token = await manager.findOne(AuthToken, {
        where: { id, municipalityId: tenant.municipalityId, kind: 'service' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!token) throw new NotFoundProblem('service token', id);
      if (token.revokedAt) return;
      const now = this.clock.now();
      await manager.update(
        AuthToken,
        { id, municipalityId: tenant.municipalityId },
        { revokedAt: now },
      );
      await manager.update(
        User,
        { id: token.userId, municipalityId: tenant.municipalityId },
        { active: false, updatedAt: now },
      );
      await this.audit.record(manager, {
        action: 'service-token.revoked',
        entityType: 'service-token',
        entityId: id,
        municipalityId: tenant.municipalityId,
      });
    });
  }
}
