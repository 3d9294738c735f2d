import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Obligation } from '../followup.entities';

import { lockProposed } from '../obligation-rules';

/** Dismisses a proposed obligation the decision did not really ask for; the reason is kept. */
@Injectable()
export class DismissObligation {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, id: number, reason: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const obligation = await lockProposed(tx, principal, id);
      await tx.update(
        Obligation,
        { id, municipalityId: principal.municipalityId },
        { status: 'dismissed', updatedAt: this.clock.now(), version: obligation.version + 1 },
      );
      await this.audit.record(tx, {
        action: 'obligation.dismissed',
        entityType: 'obligation',
        entityId: id,
        municipalityId: principal.municipalityId,
        before: { status: obligation.status },
        after: { status: 'dismissed', reason },
      });
    });
  }
}
