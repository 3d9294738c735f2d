import { Injectable } from '@nestjs/common';
import { Clock, ConflictProblem, NotFoundProblem, Tenant } from '@nf/common';
import { isDuplicateKeyError } from '@nf/database';
import { AuditLog } from '@nf/audit';
import { Outbox } from '@nf/queue';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { MachineState, MachineTransition, MotionAnswer, refusal } from './route-machine';
import { RouteEvent, RouteInstance, RouteStep } from './route.entities';

export interface LoadedRoute {
  route: RouteInstance;
  steps: RouteStep[];
}

/** What a recorded event says beyond its transition: where it was decided and why. */
export interface EventDetails {
  reason?: string | null;
  meetingId?: number | null;
  meetingDate?: string | null;
  paragraph?: number | null;
  motionAnswer?: MotionAnswer | null;
  followUpClause?: string | null;
  source?: string | null;
}

export function machineStateOf({ route, steps }: LoadedRoute): MachineState {
  return {
    status: route.status,
    currentStep: route.currentStep,
    currentRound: route.currentRound,
    steps: steps.map((step) => ({
      role: step.role,
      state: step.state,
      proposalText: step.proposalText,
    })),
  };
}

/** Reads routes within a tenant, and records the events that move them. */
@Injectable()
export class Routes {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async forCase(
    tenant: Tenant,
    caseId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoadedRoute | null> {
    const route = await manager.findOne(RouteInstance, {
      where: { caseId, municipalityId: tenant.municipalityId },
    });
    if (!route) return null;
    const steps = await manager.find(RouteStep, {
      where: { routeId: route.id },
      order: { ordinal: 'ASC' },
    });
    return { route, steps };
  }

  async getForCase(tenant: Tenant, caseId: number, manager?: EntityManager): Promise<LoadedRoute> {
    const loaded = await this.forCase(tenant, caseId, manager);
    if (!loaded) throw new NotFoundProblem('route of case', caseId);
    return loaded;
  }

  eventsOf(tenant: Tenant, routeId: number): Promise<RouteEvent[]> {
    return this.dataSource.manager.find(RouteEvent, {
      where: { routeId, municipalityId: tenant.municipalityId },
      order: { step: 'ASC', round: 'ASC' },
    });
  }

  /**
   * Records the event that ends the route's current visit, pending, with the outbox row of the job
   * that applies it, inside the caller's transaction. Refuses (409) what the route does not allow
   * now, and a second event for the same visit.
   */
  async record(
    tx: EntityManager,
    tenant: Tenant,
    loaded: LoadedRoute,
    transition: MachineTransition,
    details: EventDetails,
    recordedBy: number | null,
  ): Promise<RouteEvent> {
    const refused = refusal(machineStateOf(loaded), transition);
    if (refused) {
      throw new ConflictProblem(refused.code, refused.detail, {
        currentStep: loaded.route.currentStep,
        currentRound: loaded.route.currentRound,
      });
    }
    const now = this.clock.now();
    const row = {
      municipalityId: tenant.municipalityId,
      routeId: loaded.route.id,
      caseId: loaded.route.caseId,
      step: transition.step,
      round: transition.round,
      kind: transition.kind,
      status: 'pending',
      text: transition.text ?? null,
      reason: details.reason ?? null,
      meetingId: details.meetingId ?? null,
      meetingDate: details.meetingDate ?? null,
      paragraph: details.paragraph ?? null,
      motionAnswer: details.motionAnswer ?? null,
      followUpClause: details.followUpClause ?? null,
      source: details.source ?? null,
      recordedAt: now,
      recordedBy,
      appliedAt: null,
      rejectedReason: null,
    } satisfies Omit<RouteEvent, 'id'>;
    let id: number;
    try {
      const result = await tx.insert(RouteEvent, row as QueryDeepPartialEntity<RouteEvent>);
      id = Number(result.identifiers[0].id);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      throw new ConflictProblem(
        'outcome-already-recorded',
        `An outcome for step ${transition.step + 1} (round ${transition.round}) is already recorded; it is being applied.`,
      );
    }
    await this.outbox.enqueue(
      tx,
      'workflow.apply-event',
      { municipalityId: tenant.municipalityId, eventId: id },
      { municipalityId: tenant.municipalityId },
    );
    await this.audit.record(tx, {
      action: 'route.event-recorded',
      entityType: 'route',
      entityId: loaded.route.id,
      municipalityId: tenant.municipalityId,
      after: {
        caseId: loaded.route.caseId,
        eventId: id,
        kind: transition.kind,
        step: transition.step,
        round: transition.round,
        paragraph: row.paragraph,
        meetingDate: row.meetingDate,
      },
    });
    return Object.assign(new RouteEvent(), { ...row, id });
  }
}
