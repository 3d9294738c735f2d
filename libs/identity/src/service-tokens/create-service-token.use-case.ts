import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AuthToken } from '../tokens/auth-token.entity';
import { generateToken, hashToken } from '../tokens/token-codec';
import { RoleAssignment } from '../users/role-assignment.entity';
import { User } from '../users/user.entity';
import { insertGrants, RoleGrantInput } from '../users/user.commands';
import { RoleGrantValidator } from '../users/role-grant-validator';
import { ServiceTokenView, toServiceTokenView } from './service-tokens';

@Injectable()
export class CreateServiceToken {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly grants: RoleGrantValidator,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    @InjectRepository(RoleAssignment) private readonly roles: Repository<RoleAssignment>,
  ) {}

  async execute(
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
}
