import { Injectable } from '@nestjs/common';
import { AssignableRole, ORGAN_ROLES, Principal, Role } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { AppConfig } from '@nf/config';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  FieldError,
  ForbiddenProblem,
  Tenant,
  UnauthorizedProblem,
  ValidationProblem,
} from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { Organs, People } from '@nf/tenancy';
import { EntityManager } from 'typeorm';
import { PasswordHasher, passwordPolicyViolation } from '../auth/passwords';
import { Sessions } from '../tokens/sessions';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';
import { toUserView, Users } from './users';

export interface RoleGrantInput {
  role: AssignableRole;
  organId?: number | null;
}

export interface CreateUserCommand {
  username: string;
  displayName: string;
  email?: string | null;
  personId?: number | null;
  password?: string;
  roles?: RoleGrantInput[];
  kind?: 'person' | 'service';
  /** Demo seeding only: lets the demo users have the demo password. */
  allowDefaultPassword?: boolean;
}

export interface UpdateUserCommand {
  id: number;
  expectedVersion?: number;
  displayName?: string;
  email?: string | null;
  personId?: number | null;
  active?: boolean;
  /** Lift a lock-out. */
  unlock?: boolean;
}

/** Checks role grants against the tenant: organ roles need an organ of this municipality. */
@Injectable()
export class RoleGrantValidator {
  constructor(private readonly organs: Organs) {}

  async validate(tenant: Tenant, grants: RoleGrantInput[]): Promise<void> {
    const errors: FieldError[] = [];
    for (const [index, grant] of grants.entries()) {
      const organScoped = ORGAN_ROLES.has(grant.role as Role);
      if (organScoped && grant.organId == null) {
        errors.push({
          field: `roles.${index}.organId`,
          message: `${grant.role} is given for one organ: organId is required`,
        });
      } else if (!organScoped && grant.organId != null) {
        errors.push({
          field: `roles.${index}.organId`,
          message: `${grant.role} holds for the whole municipality: omit organId`,
        });
      } else if (
        grant.organId != null &&
        !(await this.organs.repository.findOne(tenant, { id: grant.organId }))
      ) {
        errors.push({
          field: `roles.${index}.organId`,
          message: `no organ ${grant.organId} in this municipality`,
        });
      }
    }
    const keys = grants.map((grant) => `${grant.role}@${grant.organId ?? ''}`);
    if (new Set(keys).size !== keys.length)
      errors.push({ field: 'roles', message: 'a role is given twice' });
    if (errors.length) throw new ValidationProblem(errors);
  }
}

abstract class UserCommandBase {
  protected readonly hasher: PasswordHasher;

  constructor(
    protected readonly transactions: TransactionRunner,
    protected readonly users: Users,
    protected readonly audit: AuditLog,
    protected readonly clock: Clock,
    config: AppConfig,
  ) {
    this.hasher = new PasswordHasher(config.auth.scryptN);
  }

  protected async hashChecked(
    password: string,
    username: string,
    allowDefault = false,
  ): Promise<string> {
    const violation = allowDefault ? undefined : passwordPolicyViolation(password, username);
    if (violation) throw new ValidationProblem([{ field: 'password', message: violation }]);
    return this.hasher.hash(password);
  }

  protected async view(manager: EntityManager, user: User) {
    const roles = await manager.find(RoleAssignment, {
      where: { userId: user.id, municipalityId: user.municipalityId },
    });
    return toUserView(user, roles, this.clock.now());
  }
}

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

export async function insertGrants(
  manager: EntityManager,
  tenant: Tenant,
  userId: number,
  grants: RoleGrantInput[],
  now: Date,
): Promise<void> {
  if (!grants.length) return;
  await manager.insert(
    RoleAssignment,
    grants.map((grant) => ({
      municipalityId: tenant.municipalityId,
      userId,
      role: grant.role,
      organId: grant.organId ?? null,
      createdAt: now,
    })),
  );
}

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

@Injectable()
export class ChangeOwnPassword extends UserCommandBase {
  constructor(
    transactions: TransactionRunner,
    users: Users,
    audit: AuditLog,
    clock: Clock,
    config: AppConfig,
  ) {
    super(transactions, users, audit, clock, config);
  }

  async execute(principal: Principal, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.transactions.run((manager) =>
      manager
        .createQueryBuilder(User, 'user')
        .addSelect('user.passwordHash')
        .where('user.id = :id AND user.municipalityId = :municipalityId', {
          id: principal.userId,
          municipalityId: principal.municipalityId,
        })
        .getOne(),
    );
    if (
      !user ||
      user.kind !== 'person' ||
      !(await this.hasher.verify(currentPassword, user.passwordHash))
    ) {
      throw new UnauthorizedProblem('The current password is wrong.');
    }
    const passwordHash = await this.hashChecked(newPassword, user.username);
    await this.transactions.run(async (manager) => {
      await manager.update(
        User,
        { id: user.id, municipalityId: user.municipalityId },
        { passwordHash, updatedAt: this.clock.now() },
      );
      await this.audit.record(manager, {
        action: 'user.password-changed',
        entityType: 'user',
        entityId: user.id,
        municipalityId: user.municipalityId,
      });
    });
  }
}
