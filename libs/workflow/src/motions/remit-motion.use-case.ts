import { Injectable } from '@nestjs/common';
import { Principal, Permission } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  Clock,
  Tenant,
  localDate,
  ConflictProblem,
  NotFoundProblem,
  ForbiddenProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Municipalities } from '@nf/tenancy';
import { StartRoute } from '../routes/start-route.use-case';
import { RouteEvent } from '../routes/route.entities';
import { Routes } from '../routes/routes';
import { RemitMotionCommand } from './motion.commands';
import { Motion } from './motion.entity';
import { MotionQueries } from './motion.queries';

/**
 * KF's decision to remit a motion to KS for preparation starts the motion route: the remittance is
 * the first route event (applied by the workflow job), after which KS prepares an answer.
 */

@Injectable()
export class RemitMotion {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly motions: MotionQueries,
    private readonly startRoute: StartRoute,
    private readonly routes: Routes,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal | null,
    tenant: Tenant,
    caseId: number,
    command: RemitMotionCommand,
  ): Promise<{ motion: Motion; event: RouteEvent }> {
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    if (command.decidedOn > localDate(this.clock.now(), municipality.timeZone)) {
      throw new ConflictProblem('remittance-in-future', 'A remittance cannot be dated ahead.');
    }
    return this.transactions.run(async (tx) => {
      const motion = await tx.findOne(Motion, {
        where: { caseId, municipalityId: tenant.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!motion) throw new NotFoundProblem('motion', caseId);
      if (motion.remittedOn) {
        throw new ConflictProblem(
          'motion-remitted',
          `The motion was remitted on ${motion.remittedOn} (§ ${motion.remittedParagraph}).`,
        );
      }
      const route = await this.startRoute.execute(
        tenant,
        principal?.userId ?? null,
        caseId,
        'motion',
        tx,
      );
      const remitting = route.steps[0];
      if (principal && !principal.can(Permission.OutcomesRecord, { organId: remitting.organId })) {
        throw new ForbiddenProblem('A remittance is recorded by the secretary of KF.');
      }
      const event = await this.routes.record(
        tx,
        tenant,
        route,
        { kind: 'remit', step: 0, round: 0 },
        {
          meetingDate: command.decidedOn,
          paragraph: command.paragraph,
          source: 'motion-remittance',
        },
        principal?.userId ?? null,
      );
      const before = { remittedOn: motion.remittedOn, remittedParagraph: motion.remittedParagraph };
      motion.remittedOn = command.decidedOn;
      motion.remittedParagraph = command.paragraph;
      motion.updatedAt = this.clock.now();
      await tx.save(motion);
      await this.audit.record(tx, {
        action: 'motion.remitted',
        entityType: 'motion',
        entityId: motion.id,
        municipalityId: tenant.municipalityId,
        before,
        after: { remittedOn: motion.remittedOn, remittedParagraph: motion.remittedParagraph },
      });
      return { motion, event };
    });
  }
}
