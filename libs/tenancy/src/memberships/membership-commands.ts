import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ForbiddenProblem,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { Organs } from '../organs/organs';
import { People } from '../people/people';
import { Membership, MembershipRole, toMembershipView } from './membership.entity';
import { Memberships } from './memberships';

export interface AddMembershipCommand {
  organId: number;
  personId: number;
  role: MembershipRole;
  party?: string | null;
  validFrom: string;
  validTo?: string | null;
}

export interface UpdateMembershipCommand {
  id: number;
  expectedVersion?: number;
  role?: MembershipRole;
  party?: string | null;
  validTo?: string | null;
}

function assertPeriod(validFrom: string, validTo: string | null | undefined): void {
  if (validTo != null && validTo < validFrom) {
    throw new ValidationProblem([
      { field: 'validTo', message: 'validTo must not be before validFrom' },
    ]);
  }
}

/** Only an admin, or the secretary of that organ, manages its seats. */
function assertMayManage(actor: Principal | null, organId: number): void {
  if (actor && !actor.can(Permission.MembershipsManage, { organId })) {
    throw new ForbiddenProblem('You may manage the memberships of your own organs only.');
  }
}

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
