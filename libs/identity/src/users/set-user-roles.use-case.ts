import { Injectable } from '@nestjs/common';
import { Principal, Role } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, ForbiddenProblem } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { RoleAssignment } from './role-assignment.entity';
import { RoleGrantValidator } from './role-grant-validator';
import { UserCommandBase, RoleGrantInput, insertGrants } from './user.commands';
import { User } from './user.entity';
import { Users } from './users';

@Injectable()
export class SetUserRoles extends UserCommandBase {
  constructor(
    transactions: TransactionRunner,
    users: Users,
    audit: AuditLog,
    clock: Clock,
    config: AppConfig,
    private readonly grants: RoleGrantValidator,
  ) {
    super(transactions, users, audit, clock, config);
  }

  async execute(
    tenant: Tenant,
    actor: Principal,
    userId: number,
    roles: RoleGrantInput[],
  ): Promise<User> {
    return this.transactions.run(async (manager) => {
      const user = await this.users.repository.getForUpdate(manager, tenant, userId);
      await this.grants.validate(tenant, roles);
      if (user.id === actor.userId && !roles.some((grant) => grant.role === Role.Admin)) {
        throw new ForbiddenProblem('You cannot take the admin role from yourself.');
      }
      const before = await this.view(manager, user);
      await manager.delete(RoleAssignment, {
        userId: user.id,
        municipalityId: tenant.municipalityId,
      });
      await insertGrants(manager, tenant, user.id, roles, this.clock.now());
      user.updatedAt = this.clock.now();
      await manager.save(user);
      await this.audit.record(manager, {
        action: 'user.roles-set',
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
