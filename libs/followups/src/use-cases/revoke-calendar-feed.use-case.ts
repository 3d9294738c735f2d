import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { NotFoundProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';

@Injectable()
export class RevokeCalendarFeed {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
  ) {}

  async execute(principal: Principal): Promise<void> {
    await this.transactions.run(async (tx) => {
      const removed = (await tx.query(
        'DELETE FROM calendar_feeds WHERE user_id = ? AND municipality_id = ?',
        [principal.userId, principal.municipalityId],
      )) as { affectedRows: number };
      if (removed.affectedRows === 0) throw new NotFoundProblem('calendar feed', principal.userId);
      await this.audit.record(tx, {
        action: 'calendar-feed.revoked',
        entityType: 'user',
        entityId: principal.userId,
        municipalityId: principal.municipalityId,
      });
    });
  }
}
