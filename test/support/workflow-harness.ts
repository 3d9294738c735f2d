import { INestApplicationContext } from '@nestjs/common';
import { Tenant } from '@nf/common';
import { RegisterCase } from '@nf/registry';
import { CreateOrgan } from '@nf/tenancy';
import { TransactionRunner } from '@nf/database';
import { RecordOutcome, Routes, StartRoute } from '@nf/workflow';
import { ApplyRouteEvent } from '@nf/workflow-jobs';
import { DataSource } from 'typeorm';
import { createTenant } from './registry-harness';

export interface RouteTenant extends Tenant {
  organs: Record<'KF' | 'KS' | 'KSAPU', number>;
}

/** A municipality with the three organs the default routes name. */
export async function createRouteTenant(
  app: INestApplicationContext,
  slug: string,
): Promise<RouteTenant> {
  const tenant = await createTenant(app, slug);
  const create = app.get(CreateOrgan);
  const kf = await create.execute(tenant, {
    code: 'KF',
    name: 'Kommunfullmäktige',
    kind: 'fullmäktige',
  });
  const ks = await create.execute(tenant, {
    code: 'KS',
    name: 'Kommunstyrelsen',
    kind: 'styrelse',
  });
  const ksapu = await create.execute(tenant, {
    code: 'KSAPU',
    name: 'Kommunstyrelsens arbets- och personalutskott',
    kind: 'utskott',
    parentId: ks.id,
  });
  return { ...tenant, organs: { KF: kf.id, KS: ks.id, KSAPU: ksapu.id } };
}

/** The workflow's use cases and job handler, called in process (no HTTP, no queue). */
export function workflowOf(app: INestApplicationContext) {
  const dataSource = app.get(DataSource);
  return {
    registerCase: app.get(RegisterCase),
    startRoute: app.get(StartRoute),
    recordOutcome: app.get(RecordOutcome),
    /** The job handler: in a worker app only. */
    get apply() {
      return app.get(ApplyRouteEvent);
    },

    /** A case on the route, its first step made ready as a submitted tjänsteskrivelse would. */
    async caseOnRoute(tenant: Tenant, template: string, title = 'Ärende'): Promise<number> {
      const record = await app.get(RegisterCase).execute(tenant, null, { title });
      await app.get(StartRoute).execute(tenant, null, record.id, template);
      return record.id;
    },

    async route(caseId: number) {
      const [row] = await dataSource.query(
        `SELECT id, status, current_step AS step, current_round AS round, version
           FROM route_instances WHERE case_id = ?`,
        [caseId],
      );
      const steps = await dataSource.query(
        'SELECT state, proposal_text AS proposalText FROM route_steps WHERE route_id = ? ORDER BY ordinal',
        [row.id],
      );
      return {
        id: Number(row.id),
        status: String(row.status),
        step: Number(row.step),
        round: Number(row.round),
        version: Number(row.version),
        states: steps.map((step: { state: string }) => step.state) as string[],
        proposals: steps.map((step: { proposalText: string | null }) => step.proposalText),
      };
    },

    async advancedCount(routeId: number): Promise<number> {
      const [row] = await dataSource.query(
        `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'route.advanced' AND entity_id = ?`,
        [String(routeId)],
      );
      return Number(row.n);
    },
  };
}

/** Records the submission of a tjänsteskrivelse for the route's current visit (as SubmitTjansteskrivelse does). */
export async function recordSubmission(
  app: INestApplicationContext,
  tenant: Tenant,
  caseId: number,
  text: string,
): Promise<number> {
  const routes = app.get(Routes);
  return app.get(TransactionRunner).run(async (tx) => {
    const loaded = await routes.getForCase(tenant, caseId, tx);
    const event = await routes.record(
      tx,
      tenant,
      loaded,
      { kind: 'submitted', step: loaded.route.currentStep, round: loaded.route.currentRound, text },
      {},
      null,
    );
    return event.id;
  });
}
