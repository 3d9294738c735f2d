import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, NotFoundProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { InboxMessage } from '../followup.entities';

import { ObligationQueries } from '../obligation.queries';

/** The reader marks a message of their inbox read. */
@Injectable()
export class MarkMessageRead {
  constructor(
    private readonly queries: ObligationQueries,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, id: number) {
    const message = await this.transactions.run(async (tx) => {
      const message = await tx.findOne(InboxMessage, {
        where: { id, municipalityId: principal.municipalityId, userId: principal.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!message) throw new NotFoundProblem('message', id);
      if (message.readAt) return message;
      const readAt = this.clock.now();
      await tx.update(InboxMessage, { id, municipalityId: principal.municipalityId }, { readAt });
      await this.audit.record(tx, {
        action: 'inbox.message-read',
        entityType: 'inbox-message',
        entityId: id,
        municipalityId: principal.municipalityId,
        after: { readAt: readAt.toISOString() },
      });
      return { ...message, readAt };
    });
    return (await this.queries.messageViews(principal, [message]))[0];
  }
}
