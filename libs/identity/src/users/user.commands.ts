import { AssignableRole } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { AppConfig } from '@nf/config';
import { Clock, Tenant, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { PasswordHasher, passwordPolicyViolation } from '../auth/passwords';
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

export abstract class UserCommandBase {
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
