import { Injectable } from '@nestjs/common';
import { Clock, Tenant } from '@nf/common';
import { JobOutcome } from '@nf/queue';
import { DataSource } from 'typeorm';
import { Wakeup } from '../followup.entities';
import { LegalDeadlines } from './legal-deadlines';
import { OccurrenceWakeups } from './occurrence-wakeups';
import { StaleWakeup } from './wakeup-rows';

/**
 * Does a wake-up's work, once: only while it is pending at `version` and due. Opening registers
 * the follow-up case (with its dnr, linked to the original case) in the transaction that marks
 * the wake-up done; a reminder or a late notice goes to the inbox and by e-mail.
 */
@Injectable()
export class WakeWakeup {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadlines: LegalDeadlines,
    private readonly clock: Clock,
    private readonly occurrences: OccurrenceWakeups,
  ) {}

  async execute(tenant: Tenant, wakeupId: number, version: number): Promise<JobOutcome> {
    const wakeup = await this.dataSource.manager.findOne(Wakeup, {
      where: { id: wakeupId, municipalityId: tenant.municipalityId },
    });
    if (!wakeup || wakeup.status !== 'pending' || wakeup.version !== version) {
      return { status: 'skipped', reason: `wake-up ${wakeupId} v${version} is not pending` };
    }
    if (wakeup.firesAt.getTime() > this.clock.now().getTime() + 1_000) {
      return { status: 'skipped', reason: `wake-up ${wakeupId} is not due yet` };
    }
    try {
      if (wakeup.deadlineId !== null) return await this.deadlines.wake(tenant, wakeup);
      return await this.occurrences.wake(tenant, wakeup);
    } catch (error) {
      if (error instanceof StaleWakeup) return { status: 'skipped', reason: error.message };
      throw error;
    }
  }
}
