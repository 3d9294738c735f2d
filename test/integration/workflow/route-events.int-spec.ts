import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetServices } from '../../support/services';
import { testConfig } from '../../support/test-config';
import { startWorker, WorkerHarness } from '../../support/worker-harness';
import {
  createRouteTenant,
  recordSubmission,
  RouteTenant,
  workflowOf,
} from '../../support/workflow-harness';

describe('Route events: applied once, by compare-and-set', () => {
  const config = testConfig();
  let worker: WorkerHarness;
  let tenant: RouteTenant;
  let workflow: ReturnType<typeof workflowOf>;

  beforeAll(async () => {
    await resetServices(config);
    worker = await startWorker(config);
    tenant = await createRouteTenant(worker.app, 'kalix');
    workflow = workflowOf(worker.app);
  });

  afterAll(async () => {
    await worker?.close();
  });

  const payload = (eventId: number) => ({ municipalityId: tenant.municipalityId, eventId });

  /** A kf-arende case ready for KSAPU, and the pending KSAPU proposal for it. */
  async function pendingProposal(): Promise<{ caseId: number; eventId: number }> {
    const caseId = await workflow.caseOnRoute(tenant, 'kf-arende');
    await workflow.apply.handle(
      payload(await recordSubmission(worker.app, tenant, caseId, 'Kommunstyrelsen beslutar att …')),
    );
    const event = await workflow.recordOutcome.execute(null, tenant, caseId, {
      kind: 'proposal',
      text: 'KSAPU föreslår, att kommunstyrelsen beslutar …',
      paragraph: 101,
    });
    return { caseId, eventId: event.id };
  }

  it('moves the case once when the same event is delivered twice', async () => {
    const { caseId, eventId } = await pendingProposal();
    const before = await workflow.route(caseId);
    expect(await workflow.apply.handle(payload(eventId))).toMatchObject({ status: 'done' });
    expect(await workflow.apply.handle(payload(eventId))).toEqual({
      status: 'skipped',
      reason: `event ${eventId} already applied`,
    });
    const after = await workflow.route(caseId);
    expect(after).toMatchObject({
      step: 1,
      round: 0,
      version: before.version + 1,
      states: ['done', 'ready', 'planned'],
    });
    expect(after.proposals[1]).toBe('KSAPU föreslår, att kommunstyrelsen beslutar …');
    expect(await workflow.advancedCount(after.id)).toBe(2);
  });

  it('moves the case once when five copies of the event run at the same time', async () => {
    const { caseId, eventId } = await pendingProposal();
    const before = await workflow.route(caseId);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => workflow.apply.handle(payload(eventId))),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'done')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'skipped')).toHaveLength(4);
    const after = await workflow.route(caseId);
    expect(after.version).toBe(before.version + 1);
    expect(await workflow.advancedCount(after.id)).toBe(2);
  });

  it('refuses a second outcome for the same visit while the first is pending, writing nothing', async () => {
    const { caseId } = await pendingProposal();
    const [{ n: eventsBefore }] = await worker.dataSource.query(
      'SELECT COUNT(*) AS n FROM route_events',
    );
    await expect(
      workflow.recordOutcome.execute(null, tenant, caseId, { kind: 'bordlaggning' }),
    ).rejects.toMatchObject({ status: 409, code: 'outcome-already-recorded' });
    const [{ n: eventsAfter }] = await worker.dataSource.query(
      'SELECT COUNT(*) AS n FROM route_events',
    );
    expect(eventsAfter).toBe(eventsBefore);
  });

  it('accepts only one of two outcomes recorded at once for the same visit', async () => {
    const caseId = await workflow.caseOnRoute(tenant, 'ks-direkt');
    await workflow.apply.handle(
      payload(await recordSubmission(worker.app, tenant, caseId, 'KS beslutar att …')),
    );
    const results = await Promise.allSettled([
      workflow.recordOutcome.execute(null, tenant, caseId, { kind: 'decision', text: 'Beslut A' }),
      workflow.recordOutcome.execute(null, tenant, caseId, { kind: 'bordlaggning' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { status: 409 },
    });
  });

  it('keeps a case on the template version it started on', async () => {
    const v1 = {
      version: 1,
      steps: [
        { organ: 'KSAPU', role: 'propose' },
        { organ: 'KS', role: 'decide', authoritative: true },
      ],
    };
    const v2 = { version: 2, steps: [{ organ: 'KS', role: 'decide', authoritative: true }] };
    const dir = (versions: object[]) => {
      const path = mkdtempSync(join(tmpdir(), 'nf-routes-'));
      writeFileSync(
        join(path, 'default.json'),
        JSON.stringify({ templates: { 'ks-arende': { title: 'KS-ärende', versions } } }),
      );
      return path;
    };
    const first = await startWorker(testConfig({ APP_ROUTES_DIR: dir([v1]) }));
    const old = await workflowOf(first.app).caseOnRoute(tenant, 'ks-arende', 'Startad på v1');
    await first.close();

    const second = await startWorker(testConfig({ APP_ROUTES_DIR: dir([v1, v2]) }));
    try {
      const newer = workflowOf(second.app);
      const fresh = await newer.caseOnRoute(tenant, 'ks-arende', 'Startad på v2');
      const versions = await second.dataSource.query(
        'SELECT case_id AS caseId, template_version AS version FROM route_instances WHERE case_id IN (?, ?) ORDER BY case_id',
        [old, fresh],
      );
      expect(versions.map((row: { version: number }) => Number(row.version))).toEqual([1, 2]);
      expect((await newer.route(old)).states).toEqual(['preparing', 'planned']);
      expect((await newer.route(fresh)).states).toEqual(['preparing']);
      // The old case still goes KSAPU → KS.
      await newer.apply.handle(payload(await recordSubmission(second.app, tenant, old, 'TS')));
      const event = await newer.recordOutcome.execute(null, tenant, old, {
        kind: 'proposal',
        text: 'KSAPU föreslår …',
      });
      await newer.apply.handle(payload(event.id));
      expect(await newer.route(old)).toMatchObject({ step: 1, states: ['done', 'ready'] });
    } finally {
      await second.close();
    }
  });

  it('refuses to start with a route file that is wrong, naming the problem', async () => {
    const path = mkdtempSync(join(tmpdir(), 'nf-routes-'));
    writeFileSync(
      join(path, 'default.json'),
      JSON.stringify({
        templates: {
          'ks-arende': {
            title: 'KS',
            versions: [{ version: 1, steps: [{ organ: 'KS', role: 'propose' }] }],
          },
        },
      }),
    );
    await expect(startWorker(testConfig({ APP_ROUTES_DIR: path }))).rejects.toThrow(
      'exactly one step must decide',
    );
  });
});
