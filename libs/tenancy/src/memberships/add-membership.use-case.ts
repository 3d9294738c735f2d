import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { Organs } from '../organs/organs';
import { People } from '../people/people';
import { AddMembershipCommand, assertMayManage, assertPeriod } from './membership.commands';
import { Membership, toMembershipView } from './membership.entity';

@Injectable()
export class AddMembership {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly people: People,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** `actor` null: a system task (the demo seed) acting with full rights. */
  async execute(
    tenant: Tenant,
    actor: Principal | null,
    command: AddMembershipCommand,
    manager?: EntityManager,
  ): Promise<Membership> {
    const work = async (tx: EntityManager) => {
      await this.organs.repository.getById(tenant, command.organId, tx);
      assertMayManage(actor, command.organId);
      const person = await this.people.repository.getById(tenant, command.personId, tx);
      assertPeriod(command.validFrom, command.validTo);
      const now = this.clock.now();
      const membership = tx.create(Membership, {
        municipalityId: tenant.municipalityId,
        organId: command.organId,
        personId: command.personId,
        role: command.role,
        party: command.party ?? person.party,
        validFrom: command.validFrom,
        validTo: command.validTo ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.save(membership);
      await this.audit.record(tx, {
        action: 'membership.added',
        entityType: 'membership',
        entityId: membership.id,
        municipalityId: tenant.municipalityId,
        after: toMembershipView(membership),
      });
      return membership;
    };
    return manager ? work(manager) : this.transactions.run(work);
  }
}
