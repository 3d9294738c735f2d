import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { Organs } from '@nf/tenancy';
import { AgendaPlacements } from '@nf/workflow';
import { AddAgendaItemCommand, itemsOf, lockForEdit, touch } from '../agenda-edits';
import { MOTION_REPORT_TITLE } from '../agenda-templates';
import { AgendaItem } from '../meeting.entities';

/**
 * Adds a case from the organ's ready list (at most one open agenda: taken by compare-and-set on
 * its route step), an information item, or — on KF's agenda — the report of the motions not
 * decided within their year (KL 5 kap. 35 §), at the end of the agenda.
 */
@Injectable()
export class AddAgendaItem {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseQueries,
    private readonly placements: AgendaPlacements,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly organs: Organs,
  ) {}

  async execute(
    principal: Principal,
    meetingId: number,
    command: AddAgendaItemCommand,
    expectedVersion: number,
  ): Promise<AgendaItem> {
    return this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      const now = this.clock.now();
      const items = await itemsOf(tx, meeting);
      const item = tx.create(AgendaItem, {
        municipalityId: principal.municipalityId,
        meetingId: meeting.id,
        ordinal: items.length + 1,
        kind: command.kind,
        title:
          command.kind === 'information'
            ? command.title
            : command.kind === 'motion-report'
              ? (command.title ?? MOTION_REPORT_TITLE)
              : '',
        caseId: null,
        routeStepId: null,
        routeRound: null,
        proposalText: null,
        closedOsl: command.kind === 'motion-report' ? null : (command.closedOsl ?? null),
        createdAt: now,
      });
      if (command.kind === 'motion-report') {
        const organ = await this.organs.get(principal, meeting.organId);
        if (organ.kind !== 'fullmäktige') {
          throw new ValidationProblem([
            { field: 'kind', message: 'motions are reported to fullmäktige' },
          ]);
        }
        if (items.some((existing) => existing.kind === 'motion-report')) {
          throw new ValidationProblem([
            { field: 'kind', message: 'the agenda has its motion report already' },
          ]);
        }
      }
      if (command.kind === 'case') {
        const record = await this.cases.repository.getById(principal, command.caseId, tx);
        const step = await this.placements.place(tx, principal, {
          caseId: record.id,
          dnr: record.dnr,
          organId: meeting.organId,
          meetingId: meeting.id,
        });
        Object.assign(item, {
          title: record.title,
          caseId: record.id,
          ...step,
          closedOsl: command.closedOsl ?? record.secrecyOsl,
        });
      }
      await tx.save(item);
      await touch(tx, meeting, now);
      await this.audit.record(tx, {
        action: 'agenda.item-added',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        after: { itemId: item.id, ordinal: item.ordinal, kind: item.kind, caseId: item.caseId },
      });
      return item;
    });
  }
}
