import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, ProblemError, type Tenant } from '@nf/common';
import { In, type EntityManager } from 'typeorm';
import { RecordOutcome } from '../routes/record-outcome.use-case';
import { assertMayWriteOff } from './motion.commands';
import { Motion } from './motion.entity';

/**
 * KF's decision, on the motion report, to write motions off (avskriva från vidare handläggning,
 * KL 5 kap. 35 §): each motion gets its answer `avskriven` on the meeting's day and its route ends
 * (withdrawn, with KF's paragraph as the reason). Called by the job after KF's protocol is
 * adjusted, in its transaction, after the report was recorded; a motion written off already is
 * left as it is (the job may run twice). Returns how many it wrote off.
 */
@Injectable()
export class WriteOffMotions {
  constructor(
    private readonly recordOutcome: RecordOutcome,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tx: EntityManager,
    tenant: Tenant,
    caseIds: number[],
    decision: { meetingId: number; meetingDate: string; paragraph: number | null; source: string },
  ): Promise<number> {
    if (caseIds.length === 0) return 0;
    const motions = await tx.find(Motion, {
      where: { municipalityId: tenant.municipalityId, caseId: In(caseIds) },
      lock: { mode: 'pessimistic_write' },
    });
    let written = 0;
    for (const motion of motions.filter((candidate) => candidate.answer === null)) {
      assertMayWriteOff(motion, 'avskriven');
      motion.answer = 'avskriven';
      motion.answeredOn = decision.meetingDate;
      motion.updatedAt = this.clock.now();
      await tx.save(motion);
      // Its route ends where it stands; a motion with no route (never remitted), or one whose
      // route cannot end now, is written off all the same, and the audit says so.
      const routeEnded = await this.recordOutcome
        .execute(
          null,
          tenant,
          motion.caseId,
          {
            kind: 'withdrawn',
            reason: `Motionen avskrevs från vidare handläggning av kommunfullmäktige ${decision.meetingDate}${decision.paragraph ? ` § ${decision.paragraph}` : ''} (5 kap. 35 § kommunallagen).`,
            meetingId: decision.meetingId,
            meetingDate: decision.meetingDate,
            paragraph: decision.paragraph,
            source: decision.source,
          },
          tx,
        )
        .then(() => true)
        .catch((error: unknown) => {
          if (error instanceof ProblemError && error.status < 500) return false;
          throw error;
        });
      await this.audit.record(tx, {
        action: 'motion.written-off',
        entityType: 'case',
        entityId: motion.caseId,
        municipalityId: tenant.municipalityId,
        before: { answer: null },
        after: { answer: 'avskriven', answeredOn: decision.meetingDate, routeEnded },
      });
      written++;
    }
    return written;
  }
}
