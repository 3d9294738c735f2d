import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, localDate, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { JobContext, JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { CaseDecisions } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { EntityManager } from 'typeorm';
import {
  applyTransition,
  MachineState,
  MachineTransition,
  MotionAnswer,
  refusal,
} from './route-machine';
import { RouteStep } from './route.entities';
import {
  loadedRouteOf,
  machineStateOf,
  ROUTE_COLUMNS,
  RouteRow,
  STEP_COLUMNS,
} from './routes';

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

interface PendingEvent extends MachineTransition {
  id: number;
  status: string;
  meetingDate: string | null;
  motionAnswer: MotionAnswer | null;
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
  async handle(
    payload: JobPayloads['workflow.apply-event'],
    context?: JobContext,
  ): Promise<JobOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactions.run(async (tx) => {
          const outcome = await this.applyOnce(tx, payload);
          // The move and the outbox confirmation commit together.
          await context?.confirmOutboxIn(tx);
          return outcome;
        });
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
    // The event, its route and the route's steps in one read.
    const rows = (await tx.query(
      `SELECT e.status AS e_status, e.kind AS e_kind, e.step AS e_step, e.round AS e_round,
              e.text AS e_text, DATE_FORMAT(e.meeting_date, '%Y-%m-%d') AS e_meeting_date,
              e.motion_answer AS e_motion_answer, ${ROUTE_COLUMNS}, ${STEP_COLUMNS}
         FROM route_events e
         JOIN route_instances r ON r.id = e.route_id
         JOIN route_steps s ON s.route_id = r.id
        WHERE e.id = ? AND e.municipality_id = ?
        ORDER BY s.ordinal`,
      [eventId, municipalityId],
    )) as RouteRow[];
    if (rows.length === 0) return { status: 'skipped', reason: `no route event ${eventId}` };
    const event: PendingEvent = {
      id: eventId,
      status: String(rows[0].e_status),
      kind: rows[0].e_kind as PendingEvent['kind'],
      step: Number(rows[0].e_step),
      round: Number(rows[0].e_round),
      text: (rows[0].e_text as string | null) ?? null,
      meetingDate: (rows[0].e_meeting_date as string | null) ?? null,
      motionAnswer: (rows[0].e_motion_answer as MotionAnswer | null) ?? null,
    };
    if (event.status !== 'pending') {
      return { status: 'skipped', reason: `event ${eventId} already ${event.status}` };
    }
    const { route, steps } = loadedRouteOf(rows);
    const state = machineStateOf({ route, steps });
    const now = this.clock.now();
    const refused = refusal(state, event);
    if (refused) {
      // Cannot happen while events are recorded through Routes.record; kept visible if it does.
      await tx.query(
        `UPDATE route_events SET status = 'rejected', rejected_reason = ? WHERE id = ? AND status = 'pending'`,
        [refused.detail.slice(0, 500), eventId],
      );
      this.logger.warn(`Route event ${eventId} rejected: ${refused.detail}`);
      return { status: 'skipped', reason: refused.detail };
    }
    const next = applyTransition(state, event);
    // Compare-and-set on the route's version, and the event marked applied, in one statement.
    const cas = (await tx.query(
      `UPDATE route_instances r JOIN route_events e ON e.id = ? AND e.route_id = r.id
          SET r.status = ?, r.current_step = ?, r.current_round = ?, r.finished_at = ?,
              r.updated_at = ?, r.version = r.version + 1, e.status = 'applied', e.applied_at = ?
        WHERE r.id = ? AND r.version = ? AND e.status = 'pending'`,
      [
        eventId,
        next.status,
        next.currentStep,
        next.currentRound,
        next.status === 'active' ? null : now,
        now,
        now,
        route.id,
        route.version,
      ],
    )) as { affectedRows: number };
    if (cas.affectedRows !== 2) throw new StaleRoute();
    await this.updateSteps(tx, steps, state, next, event, now);
    if (event.kind === 'decision') {
      await this.decisions.markDecided(tx, tenant, route.caseId, now);
      if (event.motionAnswer) {
        const municipality = await this.municipalities.getById(municipalityId);
        await tx.query(
          `UPDATE motions SET answer = ?, answered_on = ?, updated_at = ?, version = version + 1
            WHERE case_id = ? AND municipality_id = ?`,
          [
            event.motionAnswer,
            event.meetingDate ?? localDate(now, municipality.timeZone),
            now,
            route.caseId,
            municipalityId,
          ],
        );
      }
    }
    await this.audit.record(tx, {
      action: 'route.advanced',
      entityType: 'route',
      entityId: route.id,
      municipalityId,
      before: visitOf(state),
      after: { ...visitOf(next), eventId, kind: event.kind },
    });
    return {
      status: 'done',
      detail: `case ${route.caseId}: ${event.kind} at step ${event.step + 1}`,
    };
  }

  /** Writes the changed steps' states; a step that becomes ready again leaves any agenda it was on. */
  private async updateSteps(
    tx: EntityManager,
    steps: RouteStep[],
    state: MachineState,
    next: MachineState,
    event: PendingEvent,
    now: Date,
  ): Promise<void> {
    const rows = [...new Set([state.currentStep, next.currentStep])].map((ordinal) => {
      const step = steps[ordinal];
      const before = state.steps[ordinal];
      const after = next.steps[ordinal];
      const becameReady =
        after.state === 'ready' && (before.state !== 'ready' || event.kind === 'bordlaggning');
      const finished = after.state === 'done' || after.state === 'withdrawn';
      const leavesAgenda = becameReady || after.state === 'preparing';
      return [
        step.id,
        after.state,
        after.proposalText,
        becameReady ? now : after.state === 'preparing' ? null : step.readySince,
        leavesAgenda ? null : step.onAgendaMeetingId,
        finished ? now : step.doneAt,
      ];
    });
    // One statement for both steps: each column picked by the step's id.
    const column = () => `CASE id ${rows.map(() => 'WHEN ? THEN ?').join(' ')} END`;
    const parameters = (index: number) => rows.flatMap((row) => [row[0], row[index]]);
    await tx.query(
      `UPDATE route_steps
          SET state = ${column()}, proposal_text = ${column()}, ready_since = ${column()},
              on_agenda_meeting_id = ${column()}, done_at = ${column()}
        WHERE id IN (${rows.map(() => '?').join(', ')})`,
      [1, 2, 3, 4, 5].flatMap(parameters).concat(rows.map((row) => row[0])),
    );
  }
}
