import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, NotFoundProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { AgendaPlacements } from '@nf/workflow';
import { itemsOf, lockForEdit, releaseCase, renumber, touch } from '../agenda-edits';
import { AgendaItem } from '../meeting.entities';

/** Removes an item; a case goes back to the organ's ready list. */
@Injectable()
export class RemoveAgendaItem {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly placements: AgendaPlacements,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    meetingId: number,
    itemId: number,
    expectedVersion: number,
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      const items = await itemsOf(tx, meeting);
      const item = items.find((candidate) => candidate.id === itemId);
      if (!item) throw new NotFoundProblem('agenda item', itemId);
      await releaseCase(tx, this.placements, item);
      await tx.delete(AgendaItem, { id: item.id, municipalityId: item.municipalityId });
      await renumber(
        tx,
        items.filter((candidate) => candidate.id !== item.id),
      );
      await touch(tx, meeting, this.clock.now());
      await this.audit.record(tx, {
        action: 'agenda.item-removed',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        before: { itemId: item.id, ordinal: item.ordinal, kind: item.kind, caseId: item.caseId },
      });
    });
  }
}
