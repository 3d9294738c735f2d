import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { In, Repository } from 'typeorm';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  email: string | null;
  kind: 'person' | 'service';
  personId: number | null;
  active: boolean;
  locked: boolean;
  roles: Array<{ role: string; organId: number | null }>;
  version: number;
}

export function toUserView(user: User, roles: RoleAssignment[], now: Date): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    kind: user.kind,
    personId: user.personId,
    active: user.active,
    locked: user.lockedUntil !== null && user.lockedUntil > now,
    roles: roles
      .filter((assignment) => assignment.userId === user.id)
      .map((assignment) => ({ role: assignment.role, organId: assignment.organId }))
      .sort((a, b) => a.role.localeCompare(b.role) || (a.organId ?? 0) - (b.organId ?? 0)),
    version: user.version,
  };
}

@Injectable()
export class Users {
  readonly repository: TenantRepository<User>;
  readonly roles: TenantRepository<RoleAssignment>;

  constructor(
    @InjectRepository(User) repository: Repository<User>,
    @InjectRepository(RoleAssignment) roles: Repository<RoleAssignment>,
  ) {
    this.repository = new TenantRepository(repository, 'user');
    this.roles = new TenantRepository(roles, 'role assignment');
  }

  async list(tenant: Tenant): Promise<{ users: User[]; roles: RoleAssignment[] }> {
    const users = await this.repository.find(tenant, { kind: 'person' }, { username: 'ASC' });
    const roles = users.length
      ? await this.roles.find(tenant, { userId: In(users.map((u) => u.id)) })
      : [];
    return { users, roles };
  }

  async get(tenant: Tenant, id: number): Promise<{ user: User; roles: RoleAssignment[] }> {
    const user = await this.repository.getById(tenant, id);
    return { user, roles: await this.roles.find(tenant, { userId: id }) };
  }
}
