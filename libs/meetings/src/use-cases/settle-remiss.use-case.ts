import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, NotFoundProblem, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { Notice } from '../meeting.entities';
import { assertMay, SettleRemissCommand } from '../notices-and-delegation.rules';

/**
 * A remiss answered — by a decision in a case (the case that holds the answer) — or declined
 * (the board chose not to answer, "avstår att lämna yttrande"). Once: a settled remiss stays as it
 * was settled. Its deadline, if it had one, is met at the follow-ups' next sweep.
 */
@Injectable()
export class SettleRemiss {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly cases: CaseQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    noticeId: number,
    command: SettleRemissCommand,
  ): Promise<Notice> {
    return this.transactions.run(async (tx) => {
      const notice = await tx.findOne(Notice, {
        where: { id: noticeId, municipalityId: principal.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!notice) throw new NotFoundProblem('notice', noticeId);
      assertMay(
        principal,
        Permission.NoticesRegister,
        notice.organId,
        'You may not settle the remisses of this organ.',
      );
      if (notice.kind !== 'remiss') {
        throw new ValidationProblem([{ field: 'outcome', message: 'the notice is not a remiss' }]);
      }
      if (notice.remissStatus !== 'open') {
        throw new ConflictProblem(
          'remiss-settled',
          `The remiss was ${notice.remissStatus} already.`,
        );
      }
      if (command.outcome === 'answered') {
        await this.cases.get(principal, command.caseId);
        notice.answerCaseId = command.caseId;
      } else {
        notice.declinedReason = command.reason ?? null;
      }
      notice.remissStatus = command.outcome;
      notice.settledAt = this.clock.now();
      await tx.save(notice);
      await this.audit.record(tx, {
        action: `remiss.${command.outcome}`,
        entityType: 'notice',
        entityId: notice.id,
        municipalityId: principal.municipalityId,
        before: { remissStatus: 'open' },
        after: {
          remissStatus: notice.remissStatus,
          answerCaseId: notice.answerCaseId,
          declinedReason: notice.declinedReason,
        },
      });
      return notice;
    });
  }
}
