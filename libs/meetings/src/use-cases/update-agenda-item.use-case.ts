import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, NotFoundProblem, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { lockForEdit, touch, UpdateAgendaItemCommand } from '../agenda-edits';
import { AgendaItem } from '../meeting.entities';

@Injectable()
export class UpdateAgendaItem {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    meetingId: number,
    itemId: number,
    command: UpdateAgendaItemCommand,
    expectedVersion: number,
  ): Promise<AgendaItem> {
    return this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      const item = await tx.findOne(AgendaItem, {
        where: { id: itemId, meetingId: meeting.id, municipalityId: meeting.municipalityId },
      });
      if (!item) throw new NotFoundProblem('agenda item', itemId);
      const before = { title: item.title, closedOsl: item.closedOsl, caseId: item.caseId };
      if (command.caseId !== undefined) {
        if (item.kind === 'case') {
          throw new ConflictProblem(
            'item-case-fixed',
            'A case item keeps its case; remove it instead.',
          );
        }
        if (command.caseId !== null)
          await this.cases.repository.getById(principal, command.caseId, tx);
        item.caseId = command.caseId;
      }
      if (command.title !== undefined) item.title = command.title;
      if (command.closedOsl !== undefined) {
        const record =
          item.caseId === null
            ? null
            : await this.cases.repository.getById(principal, item.caseId, tx);
        if (command.closedOsl === null && record?.secrecyOsl) {
          throw new ValidationProblem([
            {
              field: 'closedOsl',
              message: `the case is secret (${record.secrecyOsl}); its item stays closed`,
            },
          ]);
        }
        item.closedOsl = command.closedOsl;
      }
      await tx.save(item);
      await touch(tx, meeting, this.clock.now());
      await this.audit.record(tx, {
        action: 'agenda.item-updated',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        before: { itemId: item.id, ...before },
        after: {
          itemId: item.id,
          title: item.title,
          closedOsl: item.closedOsl,
          caseId: item.caseId,
        },
      });
      return item;
    });
  }
}
