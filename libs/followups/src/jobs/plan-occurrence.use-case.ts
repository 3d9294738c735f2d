import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { addDays, Clock, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Municipalities } from '@nf/tenancy';
import { Obligation, Occurrence, WakeupKind } from '../followup.entities';
import { Recurrence } from '../recurrence';
import { wakeupInstant, WakeupRows } from './wakeup-rows';

/** Plans the obligation's next occurrence and its wake-ups, unless one is scheduled or open. */
@Injectable()
export class PlanOccurrence {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly rows: WakeupRows,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(tenant: Tenant, obligationId: number): Promise<Occurrence | null> {
    const { timeZone } = await this.municipalities.getById(tenant.municipalityId);
    return this.transactions.run(async (tx) => {
      const obligation = await tx.findOne(Obligation, {
        where: { id: obligationId, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!obligation || obligation.status !== 'active' || !obligation.firstDue) return null;
      const occurrences = await tx.find(Occurrence, {
        where: { obligationId, municipalityId: tenant.municipalityId },
        order: { dueOn: 'DESC' },
      });
      if (occurrences.some((occurrence) => occurrence.status !== 'fulfilled')) return null;
      const recurrence = Recurrence.of(obligation.rrule, obligation.firstDue);
      const dueOn = occurrences.length
        ? recurrence.after(occurrences[0].dueOn)
        : recurrence.first();
      const now = this.clock.now();
      if (!dueOn) {
        await tx.update(Obligation, { id: obligation.id }, { status: 'ended', updatedAt: now });
        await this.audit.record(tx, {
          action: 'obligation.ended',
          entityType: 'obligation',
          entityId: obligation.id,
          municipalityId: tenant.municipalityId,
          after: { lastDue: occurrences[0]?.dueOn ?? null },
        });
        return null;
      }
      const occurrence = await tx.save(
        tx.create(Occurrence, {
          municipalityId: tenant.municipalityId,
          obligationId,
          dueOn,
          opensOn: addDays(dueOn, -obligation.leadDays),
          status: 'scheduled',
          followUpCaseId: null,
          openedAt: null,
          fulfilledAt: null,
        }),
      );
      const moments: Array<{ kind: WakeupKind; offsetDays: number }> = [
        { kind: 'open', offsetDays: obligation.leadDays },
        ...obligation.reminderDays
          .filter((days) => days < obligation.leadDays)
          .map((days) => ({ kind: 'remind' as const, offsetDays: days })),
        { kind: 'late', offsetDays: -1 },
      ];
      for (const moment of moments) {
        await this.rows.add(tx, {
          municipalityId: tenant.municipalityId,
          occurrenceId: occurrence.id,
          deadlineId: null,
          kind: moment.kind,
          offsetDays: moment.offsetDays,
          firesAt: wakeupInstant(addDays(dueOn, -moment.offsetDays), moment.kind, timeZone),
        });
      }
      await this.audit.record(tx, {
        action: 'obligation.occurrence-planned',
        entityType: 'obligation',
        entityId: obligation.id,
        municipalityId: tenant.municipalityId,
        after: { occurrenceId: occurrence.id, dueOn, opensOn: occurrence.opensOn },
      });
      return occurrence;
    });
  }
}
