import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ForbiddenProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { MeetingQueries } from '../meeting.queries';
import { MeetingRead } from './meeting-read.entity';

/**
 * When each member last opened a meeting, so that the reading room can list what is new since:
 * items added and documents registered after it. A person's own (a service token has none); the
 * audit log records that the meeting was opened, as it records any change.
 */
@Injectable()
export class MeetingReads {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly meetings: MeetingQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Marks the meeting opened now by the caller; returns when they opened it before (or null). */
  async opened(
    principal: Principal,
    meetingId: number,
  ): Promise<{ previousOpenedAt: string | null; openedAt: string }> {
    if (principal.kind !== 'person') {
      throw new ForbiddenProblem('A reading list is a person’s own; a service token has none.');
    }
    await this.meetings.get(principal, meetingId);
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      const before = await tx.findOne(MeetingRead, {
        where: { userId: principal.userId, meetingId, municipalityId: principal.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      await tx.upsert(
        MeetingRead,
        {
          userId: principal.userId,
          meetingId,
          municipalityId: principal.municipalityId,
          openedAt: now,
        },
        ['userId', 'meetingId'],
      );
      await this.audit.record(tx, {
        action: 'meeting.opened',
        entityType: 'meeting-read',
        entityId: meetingId,
        municipalityId: principal.municipalityId,
        after: { meetingId },
      });
      return {
        previousOpenedAt: before?.openedAt.toISOString() ?? null,
        openedAt: now.toISOString(),
      };
    });
  }
}
