import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, localDate, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Occurrence } from '../followup.entities';
import { FollowupReports } from '../followup-reports';
import { WakeupRows } from './wakeup-rows';

/** An occurrence whose follow-up was decided: fulfilled, its pending wake-ups cancelled. */
@Injectable()
export class FulfilOccurrence {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly rows: WakeupRows,
    private readonly reports: FollowupReports,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(tenant: Tenant, occurrenceId: number): Promise<void> {
    await this.transactions.run(async (tx) => {
      const occurrence = await tx.findOne(Occurrence, {
        where: { id: occurrenceId, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!occurrence || occurrence.status === 'fulfilled') return;
      const now = this.clock.now();
      await tx.update(Occurrence, { id: occurrence.id }, { status: 'fulfilled', fulfilledAt: now });
      const cancelled = await this.rows.cancelPending(tx, tenant, { occurrenceId: occurrence.id });
      await this.reports.finalize(tx, occurrence);
      await this.audit.record(tx, {
        action: 'obligation.fulfilled',
        entityType: 'obligation',
        entityId: occurrence.obligationId,
        municipalityId: tenant.municipalityId,
        after: {
          occurrenceId: occurrence.id,
          dueOn: occurrence.dueOn,
          fulfilledOn: localDate(now),
          cancelledWakeups: cancelled,
        },
      });
    });
  }
}
