import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, ForbiddenProblem } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { Sessions } from '../tokens/sessions';
import { UserCommandBase } from './user.commands';
import { User } from './user.entity';
import { Users } from './users';

@Injectable()
export class SetUserPassword extends UserCommandBase {
  constructor(
    transactions: TransactionRunner,
    users: Users,
    audit: AuditLog,
    clock: Clock,
    config: AppConfig,
    private readonly sessions: Sessions,
  ) {
    super(transactions, users, audit, clock, config);
  }

  /** An admin sets a user's password: the user's logins are ended. */
  async execute(tenant: Tenant, userId: number, password: string): Promise<void> {
    const user = await this.users.repository.getById(tenant, userId);
    if (user.kind !== 'person') throw new ForbiddenProblem('Service users have no password.');
    const passwordHash = await this.hashChecked(password, user.username);
    await this.transactions.run(async (manager) => {
      await this.users.repository.getForUpdate(manager, tenant, userId);
      await manager.update(
        User,
        { id: userId, municipalityId: tenant.municipalityId },
        { passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: this.clock.now() },
      );
      await this.sessions.revokeUser(manager, tenant, userId);
      await this.audit.record(manager, {
        action: 'user.password-set',
        entityType: 'user',
        entityId: userId,
        municipalityId: tenant.municipalityId,
      });
    });
  }
}
