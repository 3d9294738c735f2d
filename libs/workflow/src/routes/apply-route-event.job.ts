import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, localDate, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { CaseDecisions } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { EntityManager } from 'typeorm';
import { Motion } from '../motions/motion.entity';
import { applyTransition, MachineState, refusal } from './route-machine';
import { RouteEvent, RouteInstance, RouteStep } from './route.entities';
import { machineStateOf } from './routes';

class StaleRoute extends Error {}

const MAX_ATTEMPTS = 5;

function visitOf(state: MachineState) {
  const step = state.steps[state.currentStep];
  return {
    status: state.status,
    step: state.currentStep,
    round: state.currentRound,
    stepState: step.state,
  };
}

/**
 * Applies a recorded route event. Idempotent: the event row says whether it was applied, and the
 * route moves by compare-and-set on its version, so a job that runs twice (or two copies at once)
 * moves the case once. Everything it changes commits with its audit entry, or not at all.
 */
@Injectable()
export class ApplyRouteEvent {
  private readonly logger = new Logger(ApplyRouteEvent.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly decisions: CaseDecisions,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  @JobHandler('workflow.apply-event')
  async handle(payload: JobPayloads['workflow.apply-event']): Promise<JobOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactions.run((tx) => this.applyOnce(tx, payload));
      } catch (error) {
        // Another run moved the route between our read and our write: read again.
        if (!(error instanceof StaleRoute) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async applyOnce(
    tx: EntityManager,
    { municipalityId, eventId }: JobPayloads['workflow.apply-event'],
  ): Promise<JobOutcome> {
    const tenant: Tenant = { municipalityId };
    const event = await tx.findOne(RouteEvent, { where: { id: eventId, municipalityId } });
    if (!event) return { status: 'skipped', reason: `no route event ${eventId}` };
    if (event.status !== 'pending') {
      return { status: 'skipped', reason: `event ${eventId} already ${event.status}` };
    }
    const route = await tx.findOneOrFail(RouteInstance, { where: { id: event.routeId } });
    const steps = await tx.find(RouteStep, {
      where: { routeId: route.id },
      order: { ordinal: 'ASC' },
    });
    const state = machineStateOf({ route, steps });
    const now = this.clock.now();
    const refused = refusal(state, event);
    if (refused) {
      // Cannot happen while events are recorded through Routes.record; kept visible if it does.
      await this.settle(tx, event.id, { status: 'rejected', rejectedReason: refused.detail });
      this.logger.warn(`Route event ${eventId} rejected: ${refused.detail}`);
      return { status: 'skipped', reason: refused.detail };
    }
    const next = applyTransition(state, event);
    const cas = (await tx.query(
      `UPDATE route_instances
          SET status = ?, current_step = ?, current_round = ?, finished_at = ?, updated_at = ?,
              version = version + 1
        WHERE id = ? AND version = ?`,
      [
        next.status,
        next.currentStep,
        next.currentRound,
        next.status === 'active' ? null : now,
        now,
        route.id,
        route.version,
      ],
    )) as { affectedRows: number };
    if (cas.affectedRows !== 1) throw new StaleRoute();
    for (const [ordinal, after] of next.steps.entries()) {
      const before = state.steps[ordinal];
      const visited = ordinal === state.currentStep || ordinal === next.currentStep;
      if (!visited) continue;
      const becameReady =
        after.state === 'ready' && (before.state !== 'ready' || event.kind === 'bordlaggning');
      await tx.update(
        RouteStep,
        { id: steps[ordinal].id },
        {
          state: after.state,
          proposalText: after.proposalText,
          ...(becameReady ? { readySince: now, onAgendaMeetingId: null } : {}),
          ...(after.state === 'preparing' ? { onAgendaMeetingId: null, readySince: null } : {}),
          ...(after.state === 'done' || after.state === 'withdrawn' ? { doneAt: now } : {}),
        },
      );
    }
    if (!(await this.settle(tx, event.id, { status: 'applied', appliedAt: now }))) {
      throw new StaleRoute();
    }
    if (event.kind === 'decision') {
      await this.decisions.markDecided(tx, tenant, route.caseId, now);
      if (event.motionAnswer) {
        const municipality = await this.municipalities.getById(municipalityId);
        await tx.update(
          Motion,
          { caseId: route.caseId, municipalityId },
          {
            answer: event.motionAnswer,
            answeredOn: event.meetingDate ?? localDate(now, municipality.timeZone),
            updatedAt: now,
          },
        );
      }
    }
    await this.audit.record(tx, {
      action: 'route.advanced',
      entityType: 'route',
      entityId: route.id,
      municipalityId,
      before: visitOf(state),
      after: { ...visitOf(next), eventId: event.id, kind: event.kind },
    });
    return {
      status: 'done',
      detail: `case ${route.caseId}: ${event.kind} at step ${event.step + 1}`,
    };
  }

  private async settle(
    tx: EntityManager,
    eventId: number,
    change: Partial<Pick<RouteEvent, 'status' | 'appliedAt' | 'rejectedReason'>>,
  ): Promise<boolean> {
    const result = await tx.update(RouteEvent, { id: eventId, status: 'pending' }, change);
    return result.affected === 1;
  }
}
