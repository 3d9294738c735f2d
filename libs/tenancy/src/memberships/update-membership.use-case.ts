import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, assertCurrentVersion } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { UpdateMembershipCommand, assertMayManage, assertPeriod } from './membership.commands';
import { Membership, toMembershipView } from './membership.entity';
import { Memberships } from './memberships';

@Injectable()
export class UpdateMembership {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly memberships: Memberships,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    actor: Principal,
    command: UpdateMembershipCommand,
  ): Promise<Membership> {
    return this.transactions.run(async (tx) => {
      const membership = await this.memberships.repository.getForUpdate(tx, tenant, command.id);
      assertMayManage(actor, membership.organId);
      assertCurrentVersion('membership', membership.version, command.expectedVersion);
      const before = toMembershipView(membership);
      if (command.role !== undefined) membership.role = command.role;
      if (command.party !== undefined) membership.party = command.party;
      if (command.validTo !== undefined) membership.validTo = command.validTo;
      assertPeriod(membership.validFrom, membership.validTo);
      membership.updatedAt = this.clock.now();
      await tx.save(membership);
      await this.audit.record(tx, {
        action: 'membership.updated',
        entityType: 'membership',
        entityId: membership.id,
        municipalityId: tenant.municipalityId,
        before,
        after: toMembershipView(membership),
      });
      return membership;
    });
  }
}
