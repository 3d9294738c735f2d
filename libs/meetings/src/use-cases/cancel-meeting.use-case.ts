import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { AgendaPlacements } from '@nf/workflow';
import { itemsOf, lockForEdit, releaseCase, snapshot } from '../agenda-edits';
import { DelegationDecision, Meeting, Notice } from '../meeting.entities';

/** Cancels the meeting: its cases return to the ready list, its notices and decisions wait for the next. */
@Injectable()
export class CancelMeeting {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly placements: AgendaPlacements,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    meetingId: number,
    reason: string,
    expectedVersion: number,
  ): Promise<Meeting> {
    return this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      const before = snapshot(meeting);
      for (const item of await itemsOf(tx, meeting)) await releaseCase(tx, this.placements, item);
      await tx.update(
        Notice,
        { meetingId: meeting.id, municipalityId: meeting.municipalityId },
        { meetingId: null },
      );
      await tx.update(
        DelegationDecision,
        { meetingId: meeting.id, municipalityId: meeting.municipalityId },
        { meetingId: null },
      );
      meeting.status = 'cancelled';
      meeting.cancelledReason = reason;
      meeting.updatedAt = this.clock.now();
      await tx.save(meeting);
      await this.audit.record(tx, {
        action: 'meeting.cancelled',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        before,
        after: { ...snapshot(meeting), reason },
      });
      return meeting;
    });
  }
}
