import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { Obligation } from '../followup.entities';

import { lockProposed, NewObligation, ObligationChecks, planFirst } from '../obligation-rules';

/**
 * Confirms an obligation proposed from a decision's follow-up clause, as read or as the person
 * corrects it: it becomes active and its first occurrence is planned. Only a proposed one can be.
 */
@Injectable()
export class ConfirmObligation {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly checks: ObligationChecks,
  ) {}

  async execute(
    principal: Principal,
    id: number,
    changes: Partial<Omit<NewObligation, 'kind' | 'caseId' | 'organId'>>,
  ): Promise<Obligation> {
    return this.transactions.run(async (tx) => {
      const obligation = await lockProposed(tx, principal, id);
      const command: NewObligation = {
        title: changes.title ?? obligation.title,
        caseId: obligation.caseId,
        responsibleUserId:
          changes.responsibleUserId !== undefined
            ? changes.responsibleUserId
            : obligation.responsibleUserId,
        reportOrganId:
          changes.reportOrganId !== undefined ? changes.reportOrganId : obligation.reportOrganId,
        rrule: changes.rrule !== undefined ? changes.rrule : obligation.rrule,
        firstDue: (changes.firstDue ?? obligation.firstDue)!,
        leadDays: changes.leadDays ?? obligation.leadDays,
        reminderDays: changes.reminderDays ?? obligation.reminderDays,
      };
      if (!command.firstDue) {
        throw new ValidationProblem([
          { field: 'firstDue', message: 'the clause gave no due date: say when the first is due' },
        ]);
      }
      const { recurrence, leadDays, reminderDays } = await this.checks.checked(principal, command);
      const fields = {
        title: command.title,
        responsibleUserId: command.responsibleUserId ?? null,
        reportOrganId: command.reportOrganId ?? null,
        rrule: command.rrule,
        firstDue: recurrence.first(),
        leadDays,
        reminderDays,
        status: 'active' as const,
        updatedAt: this.clock.now(),
      };
      await tx.update(
        Obligation,
        { id, municipalityId: principal.municipalityId },
        { ...fields, version: obligation.version + 1 },
      );
      await planFirst(this.outbox, tx, principal, id);
      await this.audit.record(tx, {
        action: 'obligation.confirmed',
        entityType: 'obligation',
        entityId: id,
        municipalityId: principal.municipalityId,
        before: {
          status: obligation.status,
          rrule: obligation.rrule,
          firstDue: obligation.firstDue,
        },
        after: { ...fields, updatedAt: undefined },
      });
      return { ...obligation, ...fields, version: obligation.version + 1 };
    });
  }
}
