import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant, ValidationProblem, ConflictProblem } from '@nf/common';
import { TransactionRunner, isDuplicateKeyError } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { Tjansteskrivelser } from '../tjansteskrivelser/tjansteskrivelser';
import { RouteCatalogue } from './route-catalogue';
import { initialState } from './route-machine';
import { RouteInstance, RouteStep } from './route.entities';
import { LoadedRoute } from './routes';

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
