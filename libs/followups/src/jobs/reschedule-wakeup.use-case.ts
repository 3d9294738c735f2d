import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Wakeup } from '../followup.entities';
import { WakeupRows } from './wakeup-rows';

/** Moves a pending wake-up: its version goes up, so the job armed before finds nothing to do. */
@Injectable()
export class RescheduleWakeup {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly rows: WakeupRows,
    private readonly audit: AuditLog,
  ) {}

  async execute(tenant: Tenant, wakeupId: number, firesAt: Date): Promise<void> {
    await this.transactions.run(async (tx) => {
      const wakeup = await tx.findOne(Wakeup, {
        where: { id: wakeupId, municipalityId: tenant.municipalityId, status: 'pending' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!wakeup) return;
      const before = wakeup.firesAt.toISOString();
      wakeup.firesAt = firesAt;
      wakeup.version += 1;
      await tx.update(Wakeup, { id: wakeup.id }, { firesAt, version: wakeup.version });
      await this.rows.arm(tx, wakeup);
      await this.audit.record(tx, {
        action: 'obligation.wakeup-rescheduled',
        entityType: 'wakeup',
        entityId: wakeup.id,
        municipalityId: tenant.municipalityId,
        before: { firesAt: before },
        after: { firesAt: firesAt.toISOString(), version: wakeup.version },
      });
    });
  }
}
