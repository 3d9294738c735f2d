import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '@nf/audit';
import { Clock, NotFoundProblem, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { randomBytes } from 'node:crypto';
import { In, Repository } from 'typeorm';
import { AuthToken } from '../tokens/auth-token.entity';
import { generateToken, hashToken } from '../tokens/token-codec';
import { RoleAssignment } from '../users/role-assignment.entity';
import { User } from '../users/user.entity';
import { insertGrants, RoleGrantInput, RoleGrantValidator } from '../users/user-commands';

export interface ServiceTokenView {
  id: number;
  name: string;
  userId: number;
  roles: Array<{ role: string; organId: number | null }>;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

/**
 * Tokens for integrations (an e-archive, a web publication): each is a service user with its own
 * roles, so that what it may do and what it did are as visible as for a person. The token itself
 * is shown once, at creation.
 */
@Injectable()
export class ServiceTokens {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly grants: RoleGrantValidator,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @InjectRepository(AuthToken) private readonly tokens: Repository<AuthToken>,
    @InjectRepository(RoleAssignment) private readonly roles: Repository<RoleAssignment>,
  ) {}

  async list(tenant: Tenant): Promise<ServiceTokenView[]> {
    const tokens = await this.tokens.find({
      where: { municipalityId: tenant.municipalityId, kind: 'service' },
      order: { id: 'ASC' },
    });
    const roles = tokens.length
      ? await this.roles.find({
          where: { municipalityId: tenant.municipalityId, userId: In(tokens.map((t) => t.userId)) },
        })
      : [];
    return tokens.map((token) => toServiceTokenView(token, roles));
  }

  async create(
    tenant: Tenant,
    name: string,
    roles: RoleGrantInput[],
    expiresAt: Date | null,
  ): Promise<ServiceTokenView & { token: string }> {
    await this.grants.validate(tenant, roles);
    const token = generateToken('service');
    const { row, userId } = await this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const user = manager.create(User, {
        municipalityId: tenant.municipalityId,
        username: `service-${randomBytes(6).toString('hex')}`,
        displayName: name,
        kind: 'service',
        passwordHash: null,
        personId: null,
        active: true,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: now,
        updatedAt: now,
      });
      await manager.save(user);
      await insertGrants(manager, tenant, user.id, roles, now);
      const inserted = manager.create(AuthToken, {
        municipalityId: tenant.municipalityId,
        userId: user.id,
        kind: 'service',
        tokenHash: hashToken(token),
        name,
        createdAt: now,
        expiresAt,
      });
      await manager.save(inserted);
      await this.audit.record(manager, {
        action: 'service-token.created',
        entityType: 'service-token',
        entityId: inserted.id,
        municipalityId: tenant.municipalityId,
        after: { name, userId: user.id, roles, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return { row: inserted, userId: user.id };
    });
    const grants = await this.roles.find({ where: { userId } });
    return { ...toServiceTokenView(row, grants), token };
  }
  async revoke(tenant: Tenant, id: number): Promise<void> {
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

function toServiceTokenView(token: AuthToken, roles: RoleAssignment[]): ServiceTokenView {
  return {
    id: token.id,
    name: token.name ?? '',
    userId: token.userId,
    roles: roles
      .filter((role) => role.userId === token.userId)
      .map((role) => ({ role: role.role, organId: role.organId })),
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
