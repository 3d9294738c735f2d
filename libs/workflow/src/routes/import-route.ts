import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { MarkCasesDecided } from '@nf/registry';
import { EntityManager } from 'typeorm';
import { StartRoute } from './start-route.use-case';
import { applyTransition, MotionAnswer, refusal, TransitionKind } from './route-machine';
import { LoadedRoute, machineStateOf } from './routes';

/** One step of a case's history as an earlier system (or the paper protocols) record it. */
export interface HistoricalEvent {
  kind: TransitionKind;
  text?: string | null;
  meetingDate?: string | null;
  paragraph?: number | null;
  motionAnswer?: MotionAnswer | null;
}

/**
 * Brings a case over with the part of its route it has already travelled (as ImportCase brings its
 * historical dnr): the route starts on the newest template version and the history is replayed
 * through the route's rules, so an impossible history is refused. The events are stored as
 * applied, from the source `import`; no job runs, because nothing happens now.
 */
@Injectable()
export class ImportRoute {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly startRoute: StartRoute,
    private readonly decisions: MarkCasesDecided,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    caseId: number,
    template: string,
    history: HistoricalEvent[],
    manager?: EntityManager,
  ): Promise<LoadedRoute> {
    const work = async (tx: EntityManager): Promise<LoadedRoute> => {
      const loaded = await this.startRoute.execute(tenant, null, caseId, template, tx);
      const { route, steps } = loaded;
      const now = this.clock.now();
      let state = machineStateOf(loaded);
      for (const [index, event] of history.entries()) {
        const transition = {
          kind: event.kind,
          step: state.currentStep,
          round: state.currentRound,
          text: event.text ?? null,
        };
        const refused = refusal(state, transition);
        if (refused) {
          throw new ValidationProblem(
            [{ field: `history[${index}]`, message: refused.detail }],
            `The history of the case does not fit route ${template}.`,
          );
        }
        await tx.query(
          `INSERT INTO route_events (municipality_id, route_id, case_id, step, round, kind, status,
              text, meeting_date, paragraph, motion_answer, source, recorded_at, applied_at)
           VALUES (?, ?, ?, ?, ?, ?, 'applied', ?, ?, ?, ?, 'import', ?, ?)`,
          [
            tenant.municipalityId,
            route.id,
            caseId,
            transition.step,
            transition.round,
            transition.kind,
            transition.text,
            event.meetingDate ?? null,
            event.paragraph ?? null,
            event.motionAnswer ?? null,
            now,
            now,
          ],
        );
        state = applyTransition(state, transition);
      }
      await tx.query(
        `UPDATE route_instances
            SET status = ?, current_step = ?, current_round = ?, finished_at = ?, version = version + ?
          WHERE id = ? AND municipality_id = ?`,
        [
          state.status,
          state.currentStep,
          state.currentRound,
          state.status === 'active' ? null : now,
          history.length,
          route.id,
          route.municipalityId,
        ],
      );
      for (const [ordinal, step] of state.steps.entries()) {
        await tx.query(
          `UPDATE route_steps SET state = ?, proposal_text = ?, ready_since = ?, done_at = ?
            WHERE id = ? AND municipality_id = ?`,
          [
            step.state,
            step.proposalText,
            step.state === 'ready' ? now : null,
            step.state === 'done' || step.state === 'withdrawn' ? now : null,
            steps[ordinal].id,
            route.municipalityId,
          ],
        );
      }
      if (state.status === 'decided') await this.decisions.execute(tx, tenant, [{ caseId }], now);
      await this.audit.record(tx, {
        action: 'route.imported',
        entityType: 'route',
        entityId: route.id,
        municipalityId: tenant.municipalityId,
        after: {
          caseId,
          template,
          events: history.map((event) => event.kind),
          status: state.status,
          step: state.currentStep,
        },
      });
      return {
        route: Object.assign(route, {
          status: state.status,
          currentStep: state.currentStep,
          currentRound: state.currentRound,
          version: route.version + history.length,
        }),
        steps: steps.map((step, ordinal) =>
          Object.assign(step, {
            state: state.steps[ordinal].state,
            proposalText: state.steps[ordinal].proposalText,
          }),
        ),
      };
    };
    return manager ? work(manager) : this.transactions.run(work);
  }
}
