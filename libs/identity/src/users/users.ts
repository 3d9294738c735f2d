import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { TenantRepository } from '@nf/database';
import { People } from '@nf/tenancy';
import { EntityManager, In, Repository } from 'typeorm';
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

export interface UserContact {
  id: number;
  name: string;
  email: string | null;
}

@Injectable()
export class Users {
  readonly repository: TenantRepository<User>;
  readonly roles: TenantRepository<RoleAssignment>;

  constructor(
    @InjectRepository(User) private readonly rows: Repository<User>,
    @InjectRepository(RoleAssignment) roles: Repository<RoleAssignment>,
    private readonly people: People,
  ) {
    this.repository = new TenantRepository(rows, 'user');
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

  /**
   * The active users among the ids, each with the e-mail address of their person (a user who is
   * no person, a service account, has none): whom a notice can reach, and how.
   */
  async contacts(tenant: Tenant, userIds: number[], tx?: EntityManager): Promise<UserContact[]> {
    if (userIds.length === 0) return [];
    const manager = tx ?? this.rows.manager;
    const users = await manager.find(User, {
      where: { municipalityId: tenant.municipalityId, id: In(userIds), active: true },
      order: { id: 'ASC' },
    });
    const personIds = users.flatMap((user) => user.personId ?? []);
    const emails = new Map(
      (await this.people.byIds(tenant, personIds, tx)).map((person) => [person.id, person.email]),
    );
    return users.map((user) => ({
      id: user.id,
      name: user.displayName,
      email: user.personId === null ? null : (emails.get(user.personId) ?? null),
    }));
  }

  /**
   * The users given the role on the organ or on every organ (organ-less assignments); with
   * `organOnly`, only those given it on this organ. By user id.
   */
  async holdersOf(
    tenant: Tenant,
    role: string,
    organId: number | null,
    tx?: EntityManager,
    options: { organOnly?: boolean } = {},
  ): Promise<number[]> {
    const rows = (await (tx ?? this.rows.manager).query(
      `SELECT DISTINCT user_id AS id FROM role_assignments
        WHERE municipality_id = ? AND role = ?
          AND (organ_id = ? ${options.organOnly ? '' : 'OR organ_id IS NULL'})
        ORDER BY user_id`,
      [tenant.municipalityId, role, organId ?? 0],
    )) as Array<{ id: number | string }>;
    return rows.map((row) => Number(row.id));
  }
}
