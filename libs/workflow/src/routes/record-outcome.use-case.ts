import { Injectable } from '@nestjs/common';
import { Principal, Permission } from '@nf/access';
import { Tenant, ForbiddenProblem, assertCurrentVersion } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { EntityManager } from 'typeorm';
import { Motion } from '../motions/motion.entity';
import { Tjansteskrivelser } from '../tjansteskrivelser/tjansteskrivelser';
import { assertMayWriteOff } from '../motions/motion.commands';
import { RecordOutcomeCommand, validateDetails } from './route.commands';
import { RouteEvent } from './route.entities';
import { Routes } from './routes';

/**
 * Records the outcome of a case at the organ of its current step (a use case for tests and the
 * demo until adjusted protocols emit the outcomes). The job applies it; the answer is the pending
 * event. Refuses at once what the route does not allow now (409).
 */

@Injectable()
export class RecordOutcome {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly routes: Routes,
    private readonly tjansteskrivelser: Tjansteskrivelser,
  ) {}

  async execute(
    principal: Principal | null,
    tenant: Tenant,
    caseId: number,
    command: RecordOutcomeCommand,
    manager?: EntityManager,
  ): Promise<RouteEvent> {
    const work = async (tx: EntityManager): Promise<RouteEvent> => {
      // Tenant-scoped: another municipality's case has no route here (404).
      const loaded = await this.routes.getForCase(tenant, caseId, tx);
      const { route, steps } = loaded;
      const organId = steps[route.currentStep].organId;
      if (principal && !principal.can(Permission.OutcomesRecord, { organId })) {
        throw new ForbiddenProblem(
          'Outcomes are recorded by the secretary of the organ the case is at.',
        );
      }
      assertCurrentVersion('route', route.version, command.expectedVersion);
      const motion = steps[route.currentStep].authoritative
        ? await tx.findOne(Motion, { where: { caseId, municipalityId: tenant.municipalityId } })
        : null;
      validateDetails(motion !== null, command);
      assertMayWriteOff(motion, command.motionAnswer);
      return this.routes.record(
        tx,
        tenant,
        loaded,
        {
          kind: command.kind,
          step: command.step ?? route.currentStep,
          round: command.round ?? route.currentRound,
          text: command.text ?? null,
        },
        {
          ...command,
          // A decision hands the follow-up its tjänsteskrivelse asked for to the follow-ups context.
          followUpClause:
            command.followUpClause ??
            (command.kind === 'decision'
              ? ((await this.tjansteskrivelser.latestSubmitted(tenant, caseId, tx))
                  ?.followUpClause ?? null)
              : null),
        },
        principal?.userId ?? null,
      );
    };
    return manager ? work(manager) : this.transactions.run(work);
  }
}
