import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant } from '@nf/common';
import { EntityManager } from 'typeorm';
import { oneYearAfter, RegisterMotionCommand } from './motion-year';
import { Motion } from './motion.entity';

/**
 * Records a case that is already registered as a motion (a new one, in the transaction that
 * registers it, or an imported one): its authors, the day it was submitted and its one-year
 * deadline, and KF's remittance when that came before the import. Audited.
 */
@Injectable()
export class AttachMotion {
  constructor(
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tx: EntityManager,
    tenant: Tenant,
    caseId: number,
    command: Pick<RegisterMotionCommand, 'submittedOn' | 'authors'> & {
      /** KF's remittance, when it came before the import (its day and paragraph). */
      remitted?: { on: string; paragraph: number };
    },
  ): Promise<Motion> {
    const now = this.clock.now();
    const motion = tx.create(Motion, {
      municipalityId: tenant.municipalityId,
      caseId,
      submittedOn: command.submittedOn,
      authors: command.authors,
      deadlineOn: oneYearAfter(command.submittedOn),
      remittedOn: command.remitted?.on ?? null,
      remittedParagraph: command.remitted?.paragraph ?? null,
      reportedOn: null,
      reportedMeetingId: null,
      answer: null,
      answeredOn: null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.save(motion);
    await this.audit.record(tx, {
      action: 'motion.registered',
      entityType: 'motion',
      entityId: motion.id,
      municipalityId: tenant.municipalityId,
      after: {
        caseId: motion.caseId,
        submittedOn: motion.submittedOn,
        authors: motion.authors,
        deadlineOn: motion.deadlineOn,
        remittedOn: motion.remittedOn,
        remittedParagraph: motion.remittedParagraph,
      },
    });
    return motion;
  }
}
