import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { itemsOf, lockForEdit, renumber, touch } from '../agenda-edits';

/** Puts the items in the given order; the list must name every item once. */
@Injectable()
export class ReorderAgenda {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    meetingId: number,
    itemIds: number[],
    expectedVersion: number,
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      const items = await itemsOf(tx, meeting);
      const byId = new Map(items.map((item) => [item.id, item]));
      if (
        itemIds.length !== items.length ||
        new Set(itemIds).size !== itemIds.length ||
        itemIds.some((id) => !byId.has(id))
      ) {
        throw new ValidationProblem([
          { field: 'itemIds', message: 'must list every item of the agenda once' },
        ]);
      }
      const before = items.map((item) => item.id);
      await renumber(
        tx,
        itemIds.map((id) => byId.get(id)!),
      );
      await touch(tx, meeting, this.clock.now());
      await this.audit.record(tx, {
        action: 'agenda.reordered',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        before: { itemIds: before },
        after: { itemIds },
      });
    });
  }
}
