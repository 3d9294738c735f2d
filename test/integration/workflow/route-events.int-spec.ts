import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestContexts } from '@nf/common';
import { eventually, resetServices } from '../../support/services';
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

  it('finds an event only in the municipality its job names, alone or in a batch', async () => {
    const [fillerA, fillerB, target, neighbour] = await Promise.all(
      Array.from({ length: 4 }, () => pendingProposal()),
    );
    const before = await workflow.route(target.caseId);
    const elsewhere = { municipalityId: tenant.municipalityId + 1000, eventId: target.eventId };
    // Two calls run alone; the next two share a batch.
    const outcomes = await Promise.all([
      workflow.apply.handle(elsewhere),
      workflow.apply.handle(payload(fillerA.eventId)),
      workflow.apply.handle(payload(neighbour.eventId)),
      workflow.apply.handle(elsewhere),
    ]);
    const notFound = { status: 'skipped', reason: `no route event ${target.eventId}` };
    expect(outcomes[0]).toEqual(notFound);
    expect(outcomes[2]).toMatchObject({ status: 'done' });
    expect(outcomes[3]).toEqual(notFound);
    expect(await workflow.route(target.caseId)).toMatchObject({
      version: before.version,
      step: 0,
    });
    expect(await workflow.apply.handle(payload(target.eventId))).toMatchObject({ status: 'done' });
    expect(await workflow.apply.handle(payload(fillerB.eventId))).toMatchObject({ status: 'done' });
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

  /** Calls the handler for each event at once; the first two calls run alone, the rest together. */
  const applyAtOnce = (eventIds: number[]) =>
    Promise.allSettled(
      eventIds.map((eventId) =>
        RequestContexts.run(
          { requestId: `batch-test-${eventId}`, actor: { type: 'job', id: `e${eventId}` } },
          () => workflow.apply.handle(payload(eventId)),
        ),
      ),
    );

  it('applies a burst of jobs in shared transactions: each event once, each job confirmed, each audited as its own', async () => {
    const pending = await Promise.all(Array.from({ length: 20 }, () => pendingProposal()));
    const before = await Promise.all(pending.map(({ caseId }) => workflow.route(caseId)));
    // The jobs through BullMQ: the relay publishes the outbox rows, the worker runs them.
    while ((await worker.relay.publishBatch()) > 0);
    const eventIds = pending.map(({ eventId }) => eventId);
    const outboxRows = async () =>
      (await worker.dataSource.query(
        `SELECT id, status, JSON_VALUE(payload, '$.eventId') AS eventId FROM outbox_messages
          WHERE job_name = 'workflow.apply-event' AND JSON_VALUE(payload, '$.eventId') IN (?)`,
        [eventIds],
      )) as Array<{ id: string; status: string; eventId: string }>;
    await eventually(async () => (await outboxRows()).every((row) => row.status === 'confirmed'), {
      what: 'every job confirmed its outbox row',
    });

    for (const [index, { caseId }] of pending.entries()) {
      const route = await workflow.route(caseId);
      expect(route).toMatchObject({ step: 1, version: before[index].version + 1 });
      expect(await workflow.advancedCount(route.id)).toBe(2);
    }
    const applied = (await worker.dataSource.query(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT applied_at) AS commits FROM route_events
        WHERE id IN (?) AND status = 'applied'`,
      [eventIds],
    )) as Array<{ n: string; commits: string }>;
    expect(Number(applied[0].n)).toBe(20);
    // Events applied in one transaction share its time: fewer commits than events.
    expect(Number(applied[0].commits)).toBeLessThan(20);
    // Each entry names the job that applied its event, whichever batch it was in.
    const audited = (await worker.dataSource.query(
      `SELECT request_id AS requestId, actor_type AS actorType,
              JSON_VALUE(after_state, '$.eventId') AS eventId
         FROM audit_log WHERE action = 'route.advanced' AND JSON_VALUE(after_state, '$.eventId') IN (?)`,
      [eventIds],
    )) as Array<{ requestId: string; actorType: string; eventId: string }>;
    const jobOf = new Map((await outboxRows()).map((row) => [row.eventId, `outbox-${row.id}`]));
    expect(audited).toHaveLength(20);
    for (const entry of audited) {
      expect(entry).toMatchObject({ actorType: 'job', requestId: jobOf.get(entry.eventId) });
    }
  });

  it('marks the cases of a batch of decisions decided, each with its own audit entry', async () => {
    const caseIds: number[] = [];
    for (let index = 0; index < 6; index++) {
      const caseId = await workflow.caseOnRoute(tenant, 'ks-direkt');
      await workflow.apply.handle(
        payload(await recordSubmission(worker.app, tenant, caseId, 'KS beslutar att …')),
      );
      caseIds.push(caseId);
    }
    const eventIds: number[] = [];
    for (const caseId of caseIds) {
      const event = await workflow.recordOutcome.execute(null, tenant, caseId, {
        kind: 'decision',
        text: 'Kommunstyrelsen beslutar …',
      });
      eventIds.push(event.id);
    }
    const results = await applyAtOnce(eventIds);
    expect(results.every((result) => result.status === 'fulfilled')).toBe(true);
    const cases = (await worker.dataSource.query(
      'SELECT id, status FROM cases WHERE id IN (?) ORDER BY id',
      [caseIds],
    )) as Array<{ id: string; status: string }>;
    expect(cases.map((row) => row.status)).toEqual(caseIds.map(() => 'decided'));
    const audited = (await worker.dataSource.query(
      `SELECT entity_id AS caseId, request_id AS requestId FROM audit_log
        WHERE action = 'case.decided' AND entity_id IN (?) ORDER BY entity_id`,
      [caseIds.map(String)],
    )) as Array<{ caseId: string; requestId: string }>;
    expect(audited).toEqual(
      caseIds.map((caseId, index) => ({
        caseId: String(caseId),
        requestId: `batch-test-${eventIds[index]}`,
      })),
    );
  });

  it('applies the other events of a batch when one fails, and fails only that one', async () => {
    const pending = await Promise.all(Array.from({ length: 6 }, () => pendingProposal()));
    const poisoned = pending[3];
    const poisonedRoute = await workflow.route(poisoned.caseId);
    await worker.dataSource.query(
      `CREATE TRIGGER test_poison_route BEFORE UPDATE ON route_instances FOR EACH ROW
         BEGIN IF NEW.id = ${poisonedRoute.id} THEN
           SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'route refused by the test';
         END IF; END`,
    );
    try {
      const results = await applyAtOnce(pending.map(({ eventId }) => eventId));
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(results[3]).toMatchObject({
        reason: { message: expect.stringContaining('route refused by the test') },
      });
    } finally {
      await worker.dataSource.query('DROP TRIGGER IF EXISTS test_poison_route');
    }
    for (const { caseId, eventId } of pending) {
      const [{ status }] = await worker.dataSource.query(
        'SELECT status FROM route_events WHERE id = ?',
        [eventId],
      );
      const route = await workflow.route(caseId);
      if (caseId === poisoned.caseId) {
        expect({ status, version: route.version, step: route.step }).toEqual({
          status: 'pending',
          version: poisonedRoute.version,
          step: 0,
        });
      } else {
        expect({ status, step: route.step }).toEqual({ status: 'applied', step: 1 });
      }
    }
    // Its job's next attempt applies it.
    expect(await workflow.apply.handle(payload(poisoned.eventId))).toMatchObject({
      status: 'done',
    });
    expect(await workflow.route(poisoned.caseId)).toMatchObject({ step: 1 });
  });

  it('moves a route once per batch: its next event waits and reads the route the first left', async () => {
    const fillers = await Promise.all([pendingProposal(), pendingProposal()]);
    const { caseId, eventId } = await pendingProposal();
    const route = await workflow.route(caseId);
    // The KS visit's bordläggning, recorded as if the proposal had been applied already.
    const inserted = (await worker.dataSource.query(
      `INSERT INTO route_events (municipality_id, route_id, case_id, step, round, kind, status, recorded_at)
       VALUES (?, ?, ?, 1, 0, 'bordlaggning', 'pending', NOW(3))`,
      [tenant.municipalityId, route.id, caseId],
    )) as { insertId: number };
    const results = await applyAtOnce([
      ...fillers.map((filler) => filler.eventId),
      eventId,
      Number(inserted.insertId),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    expect(results[3]).toMatchObject({ value: { status: 'done' } });
    expect(await workflow.route(caseId)).toMatchObject({
      step: 1,
      round: 1,
      version: route.version + 2,
      states: ['done', 'ready', 'planned'],
    });
    expect(await workflow.advancedCount(route.id)).toBe(3);
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
