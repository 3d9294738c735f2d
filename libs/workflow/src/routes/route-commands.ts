import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  ForbiddenProblem,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Motion } from '../motions/motion.entity';
import { Tjansteskrivelser } from '../tjansteskrivelser/tjansteskrivelser';
import { RouteCatalogue } from './route-catalogue';
import { initialState, OutcomeKind } from './route-machine';
import { RouteEvent, RouteInstance, RouteStep } from './route.entities';
import { EventDetails, LoadedRoute, Routes } from './routes';

/**
 * Puts a case on a route: the newest version of the template, its steps copied onto the case so
 * that later versions of the template do not change a case in flight.
 */
@Injectable()
export class StartRoute {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly catalogue: RouteCatalogue,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly cases: CaseQueries,
    private readonly tjansteskrivelser: Tjansteskrivelser,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    tenant: Tenant,
    actorId: number | null,
    caseId: number,
    templateKey: string,
    manager?: EntityManager,
  ): Promise<LoadedRoute> {
    const municipality = await this.municipalities.getById(tenant.municipalityId);
    const template = this.catalogue.newest(municipality.slug, templateKey);
    const organIds: number[] = [];
    for (const [index, step] of template.steps.entries()) {
      const organ = await this.organs.findByCode(tenant, step.organ);
      if (!organ) {
        throw new ValidationProblem(
          [{ field: 'template', message: `the municipality has no organ ${step.organ}` }],
          `Route ${template.key} step ${index + 1} names organ ${step.organ}, which this municipality does not have.`,
        );
      }
      organIds.push(organ.id);
    }
    const work = async (tx: EntityManager): Promise<LoadedRoute> => {
      const record = await this.cases.repository.getForUpdate(tx, tenant, caseId);
      if (record.status !== 'open') {
        throw new ConflictProblem('case-not-open', `Case ${record.dnr} is ${record.status}.`);
      }
      const submitted = await this.tjansteskrivelser.latestSubmitted(tenant, caseId, tx);
      const state = initialState(
        template.steps.map((step) => step.role),
        submitted ? await this.tjansteskrivelser.proposalOf(tenant, submitted) : null,
      );
      const now = this.clock.now();
      const route = Object.assign(new RouteInstance(), {
        municipalityId: tenant.municipalityId,
        caseId,
        templateKey: template.key,
        templateVersion: template.version,
        status: state.status,
        currentStep: 0,
        currentRound: 0,
        startedAt: now,
        startedBy: actorId,
        finishedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      try {
        const inserted = await tx.insert(
          RouteInstance,
          route as QueryDeepPartialEntity<RouteInstance>,
        );
        route.id = Number(inserted.identifiers[0].id);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        throw new ConflictProblem('route-exists', `Case ${record.dnr} is already on a route.`);
      }
      const steps = template.steps.map((step, ordinal) =>
        Object.assign(new RouteStep(), {
          municipalityId: tenant.municipalityId,
          routeId: route.id,
          ordinal,
          organId: organIds[ordinal],
          role: step.role,
          authoritative: step.authoritative,
          state: state.steps[ordinal].state,
          proposalText: state.steps[ordinal].proposalText,
          readySince: state.steps[ordinal].state === 'ready' ? now : null,
          onAgendaMeetingId: null,
          doneAt: null,
        }),
      );
      const result = await tx.insert(RouteStep, steps as QueryDeepPartialEntity<RouteStep>[]);
      result.identifiers.forEach((identifier, index) => {
        steps[index].id = Number(identifier.id);
      });
      await this.audit.record(tx, {
        action: 'route.started',
        entityType: 'route',
        entityId: route.id,
        municipalityId: tenant.municipalityId,
        after: {
          caseId,
          dnr: record.dnr,
          template: template.key,
          templateVersion: template.version,
          firstStep: state.steps[0].state,
        },
      });
      return { route, steps };
    };
    return manager ? work(manager) : this.transactions.run(work);
  }
}

export interface RecordOutcomeCommand extends EventDetails {
  kind: OutcomeKind;
  text?: string | null;
  /** The visit the outcome is for; defaults to the current one. */
  step?: number;
  round?: number;
  /** The route version the caller read (optimistic concurrency). */
  expectedVersion?: number;
}

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
      const answersMotion =
        steps[route.currentStep].authoritative &&
        (await tx.count(Motion, { where: { caseId, municipalityId: tenant.municipalityId } })) > 0;
      validateDetails(answersMotion, command);
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

/** `answersMotion`: the case is a motion and its deciding organ has it. */
function validateDetails(answersMotion: boolean, command: RecordOutcomeCommand): void {
  const errors: Array<{ field: string; message: string }> = [];
  const decidesMotion = answersMotion && command.kind === 'decision';
  if (decidesMotion && !command.motionAnswer) {
    errors.push({ field: 'motionAnswer', message: 'the answer to the motion is required' });
  }
  if (!decidesMotion && command.motionAnswer) {
    errors.push({
      field: 'motionAnswer',
      message: 'only the deciding organ answers a motion',
    });
  }
  if (command.kind === 'withdrawn' && !command.reason?.trim()) {
    errors.push({ field: 'reason', message: 'a withdrawal needs its reason' });
  }
  if (errors.length > 0) throw new ValidationProblem(errors);
}
