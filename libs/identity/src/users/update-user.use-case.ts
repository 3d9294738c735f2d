import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, ForbiddenProblem, assertCurrentVersion } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { People } from '@nf/tenancy';
import { Sessions } from '../tokens/sessions';
import { UserCommandBase, UpdateUserCommand } from './user.commands';
import { User } from './user.entity';
import { Users } from './users';

@Injectable()
export class UpdateUser extends UserCommandBase {
  constructor(
    transactions: TransactionRunner,
    users: Users,
    audit: AuditLog,
    clock: Clock,
    config: AppConfig,
    private readonly people: People,
    private readonly sessions: Sessions,
  ) {
    super(transactions, users, audit, clock, config);
  }

  async execute(tenant: Tenant, actor: Principal, command: UpdateUserCommand): Promise<User> {
    return this.transactions.run(async (manager) => {
      const user = await this.users.repository.getForUpdate(manager, tenant, command.id);
      if (user.kind !== 'person')
        throw new ForbiddenProblem('Service users are managed as service tokens.');
      assertCurrentVersion('user', user.version, command.expectedVersion);
      if (command.active === false && user.id === actor.userId) {
        throw new ForbiddenProblem('You cannot deactivate yourself.');
      }
      if (command.personId != null)
        await this.people.repository.getById(tenant, command.personId, manager);
      const before = await this.view(manager, user);
      if (command.displayName !== undefined) user.displayName = command.displayName;
      if (command.email !== undefined) user.email = command.email;
      if (command.personId !== undefined) user.personId = command.personId;
      if (command.active !== undefined) user.active = command.active;
      if (command.unlock) {
        user.lockedUntil = null;
        user.failedLogins = 0;
      }
      user.updatedAt = this.clock.now();
      await manager.save(user);
      if (command.active === false) await this.sessions.revokeUser(manager, user, user.id);
      await this.audit.record(manager, {
        action: 'user.updated',
        entityType: 'user',
        entityId: user.id,
        municipalityId: tenant.municipalityId,
        before,
        after: await this.view(manager, user),
      });
      return user;
    });
  }
}
