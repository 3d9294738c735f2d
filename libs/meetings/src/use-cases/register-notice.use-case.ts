import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Organs } from '@nf/tenancy';
import { Notice } from '../meeting.entities';
import { assertMay, RegisterNoticeCommand } from '../notices-and-delegation.rules';

@Injectable()
export class RegisterNotice {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, command: RegisterNoticeCommand): Promise<Notice> {
    await this.organs.get(principal, command.organId);
    assertMay(
      principal,
      Permission.NoticesRegister,
      command.organId,
      'You may not register notices for this organ.',
    );
    const kind = command.kind ?? 'meddelande';
    if (kind === 'meddelande' && command.answerBy) {
      throw new ValidationProblem([
        { field: 'answerBy', message: 'only a remiss is answered by a day' },
      ]);
    }
    if (command.answerBy && command.answerBy < command.receivedOn) {
      throw new ValidationProblem([
        { field: 'answerBy', message: 'the answer is due before the remiss was received' },
      ]);
    }
    return this.transactions.run(async (tx) => {
      const notice = tx.create(Notice, {
        municipalityId: principal.municipalityId,
        organId: command.organId,
        dnr: command.dnr ?? null,
        sender: command.sender,
        receivedOn: command.receivedOn,
        text: command.text,
        kind,
        answerBy: command.answerBy ?? null,
        remissStatus: kind === 'remiss' ? 'open' : null,
        answerCaseId: null,
        declinedReason: null,
        settledAt: null,
        meetingId: null,
        createdAt: this.clock.now(),
      });
      await tx.save(notice);
      await this.audit.record(tx, {
        action: 'notice.registered',
        entityType: 'notice',
        entityId: notice.id,
        municipalityId: principal.municipalityId,
        after: {
          organId: notice.organId,
          dnr: notice.dnr,
          sender: notice.sender,
          receivedOn: notice.receivedOn,
          kind: notice.kind,
          answerBy: notice.answerBy,
        },
      });
      return notice;
    });
  }
}
