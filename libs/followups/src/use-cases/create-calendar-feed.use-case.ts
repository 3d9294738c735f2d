import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ForbiddenProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { randomBytes } from 'node:crypto';
import { hash } from '../calendar-feed-tokens';

/** A new secret address for the user's feed (shown once); the old one stops working. */
@Injectable()
export class CreateCalendarFeed {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal): Promise<{ token: string; path: string }> {
    if (principal.kind !== 'person') {
      throw new ForbiddenProblem('A calendar feed belongs to a person, not a service token.');
    }
    const token = randomBytes(32).toString('base64url');
    await this.transactions.run(async (tx) => {
      // One row per user: a new token replaces the old (affectedRows 2: a row was replaced).
      const written = (await tx.query(
        `INSERT INTO calendar_feeds (user_id, municipality_id, token_hash, created_at) VALUES (?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE token_hash = VALUES(token_hash), created_at = VALUES(created_at)`,
        [principal.userId, principal.municipalityId, hash(token), this.clock.now()],
      )) as { affectedRows: number };
      await this.audit.record(tx, {
        action: 'calendar-feed.created',
        entityType: 'user',
        entityId: principal.userId,
        municipalityId: principal.municipalityId,
        after: { replaced: written.affectedRows === 2 },
      });
    });
    return { token, path: `/api/v1/calendar/${token}.ics` };
  }
}
