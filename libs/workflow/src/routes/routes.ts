import { Injectable } from '@nestjs/common';
import { Clock, ConflictProblem, NotFoundProblem, Tenant } from '@nf/common';
import { isDuplicateKeyError } from '@nf/database';
import { AuditLog } from '@nf/audit';
import { Outbox } from '@nf/queue';
import { DataSource, EntityManager } from 'typeorm';
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

/** Columns of a route (prefixed r_) and of its steps (s_), for one-query loads. */
export const ROUTE_COLUMNS = `r.id AS r_id, r.municipality_id AS r_municipality_id, r.case_id AS r_case_id,
  r.template_key AS r_template_key, r.template_version AS r_template_version, r.status AS r_status,
  r.current_step AS r_current_step, r.current_round AS r_current_round, r.started_at AS r_started_at,
  r.started_by AS r_started_by, r.finished_at AS r_finished_at, r.created_at AS r_created_at,
  r.updated_at AS r_updated_at, r.version AS r_version`;
export const STEP_COLUMNS = `s.id AS s_id, s.ordinal AS s_ordinal, s.organ_id AS s_organ_id,
  s.role AS s_role, s.authoritative AS s_authoritative, s.state AS s_state,
  s.proposal_text AS s_proposal_text, s.ready_since AS s_ready_since,
  s.on_agenda_meeting_id AS s_on_agenda_meeting_id, s.done_at AS s_done_at`;

export type RouteRow = Record<string, unknown>;

const id = (value: unknown) => (value === null ? null : Number(value));
const date = (value: unknown) => (value === null ? null : new Date(value as string | Date));

/** A route and its steps from rows of `ROUTE_COLUMNS, STEP_COLUMNS`, ordered by step. */
export function loadedRouteOf(rows: RouteRow[]): LoadedRoute {
  const [first] = rows;
  const route = Object.assign(new RouteInstance(), {
    id: Number(first.r_id),
    municipalityId: Number(first.r_municipality_id),
    caseId: Number(first.r_case_id),
    templateKey: String(first.r_template_key),
    templateVersion: Number(first.r_template_version),
    status: first.r_status as RouteInstance['status'],
    currentStep: Number(first.r_current_step),
    currentRound: Number(first.r_current_round),
    startedAt: date(first.r_started_at)!,
    startedBy: id(first.r_started_by),
    finishedAt: date(first.r_finished_at),
    createdAt: date(first.r_created_at)!,
    updatedAt: date(first.r_updated_at)!,
    version: Number(first.r_version),
  });
  const steps = rows.map((row) =>
    Object.assign(new RouteStep(), {
      id: Number(row.s_id),
      municipalityId: route.municipalityId,
      routeId: route.id,
      ordinal: Number(row.s_ordinal),
      organId: Number(row.s_organ_id),
      role: row.s_role as RouteStep['role'],
      authoritative: Boolean(Number(row.s_authoritative)),
      state: row.s_state as RouteStep['state'],
      proposalText: (row.s_proposal_text as string | null) ?? null,
      readySince: date(row.s_ready_since),
      onAgendaMeetingId: id(row.s_on_agenda_meeting_id),
      doneAt: date(row.s_done_at),
    }),
  );
  return { route, steps };
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

  /** The case's route and its steps, in one query. */
  async forCase(
    tenant: Tenant,
    caseId: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LoadedRoute | null> {
    const rows = (await manager.query(
      `SELECT ${ROUTE_COLUMNS}, ${STEP_COLUMNS}
         FROM route_instances r JOIN route_steps s ON s.route_id = r.id
        WHERE r.case_id = ? AND r.municipality_id = ?
        ORDER BY s.ordinal`,
      [caseId, tenant.municipalityId],
    )) as RouteRow[];
    return rows.length === 0 ? null : loadedRouteOf(rows);
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
      const result = (await tx.query(
        `INSERT INTO route_events (municipality_id, route_id, case_id, step, round, kind, status, text,
            reason, meeting_id, meeting_date, paragraph, motion_answer, follow_up_clause, source,
            recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          row.municipalityId,
          row.routeId,
          row.caseId,
          row.step,
          row.round,
          row.kind,
          row.text,
          row.reason,
          row.meetingId,
          row.meetingDate,
          row.paragraph,
          row.motionAnswer,
          row.followUpClause,
          row.source,
          row.recordedAt,
          row.recordedBy,
        ],
      )) as { insertId: number | string };
      id = Number(result.insertId);
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
