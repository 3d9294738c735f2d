import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { EntityManager } from 'typeorm';
import { Obligation } from '../followup.entities';

import { NewObligation, ObligationChecks, planFirst } from '../obligation-rules';

/**
 * Sets up an obligation (bevakning): one transaction with its audit entry and the job that plans
 * its first occurrence; the rule is checked before anything is written.
 */
@Injectable()
export class CreateObligation {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly checks: ObligationChecks,
  ) {}

  async execute(
    principal: Principal | Tenant,
    command: NewObligation,
    tx?: EntityManager,
  ): Promise<Obligation> {
    const { recurrence, leadDays, reminderDays } = await this.checks.checked(principal, command);
    const write = async (manager: EntityManager) => {
      const now = this.clock.now();
      const obligation = await manager.save(
        manager.create(Obligation, {
          municipalityId: principal.municipalityId,
          caseId: command.caseId ?? null,
          organId: command.organId ?? null,
          kind: command.kind ?? 'follow-up',
          title: command.title,
          responsibleUserId: command.responsibleUserId ?? null,
          reportOrganId: command.reportOrganId ?? null,
          rrule: command.rrule,
          firstDue: recurrence.first(),
          leadDays,
          reminderDays,
          status: 'active',
          createdAt: now,
          updatedAt: now,
        }),
      );
      await planFirst(this.outbox, manager, principal, obligation.id);
      await this.audit.record(manager, {
        action: 'obligation.created',
        entityType: 'obligation',
        entityId: obligation.id,
        municipalityId: principal.municipalityId,
        after: {
          title: obligation.title,
          caseId: obligation.caseId,
          rrule: obligation.rrule,
          firstDue: obligation.firstDue,
          leadDays,
          reminderDays,
        },
      });
      return obligation;
    };
    return tx ? write(tx) : this.transactions.run(write);
  }
}
