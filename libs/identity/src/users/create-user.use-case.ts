import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, ConflictProblem } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner, isDuplicateKeyError } from '@nf/database';
import { People } from '@nf/tenancy';
import { RoleGrantValidator } from './role-grant-validator';
import { UserCommandBase, CreateUserCommand, insertGrants } from './user.commands';
import { User } from './user.entity';
import { Users } from './users';

@Injectable()
export class CreateUser extends UserCommandBase {
  constructor(
    transactions: TransactionRunner,
    users: Users,
    audit: AuditLog,
    clock: Clock,
    config: AppConfig,
    private readonly people: People,
    private readonly grants: RoleGrantValidator,
  ) {
    super(transactions, users, audit, clock, config);
  }

  async execute(tenant: Tenant, command: CreateUserCommand): Promise<User> {
    const passwordHash =
      command.password === undefined
        ? null
        : await this.hashChecked(command.password, command.username, command.allowDefaultPassword);
    try {
      return await this.transactions.run(async (manager) => {
        if (command.personId != null)
          await this.people.repository.getById(tenant, command.personId, manager);
        await this.grants.validate(tenant, command.roles ?? []);
        const now = this.clock.now();
        const user = manager.create(User, {
          municipalityId: tenant.municipalityId,
          username: command.username,
          displayName: command.displayName,
          email: command.email ?? null,
          kind: command.kind ?? 'person',
          passwordHash,
          personId: command.personId ?? null,
          active: true,
          failedLogins: 0,
          lockedUntil: null,
          createdAt: now,
          updatedAt: now,
        });
        await manager.save(user);
        await insertGrants(manager, tenant, user.id, command.roles ?? [], now);
        await this.audit.record(manager, {
          action: 'user.created',
          entityType: 'user',
          entityId: user.id,
          municipalityId: tenant.municipalityId,
          after: await this.view(manager, user),
        });
        return user;
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new ConflictProblem(
          'username-taken',
          `The user name ${JSON.stringify(command.username)} is taken.`,
        );
      }
      throw error;
    }
  }
}
