import { Principal, Role } from '@nf/access';
import { CreateUser } from '@nf/identity';
import { AddAgendaItem, CreateMeeting, MeetingQueries, PublishKallelse } from '@nf/meetings';
import { CreateProtocol, LockProtocol, SignProtocol } from '@nf/protocols';
import { QueueRegistry } from '@nf/queue';
import { AddMembership, CreatePerson } from '@nf/tenancy';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiHarness, startApi } from '../support/api-harness';
import { AppProcess, startProcess } from '../support/processes';
import { eventually, redisClient, resetServices } from '../support/services';
import { jestWorkerId, testConfig } from '../support/test-config';
import {
  createRouteTenant,
  recordSubmission,
  RouteTenant,
  workflowOf,
} from '../support/workflow-harness';

/** Short lock and stall periods, so that a killed worker's job runs again within seconds. */
const FAST_RECOVERY = {
  WORKER_LOCK_DURATION_MS: '2000',
  WORKER_STALLED_INTERVAL_MS: '1000',
  OUTBOX_SWEEP_INTERVAL_MS: '1000',
  OUTBOX_SWEEP_AFTER_MS: '3000',
};

/**
 * Holds every UPDATE (or INSERT) of `table` that matches `condition` in a BEFORE trigger, waiting on a named
 * lock the test holds, so that a process can be stopped at that exact point of its work.
 */
async function hold(
  dataSource: DataSource,
  table: string,
  condition: string,
  event: 'UPDATE' | 'INSERT' = 'UPDATE',
) {
  const name = `test_hold_${table}`;
  const lock = `nf-test-hold-${jestWorkerId()}`;
  const holder = dataSource.createQueryRunner();
  await holder.connect();
  await holder.query('SELECT GET_LOCK(?, 10)', [lock]);
  await dataSource.query(
    `CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW
       BEGIN IF ${condition} THEN DO GET_LOCK('${lock}', 120), RELEASE_LOCK('${lock}'); END IF; END`,
  );
  // Inside a trigger, the process list shows the trigger's statement, not the UPDATE.
  const waiting = async () =>
    (await dataSource.query(
      `SELECT ID AS id FROM information_schema.PROCESSLIST
        WHERE DB = DATABASE() AND INFO LIKE 'DO GET_LOCK%' AND ID <> CONNECTION_ID()`,
    )) as Array<{ id: number | string }>;
  let released = false;
  return {
    /**
     * Waits until a statement is held. The way there runs through the worker's outbox sweep and
     * its jobs, which a loaded CI machine has taken more than 15 s for: a minute is the bound.
     */
    async reached() {
      await eventually(async () => (await waiting()).length > 0, {
        what: `an ${event} of ${table} held in the trigger`,
        timeoutMs: 60_000,
      });
    },
    /** Lets the held statements (and any later ones) go on. */
    async proceed() {
      await holder.query('SELECT RELEASE_LOCK(?)', [lock]);
    },
    /** Kills what is still held (its transaction rolls back) and removes the trigger. */
    async release() {
      if (released) return;
      released = true;
      for (const { id } of await waiting()) {
        await dataSource.query(`KILL ${Number(id)}`).catch(() => undefined);
      }
      await dataSource.query(`DROP TRIGGER IF EXISTS ${name}`);
      await holder.query('SELECT RELEASE_LOCK(?)', [lock]).catch(() => undefined);
      await holder.release();
    },
  };
}

describe('Workflow under crashes: real processes killed with SIGKILL', () => {
  const config = testConfig();
  let api: ApiHarness;
  let tenant: RouteTenant;
  let workflow: ReturnType<typeof workflowOf>;
  const processes: AppProcess[] = [];
  const worker = async () => {
    const started = await startProcess('worker', FAST_RECOVERY);
    processes.push(started);
    return started;
  };

  beforeAll(async () => {
    await resetServices(config);
    // In process: the use cases, no job processors and no relay.
    api = await startApi(config);
    tenant = await createRouteTenant(api.app, 'krasch');
    workflow = workflowOf(api.app);
  });

  afterEach(async () => {
    await Promise.all(processes.splice(0).map((running) => running.kill9()));
  });

  afterAll(async () => {
    await api?.close();
  });

  const outboxStatus = async (eventId: number) =>
    (
      await api.dataSource.query(
        `SELECT status FROM outbox_messages
          WHERE job_name = 'workflow.apply-event' AND JSON_VALUE(payload, '$.eventId') = ?`,
        [eventId],
      )
    )[0]?.status as string | undefined;

  const jobState = async (eventId: number) => {
    const [{ id }] = await api.dataSource.query(
      `SELECT id FROM outbox_messages
        WHERE job_name = 'workflow.apply-event' AND JSON_VALUE(payload, '$.eventId') = ?`,
      [eventId],
    );
    const job = await api.app.get(QueueRegistry).get('workflow')!.getJob(`outbox-${id}`);
    return job ? await job.getState() : 'missing';
  };

  const eventStatus = async (eventId: number) =>
    (await api.dataSource.query('SELECT status FROM route_events WHERE id = ?', [eventId]))[0]
      .status as string;

  /** A ks-arende case ready for KSAPU, its submission applied by the running worker. */
  async function readyCase(): Promise<number> {
    const caseId = await workflow.caseOnRoute(tenant, 'ks-arende');
    const submitted = await recordSubmission(api.app, tenant, caseId, 'KS beslutar att …');
    await eventually(async () => (await outboxStatus(submitted)) === 'confirmed', {
      what: 'the submission applied and confirmed',
    });
    return caseId;
  }

  async function proposeAt(caseId: number): Promise<number> {
    return (
      await workflow.recordOutcome.execute(null, tenant, caseId, {
        kind: 'proposal',
        text: 'KSAPU föreslår, att kommunstyrelsen beslutar …',
        paragraph: 101,
      })
    ).id;
  }

  async function expectMovedOnce(caseId: number, eventId: number) {
    await eventually(async () => (await outboxStatus(eventId)) === 'confirmed', {
      what: 'the event confirmed after recovery',
      timeoutMs: 30_000,
    });
    const route = await workflow.route(caseId);
    expect(route).toMatchObject({ step: 1, round: 0, states: ['done', 'ready'] });
    // Started at version 1; the submission and the proposal moved it once each.
    expect(route.version).toBe(3);
    expect(await workflow.advancedCount(route.id)).toBe(2);
    expect(await eventStatus(eventId)).toBe('applied');
  }

  it('kill -9 after the job committed but before it completed: the rerun finds it done', async () => {
    await worker();
    const caseId = await readyCase();
    // The job confirms its outbox row inside its transaction: held there, then let go while
    // Redis refuses writes, it commits and cannot report the job completed.
    const held = await hold(
      api.dataSource,
      'outbox_messages',
      `NEW.status = 'confirmed' AND NEW.job_name = 'workflow.apply-event'`,
    );
    const redis = redisClient(config);
    try {
      const eventId = await proposeAt(caseId);
      await held.reached();
      await redis.call('CLIENT', 'PAUSE', '20000', 'WRITE');
      await held.proceed();
      await eventually(async () => (await eventStatus(eventId)) === 'applied', {
        what: 'the transition committed',
      });
      await processes[0].kill9();
      await redis.call('CLIENT', 'UNPAUSE');
      expect(await jobState(eventId)).toBe('active');

      await worker();
      await eventually(async () => (await jobState(eventId)) === 'completed', {
        what: 'the job run again and completed',
        timeoutMs: 30_000,
      });
      await expectMovedOnce(caseId, eventId);
    } finally {
      await redis.call('CLIENT', 'UNPAUSE').catch(() => undefined);
      redis.disconnect();
      await held.release();
    }
  });

  it('kill -9 inside the job’s transaction, before its commit: the rerun applies it once', async () => {
    await worker();
    const caseId = await readyCase();
    const held = await hold(api.dataSource, 'route_events', `NEW.status = 'applied'`);
    try {
      const eventId = await proposeAt(caseId);
      await held.reached();
      await processes[0].kill9();
      await held.release();
      expect(await jobState(eventId)).toBe('active');
      // Rolled back: the route has not moved.
      expect(await eventStatus(eventId)).toBe('pending');
      expect((await workflow.route(caseId)).step).toBe(0);

      await worker();
      await expectMovedOnce(caseId, eventId);
    } finally {
      await held.release();
    }
  });

  it('kill -9 while batches of events are in their transactions and more wait: each moves once', async () => {
    await worker();
    const caseIds: number[] = [];
    for (let index = 0; index < 8; index++) caseIds.push(await readyCase());
    const held = await hold(api.dataSource, 'route_events', `NEW.status = 'applied'`);
    try {
      const eventIds: number[] = [];
      for (const caseId of caseIds) eventIds.push(await proposeAt(caseId));
      await held.reached();
      // Every job taken by the worker: two batches held in their transactions, the rest waiting.
      await eventually(
        async () =>
          (await Promise.all(eventIds.map(jobState))).every((state) => state === 'active'),
        { what: 'all eight jobs active in the worker' },
      );
      await processes[0].kill9();
      await held.release();
      for (const [index, eventId] of eventIds.entries()) {
        expect(await eventStatus(eventId)).toBe('pending');
        expect((await workflow.route(caseIds[index])).step).toBe(0);
      }

      await worker();
      for (const [index, eventId] of eventIds.entries()) {
        await expectMovedOnce(caseIds[index], eventId);
      }
    } finally {
      await held.release();
    }
  });

  it('kill -9 the api right after it committed an outcome: the worker’s relay still moves the case once', async () => {
    const port = String(3300 + jestWorkerId());
    const httpApi = await startProcess('api', { APP_PORT: port, APP_DEMO: 'true' });
    processes.push(httpApi);
    const http = request(`http://127.0.0.1:${port}`);
    const token = async (username: string) =>
      (
        await http
          .post('/api/v1/auth/login')
          .send({ municipality: 'kalix', username, password: 'demo' })
          .expect(200)
      ).body.accessToken as string;
    const registrator = await token('registrator');
    const secretary = await token('sekreterare');
    const registered = await http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${registrator}`)
      .send({ title: 'Ärende som återkallas' })
      .expect(201);
    const caseId = registered.body.id as number;
    await http
      .post(`/api/v1/cases/${caseId}/route`)
      .set('Authorization', `Bearer ${registrator}`)
      .send({ template: 'ks-direkt' })
      .expect(201);
    const accepted = await http
      .post(`/api/v1/cases/${caseId}/outcomes`)
      .set('Authorization', `Bearer ${secretary}`)
      .send({ kind: 'withdrawn', reason: 'Ärendet har återkallats' })
      .expect(202);
    await httpApi.kill9();
    const eventId = accepted.body.id as number;
    expect(await outboxStatus(eventId)).toBe('pending');

    await worker();
    await eventually(async () => (await outboxStatus(eventId)) === 'confirmed', {
      what: 'the outcome applied by the worker',
    });
    const route = await workflow.route(caseId);
    expect(route).toMatchObject({ status: 'withdrawn', version: 2, states: ['withdrawn'] });
    expect(await workflow.advancedCount(route.id)).toBe(1);
  });

  it('kill -9 the worker during the jobs after justering: every case moves exactly once', async () => {
    const createProtocol = api.app.get(CreateProtocol);
    const lockProtocol = api.app.get(LockProtocol);
    const signProtocol = api.app.get(SignProtocol);
    const createMeeting = api.app.get(CreateMeeting);
    const addItem = api.app.get(AddAgendaItem);
    const publishKallelse = api.app.get(PublishKallelse);
    const users = api.app.get(CreateUser);
    // A signer is a person with a seat on KSAPU on the meeting's day.
    const person = async (username: string, role: 'ordforande' | 'ledamot') => {
      const seated = await api.app.get(CreatePerson).execute(tenant, { name: username });
      await api.app.get(AddMembership).execute(tenant, null, {
        organId: tenant.organs.KSAPU,
        personId: seated.id,
        role,
        validFrom: '2023-01-01',
        validTo: '2026-12-31',
      });
      return (
        await users.execute(tenant, {
          username,
          displayName: username,
          personId: seated.id,
          password: 'ett långt lösenord 42',
          roles: [],
        })
      ).id;
    };
    const chair = await person('ordf.krasch', 'ordforande');
    const adjuster = await person('just.krasch', 'ledamot');
    const secretary = new Principal(0, tenant.municipalityId, 'sekr', 'person', [
      { role: Role.Sekreterare, organId: tenant.organs.KSAPU },
    ]);
    await worker();
    const caseIds = [await readyCase(), await readyCase(), await readyCase()];
    const meeting = await createMeeting.execute(secretary, {
      organId: tenant.organs.KSAPU,
      startsAt: '2024-03-04T13:00',
      place: 'Sammanträdesrum',
    });
    for (const caseId of caseIds) {
      const { meeting: current } = await api.app.get(MeetingQueries).agenda(secretary, meeting.id);
      await addItem.execute(secretary, meeting.id, { kind: 'case', caseId }, current.version);
    }
    const { meeting: ready } = await api.app.get(MeetingQueries).agenda(secretary, meeting.id);
    await publishKallelse.execute(secretary, meeting.id, ready.version);
    const protocol = await createProtocol.execute(secretary, meeting.id, {
      chairUserId: chair,
      adjusterUserIds: [adjuster],
    });
    const locked = await lockProtocol.execute(secretary, protocol.id, protocol.version);
    await signProtocol.execute(
      new Principal(chair, tenant.municipalityId, 'ordf', 'person', []),
      protocol.id,
      { contentHash: locked.contentHash! },
    );

    // The first paragraph's job is held while it records its route event; then the worker dies.
    const held = await hold(
      api.dataSource,
      'route_events',
      `NEW.source LIKE 'protocol:%'`,
      'INSERT',
    );
    try {
      await signProtocol.execute(
        new Principal(adjuster, tenant.municipalityId, 'just', 'person', []),
        protocol.id,
        { contentHash: locked.contentHash! },
      );
      await held.reached();
      await processes[0].kill9();
      await held.release();

      await worker();
      // The new worker boots, reclaims the stalled job and runs the jobs queued after justering
      // (the protocol's and extracts' renders among them): on CI's loaded two cores this has
      // taken over 30 s, so it gets a minute, as the wait for the held insert above.
      await eventually(
        async () => {
          const states = await Promise.all(caseIds.map((caseId) => workflow.route(caseId)));
          return states.every((state) => state.step === 1);
        },
        { what: 'every case moved to KS', timeoutMs: 60_000 },
      );
      for (const caseId of caseIds) {
        const route = await workflow.route(caseId);
        expect(route).toMatchObject({ step: 1, version: 3, states: ['done', 'ready'] });
        expect(await workflow.advancedCount(route.id)).toBe(2);
      }
      // And every extract exists exactly once, with its file.
      const extracts = async () =>
        (await api.dataSource.query(
          `SELECT d.case_id AS caseId, COUNT(DISTINCT d.id) AS documents, COUNT(f.id) AS files
             FROM documents d LEFT JOIN document_files f ON f.document_id = d.id
            WHERE d.type = 'protokollsutdrag' AND d.case_id IN (?) GROUP BY d.case_id`,
          [caseIds],
        )) as Array<{ caseId: number; documents: number | string; files: number | string }>;
      await eventually(
        async () =>
          (await extracts()).every((row) => Number(row.files) === 1) &&
          (await extracts()).length === 3,
        {
          what: 'three extracts',
          timeoutMs: 30_000,
        },
      );
      expect((await extracts()).map((row) => [Number(row.documents), Number(row.files)])).toEqual([
        [1, 1],
        [1, 1],
        [1, 1],
      ]);
    } finally {
      await held.release();
    }
  }, 180_000);
});
