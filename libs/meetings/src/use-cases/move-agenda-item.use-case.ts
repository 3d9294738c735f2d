import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, NotFoundProblem, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { AgendaPlacements } from '@nf/workflow';
import { itemsOf, lockForEdit, renumber, touch } from '../agenda-edits';
import { AgendaItem, Meeting } from '../meeting.entities';

/**
 * Moves an item to another open meeting of the same organ (at the end of its agenda). Both
 * agendas are locked in id order and both versions checked; a case moves with its place.
 */
@Injectable()
export class MoveAgendaItem {
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
    target: { meetingId: number; version: number },
    expectedVersion: number,
  ): Promise<AgendaItem> {
    if (target.meetingId === meetingId) {
      throw new ValidationProblem([{ field: 'toMeetingId', message: 'is the same meeting' }]);
    }
    return this.transactions.run(async (tx) => {
      const [first, second] = [meetingId, target.meetingId].sort((a, b) => a - b);
      const locked = new Map<number, Meeting>();
      locked.set(
        first,
        await lockForEdit(
          tx,
          principal,
          first,
          first === meetingId ? expectedVersion : target.version,
        ),
      );
      locked.set(
        second,
        await lockForEdit(
          tx,
          principal,
          second,
          second === meetingId ? expectedVersion : target.version,
        ),
      );
      const source = locked.get(meetingId)!;
      const destination = locked.get(target.meetingId)!;
      if (source.organId !== destination.organId) {
        throw new ConflictProblem(
          'other-organ',
          'An item moves only between meetings of the same organ.',
        );
      }
      const items = await itemsOf(tx, source);
      const item = items.find((candidate) => candidate.id === itemId);
      if (!item) throw new NotFoundProblem('agenda item', itemId);
      const from = { meetingId: source.id, ordinal: item.ordinal };
      if (item.kind === 'case' && item.routeStepId !== null) {
        const moved = await this.placements.move(
          tx,
          source,
          item.routeStepId,
          source.id,
          destination.id,
        );
        if (!moved)
          throw new ConflictProblem('case-moved', 'The case is no longer on this agenda.');
      }
      await renumber(
        tx,
        items.filter((candidate) => candidate.id !== item.id),
      );
      item.meetingId = destination.id;
      item.ordinal = (await itemsOf(tx, destination)).length + 1;
      await tx.save(item);
      const now = this.clock.now();
      await touch(tx, source, now);
      await touch(tx, destination, now);
      await this.audit.record(tx, {
        action: 'agenda.item-moved',
        entityType: 'meeting',
        entityId: source.id,
        municipalityId: principal.municipalityId,
        before: { itemId: item.id, ...from },
        after: { itemId: item.id, meetingId: destination.id, ordinal: item.ordinal },
      });
      return item;
    });
  }
}
