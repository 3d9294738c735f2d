import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, type Tenant } from '@nf/common';
import { In, IsNull, type EntityManager } from 'typeorm';
import { Motion } from './motion.entity';

/**
 * The motions KF's report listed, reported (anmälda) to KF at its meeting (KL 5 kap. 35 §): called
 * by the job after KF's protocol is adjusted, in its transaction. A motion reported once keeps the
 * day it was first reported (the job may run twice); an answered one is left as it is. Returns how
 * many it marked.
 */
@Injectable()
export class RecordMotionReport {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tx: EntityManager,
    tenant: Tenant,
    caseIds: number[],
    report: { meetingId: number; reportedOn: string },
  ): Promise<number> {
    if (caseIds.length === 0) return 0;
    const motions = await tx.find(Motion, {
      where: {
        municipalityId: tenant.municipalityId,
        caseId: In(caseIds),
        reportedOn: IsNull(),
        answer: IsNull(),
      },
      lock: { mode: 'pessimistic_write' },
    });
    const now = this.clock.now();
    for (const motion of motions) {
      motion.reportedOn = report.reportedOn;
      motion.reportedMeetingId = report.meetingId;
      motion.updatedAt = now;
      await tx.save(motion);
      await this.audit.record(tx, {
        action: 'motion.reported',
        entityType: 'case',
        entityId: motion.caseId,
        municipalityId: tenant.municipalityId,
        before: { reportedOn: null },
        after: { reportedOn: report.reportedOn, meetingId: report.meetingId },
      });
    }
    return motions.length;
  }
}
