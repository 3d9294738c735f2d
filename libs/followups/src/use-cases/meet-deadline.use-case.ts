import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, NotFoundProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { BUDGET_DEADLINE_KINDS, Deadline, DeadlineKind } from '../followup.entities';
import { cancelPendingWakeups } from '../pending-wakeups';

/**
 * Records a budget year's deadline as met (the styrelse's proposal, KF's budget, the annual
 * report), optionally with the case that met it: the system holds neither the budget nor the
 * annual report, so a person says so. Its reminders still pending are cancelled. The other
 * deadlines are settled from their subjects and cannot be met by hand (409).
 */
@Injectable()
export class MeetDeadline {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, id: number, command: { caseId?: number }): Promise<void> {
    if (command.caseId) await this.cases.get(principal, command.caseId);
    await this.transactions.run(async (tx) => {
      const deadline = await tx.findOne(Deadline, {
        where: { id, municipalityId: principal.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!deadline) throw new NotFoundProblem('deadline', id);
      if (!(BUDGET_DEADLINE_KINDS as readonly DeadlineKind[]).includes(deadline.kind)) {
        throw new ConflictProblem(
          'deadline-settled-by-its-subject',
          `A ${deadline.kind} deadline is met when its subject is done, not by hand.`,
        );
      }
      if (deadline.status !== 'open') {
        throw new ConflictProblem('deadline-not-open', `The deadline is ${deadline.status}.`);
      }
      const metAt = this.clock.now();
      const caseId = command.caseId ?? deadline.caseId;
      await tx.update(
        Deadline,
        { id, municipalityId: principal.municipalityId },
        { status: 'met', metAt, caseId, version: deadline.version + 1 },
      );
      const cancelled = await cancelPendingWakeups(tx, principal, { deadlineId: id });
      await this.audit.record(tx, {
        action: 'deadline.met',
        entityType: 'deadline',
        entityId: id,
        municipalityId: principal.municipalityId,
        before: { status: 'open' },
        after: { status: 'met', metAt: metAt.toISOString(), caseId, cancelledWakeups: cancelled },
      });
    });
  }
}
