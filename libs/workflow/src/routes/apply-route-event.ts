import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, AuditRecord } from '@nf/audit';
import { Clock, localDate, RequestContexts } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import {
  BatchResult,
  confirmOutboxRows,
  JobBatcher,
  JobContext,
  JobHandler,
  JobOutcome,
  JobPayloads,
} from '@nf/queue';
import { MarkCasesDecided } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { EntityManager } from 'typeorm';
import {
  applyTransition,
  MachineState,
  MachineTransition,
  MotionAnswer,
  refusal,
} from './route-machine';
import { RouteInstance, RouteStep } from './route.entities';
import { loadedRouteOf, machineStateOf, ROUTE_COLUMNS, RouteRow, STEP_COLUMNS } from './routes';

/**
 * How the worker shares its transactions: up to two at once, each applying up to 50 events (the
 * events whose jobs arrived while the previous ones ran). See `JobBatcher`.
 */
const BATCHING = { maxBatch: 50, maxInFlight: 2 };

type Payload = JobPayloads['workflow.apply-event'];

/** A job's event, with whom its audit entries name (the job's request context). */
interface Submitted {
  payload: Payload;
  context?: JobContext;
  audit: Required<Pick<AuditRecord, 'actor' | 'requestId'>>;
}

interface PendingEvent extends MachineTransition {
  id: number;
  status: string;
  meetingDate: string | null;
  motionAnswer: MotionAnswer | null;
}

/** An event this batch applies: the route as read (locked) and the state it moves to. */
interface Move {
  item: Submitted;
  event: PendingEvent;
  route: RouteInstance;
  steps: RouteStep[];
  state: MachineState;
  next: MachineState;
}

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
 * `CASE <key> WHEN ? THEN ? … END` and its parameters: one column's value for each row of a
 * multi-row UPDATE.
 */
function perRow(key: string, values: Array<[number, unknown]>): { sql: string; params: unknown[] } {
  return {
    sql: `CASE ${key} ${values.map(() => 'WHEN ? THEN ?').join(' ')} END`,
    params: values.flat(),
  };
}

function eventOf(row: RouteRow): PendingEvent {
  return {
    id: Number(row.e_id),
    status: String(row.e_status),
    kind: row.e_kind as PendingEvent['kind'],
    step: Number(row.e_step),
    round: Number(row.e_round),
    text: (row.e_text as string | null) ?? null,
    meetingDate: (row.e_meeting_date as string | null) ?? null,
    motionAnswer: (row.e_motion_answer as MotionAnswer | null) ?? null,
  };
}

/**
 * Applies recorded route events. Idempotent: the event row says whether it was applied, and the
 * route moves by compare-and-set on its version, so a job that runs twice (or two copies at once)
 * moves the case once. Everything it changes commits with its audit entries and the jobs' outbox
 * confirmations, or not at all.
 *
 * The jobs that arrive while the worker is busy are applied together, in one transaction of a
 * fixed number of statements (the events, routes and steps read and locked in one, each kind of
 * write in one): under load, a transition costs a fraction of a commit. A route moves at most once
 * per batch; a second event for it waits for the next batch. If a batch fails, its events are
 * applied one by one, so that one event's failure fails its own job only.
 */
@Injectable()
export class ApplyRouteEvent {
  private readonly logger = new Logger(ApplyRouteEvent.name);
  private readonly batcher = new JobBatcher<Submitted, JobOutcome>(
    (items) => this.applyBatch(items),
    BATCHING,
  );

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly decisions: MarkCasesDecided,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  @JobHandler('workflow.apply-event')
  handle(payload: Payload, context?: JobContext): Promise<JobOutcome> {
    const request = RequestContexts.current();
    return this.batcher.submit({
      payload,
      context,
      audit: {
        actor: request?.actor ?? { type: 'system' },
        requestId: request?.requestId ?? null,
      },
    });
  }

  private async applyBatch(items: Submitted[]): Promise<Array<BatchResult<JobOutcome>>> {
    try {
      return await this.applyInOneTransaction(items);
    } catch (error) {
      if (items.length === 1) throw error;
      this.logger.warn(
        `A batch of ${items.length} route events failed (${error instanceof Error ? error.message : String(error)}); applying them one by one`,
      );
      const results: Array<BatchResult<JobOutcome>> = [];
      for (const item of items) {
        try {
          results.push(...(await this.applyInOneTransaction([item])));
        } catch (reason) {
          results.push({ status: 'rejected', reason });
        }
      }
      return results;
    }
  }

  /** One transaction; TransactionRunner retries it on deadlock (two batches locking in turn). */
  private applyInOneTransaction(items: Submitted[]): Promise<Array<BatchResult<JobOutcome>>> {
    return this.transactions.run((tx) => this.applyAll(tx, items));
  }

  private async applyAll(
    tx: EntityManager,
    items: Submitted[],
  ): Promise<Array<BatchResult<JobOutcome>>> {
    const now = this.clock.now();
    const results: Array<BatchResult<JobOutcome>> = items.map(() => ({ status: 'deferred' }));
    const done = (index: number, value: JobOutcome) => {
      results[index] = { status: 'fulfilled', value };
    };
    // The first job of each event; another copy of it waits for the next batch.
    const seen = new Set<number>();
    const taken: Array<{ item: Submitted; index: number }> = [];
    items.forEach((item, index) => {
      if (seen.has(item.payload.eventId)) return;
      seen.add(item.payload.eventId);
      taken.push({ item, index });
    });
    const rowsByEvent = await this.readLocked(
      tx,
      taken.map(({ item }) => item.payload),
    );
    const moves: Move[] = [];
    const movedRoutes = new Set<number>();
    for (const { item, index } of taken) {
      const { eventId } = item.payload;
      const rows = rowsByEvent.get(eventId) ?? [];
      if (rows.length === 0) {
        done(index, { status: 'skipped', reason: `no route event ${eventId}` });
        continue;
      }
      const event = eventOf(rows[0]);
      if (event.status !== 'pending') {
        done(index, { status: 'skipped', reason: `event ${eventId} already ${event.status}` });
        continue;
      }
      const { route, steps } = loadedRouteOf(rows);
      // One move per route in a batch: the next event for it reads the route this one leaves.
      if (movedRoutes.has(route.id)) continue;
      const state = machineStateOf({ route, steps });
      const refused = refusal(state, event);
      if (refused) {
        // Cannot happen while events are recorded through Routes.record; kept visible if it does.
        await tx.query(
          `UPDATE route_events SET status = 'rejected', rejected_reason = ?
            WHERE id = ? AND municipality_id = ? AND status = 'pending'`,
          [refused.detail.slice(0, 500), eventId, item.payload.municipalityId],
        );
        this.logger.warn(`Route event ${eventId} rejected: ${refused.detail}`);
        done(index, { status: 'skipped', reason: refused.detail });
        continue;
      }
      movedRoutes.add(route.id);
      moves.push({ item, event, route, steps, state, next: applyTransition(state, event) });
      done(index, {
        status: 'done',
        detail: `case ${route.caseId}: ${event.kind} at step ${event.step + 1}`,
      });
    }
    await this.move(tx, moves, now);
    await this.recordDecisions(tx, moves, now);
    await this.audit.recordMany(
      tx,
      moves.map(({ item, event, route, state, next }) => ({
        ...item.audit,
        action: 'route.advanced',
        entityType: 'route',
        entityId: route.id,
        municipalityId: route.municipalityId,
        before: visitOf(state),
        after: { ...visitOf(next), eventId: event.id, kind: event.kind },
      })),
    );
    // The moves and the outbox confirmations of the jobs answered here commit together.
    const outboxIds = items
      .filter((_, index) => results[index].status !== 'deferred')
      .map(({ context }) => context?.takeOutboxRow())
      .filter((id): id is number => id !== undefined);
    await confirmOutboxRows(tx, outboxIds, now);
    return results;
  }

  /**
   * The events with their routes and steps, locked, in one statement; rows by event id. Each event
   * is looked for in the municipality its job names (an event of another is not found).
   */
  private async readLocked(tx: EntityManager, events: Payload[]): Promise<Map<number, RouteRow[]>> {
    const rows = (await tx.query(
      `SELECT e.id AS e_id, e.status AS e_status,
              e.kind AS e_kind, e.step AS e_step, e.round AS e_round, e.text AS e_text,
              DATE_FORMAT(e.meeting_date, '%Y-%m-%d') AS e_meeting_date,
              e.motion_answer AS e_motion_answer, ${ROUTE_COLUMNS}, ${STEP_COLUMNS}
         FROM route_events e
         JOIN route_instances r ON r.id = e.route_id
         JOIN route_steps s ON s.route_id = r.id
        WHERE (e.id, e.municipality_id) IN (${events.map(() => '(?, ?)').join(', ')})
        ORDER BY e.id, s.ordinal
          FOR UPDATE`,
      events.flatMap(({ eventId, municipalityId }) => [eventId, municipalityId]),
    )) as RouteRow[];
    const byEvent = new Map<number, RouteRow[]>();
    for (const row of rows) {
      const id = Number(row.e_id);
      const eventRows = byEvent.get(id);
      if (eventRows) eventRows.push(row);
      else byEvent.set(id, [row]);
    }
    return byEvent;
  }

  /**
   * The routes moved by compare-and-set on their versions and the events marked applied, in one
   * statement; then the changed steps in one more.
   */
  private async move(tx: EntityManager, moves: Move[], now: Date): Promise<void> {
    if (moves.length === 0) return;
    const column = (value: (move: Move) => unknown) =>
      perRow(
        'r.id',
        moves.map((move) => [move.route.id, value(move)]),
      );
    const status = column(({ next }) => next.status);
    const step = column(({ next }) => next.currentStep);
    const round = column(({ next }) => next.currentRound);
    const finished = column(({ next }) => (next.status === 'active' ? null : now));
    const version = column(({ route }) => route.version);
    const cas = (await tx.query(
      `UPDATE route_instances r JOIN route_events e ON e.route_id = r.id
          SET r.status = ${status.sql}, r.current_step = ${step.sql},
              r.current_round = ${round.sql}, r.finished_at = ${finished.sql},
              r.updated_at = ?, r.version = r.version + 1, e.status = 'applied', e.applied_at = ?
        WHERE e.id IN (?) AND (e.id, e.municipality_id) IN (?) AND r.municipality_id = e.municipality_id
          AND e.status = 'pending' AND r.version = ${version.sql}`,
      [
        ...status.params,
        ...step.params,
        ...round.params,
        ...finished.params,
        now,
        now,
        moves.map(({ event }) => event.id),
        moves.map(({ event, route }) => [event.id, route.municipalityId]),
        ...version.params,
      ],
    )) as { affectedRows: number };
    // The rows are locked since the read, so this holds; if it does not, nothing commits.
    if (cas.affectedRows !== 2 * moves.length) {
      throw new Error(`compare-and-set moved ${cas.affectedRows / 2} of ${moves.length} routes`);
    }
    await this.updateSteps(tx, moves, now);
  }

  /** Writes the changed steps' states; a step that becomes ready again leaves any agenda it was on. */
  private async updateSteps(tx: EntityManager, moves: Move[], now: Date): Promise<void> {
    const rows = moves.flatMap(({ steps, state, next, event, route }) =>
      [...new Set([state.currentStep, next.currentStep])].map((ordinal) => {
        const step = steps[ordinal];
        const before = state.steps[ordinal];
        const after = next.steps[ordinal];
        const becameReady =
          after.state === 'ready' && (before.state !== 'ready' || event.kind === 'bordlaggning');
        const finished = after.state === 'done' || after.state === 'withdrawn';
        const leavesAgenda = becameReady || after.state === 'preparing';
        return {
          id: step.id,
          municipalityId: route.municipalityId,
          values: [
            after.state,
            after.proposalText,
            becameReady ? now : after.state === 'preparing' ? null : step.readySince,
            leavesAgenda ? null : step.onAgendaMeetingId,
            finished ? now : step.doneAt,
          ],
        };
      }),
    );
    const [state, proposal, readySince, onAgenda, doneAt] = [0, 1, 2, 3, 4].map((index) =>
      perRow(
        'id',
        rows.map((row) => [row.id, row.values[index]]),
      ),
    );
    await tx.query(
      `UPDATE route_steps
          SET state = ${state.sql}, proposal_text = ${proposal.sql}, ready_since = ${readySince.sql},
              on_agenda_meeting_id = ${onAgenda.sql}, done_at = ${doneAt.sql}
        WHERE id IN (?) AND (id, municipality_id) IN (?)`,
      [
        ...state.params,
        ...proposal.params,
        ...readySince.params,
        ...onAgenda.params,
        ...doneAt.params,
        rows.map((row) => row.id),
        rows.map((row) => [row.id, row.municipalityId]),
      ],
    );
  }

  /** A decision marks its case decided (per municipality, in one go) and answers a motion. */
  private async recordDecisions(tx: EntityManager, moves: Move[], now: Date): Promise<void> {
    const decided = moves.filter(({ event }) => event.kind === 'decision');
    for (const municipalityId of new Set(decided.map(({ route }) => route.municipalityId))) {
      await this.decisions.execute(
        tx,
        { municipalityId },
        decided
          .filter(({ route }) => route.municipalityId === municipalityId)
          .map(({ route, item }) => ({ caseId: route.caseId, audit: item.audit })),
        now,
      );
    }
    for (const { event, route } of decided) {
      if (!event.motionAnswer) continue;
      const municipality = await this.municipalities.getById(route.municipalityId);
      await tx.query(
        `UPDATE motions SET answer = ?, answered_on = ?, updated_at = ?, version = version + 1
          WHERE case_id = ? AND municipality_id = ?`,
        [
          event.motionAnswer,
          event.meetingDate ?? localDate(now, municipality.timeZone),
          now,
          route.caseId,
          route.municipalityId,
        ],
      );
    }
  }
}
