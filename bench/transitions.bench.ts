import { Role } from '@nf/access';
import { CreateUser, IdentityModule } from '@nf/identity';
import { OutcomeKind, RecordOutcome, WorkflowModule } from '@nf/workflow';
import { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { startRoundRobinProxy } from '../test/support/round-robin-proxy';
import { createRouteTenant, RouteTenant } from '../test/support/workflow-harness';
import {
  benchApp,
  benchConfig,
  loginOverHttp,
  peakRssMb,
  peakRssMbOf,
  percentile,
  resetBenchServices,
  sleep,
  startApiProcess,
  startWorkerProcess,
} from './support';

const CASES = 10_000;
const CALLERS = 32;
/** The first api's port in the --processes mode (the next ones follow). */
const HTTP_PORT = 3291;
/**
 * The offered load of the steady phase (transitions per second), the target's 500/s by default:
 * recording and applying share this machine's two vCPUs with MariaDB (see bench/README.md).
 */
const STEADY_RATE = Number(process.env.BENCH_TRANSITIONS_RATE ?? 500);

/** The worker's settings in this benchmark (the defaults but for a shorter relay poll). */
const WORKER_ENV = {
  WORKER_CONCURRENCY: '32',
  DB_POOL_SIZE: '40',
  OUTBOX_BATCH_SIZE: '500',
  OUTBOX_POLL_MS: '20',
};

/** Seeds `count` cases on ks-arende, ready for KSAPU with a tjänsteskrivelse's proposal (bulk SQL). */
export async function seedReadyCases(
  dataSource: DataSource,
  tenant: RouteTenant,
  count = CASES,
): Promise<number[]> {
  const [{ id: seriesId }] = await dataSource.query(
    'SELECT id FROM dnr_series WHERE municipality_id = ?',
    [tenant.municipalityId],
  );
  const now = new Date();
  await dataSource.query(
    `INSERT INTO cases (municipality_id, series_id, year, serial, dnr, imported, title, status,
                        registered_at, created_at, updated_at, version)
     SELECT ?, ?, 2026, seq, CONCAT('2026-', LPAD(seq, 5, '0')), 1, CONCAT('Ärende ', seq), 'open',
            ?, ?, ?, 1
       FROM seq_1_to_${count}`,
    [tenant.municipalityId, seriesId, now, now, now],
  );
  await dataSource.query(
    `INSERT INTO route_instances (municipality_id, case_id, template_key, template_version, status,
                                  current_step, current_round, started_at, created_at, updated_at, version)
     SELECT municipality_id, id, 'ks-arende', 1, 'active', 0, 1, ?, ?, ?, 2
       FROM cases WHERE municipality_id = ?`,
    [now, now, now, tenant.municipalityId],
  );
  await dataSource.query(
    `INSERT INTO route_steps (municipality_id, route_id, ordinal, organ_id, role, authoritative,
                              state, proposal_text, ready_since)
     SELECT r.municipality_id, r.id, s.ordinal, IF(s.ordinal = 0, ?, ?),
            IF(s.ordinal = 0, 'propose', 'decide'), s.ordinal = 1,
            IF(s.ordinal = 0, 'ready', 'planned'),
            IF(s.ordinal = 0, 'Kommunstyrelsen beslutar att …', NULL), IF(s.ordinal = 0, ?, NULL)
       FROM route_instances r CROSS JOIN (SELECT 0 AS ordinal UNION ALL SELECT 1) s
      WHERE r.municipality_id = ?`,
    [tenant.organs.KSAPU, tenant.organs.KS, now, tenant.municipalityId],
  );
  const rows = (await dataSource.query(
    'SELECT case_id AS id FROM route_instances WHERE municipality_id = ? ORDER BY id',
    [tenant.municipalityId],
  )) as Array<{ id: number | string }>;
  return rows.map((row) => Number(row.id));
}

/**
 * transitions: outcomes applied through the full path (route event + outbox row committed by the
 * use case → relay → BullMQ job in the worker process → compare-and-set), on 10,000 cases.
 * 1. Drain (the printed rate): 10,000 proposals recorded while no worker runs, then the worker
 *    starts; rate from its start to the last one applied.
 * 2. Steady (the printed lag): 10,000 decisions offered at STEADY_RATE/s with the worker running;
 *    the rate achieved and the lag from each event's commit to its application.
 * Lost: cases not decided with exactly one move per event; duplicated: events moved twice.
 */
export async function transitionsBench(): Promise<string> {
  const config = benchConfig({ ...WORKER_ENV, DB_POOL_SIZE: String(CALLERS + 4) });
  await resetBenchServices(config);
  const app = await benchApp(config, [WorkflowModule]);
  const dataSource = app.get(DataSource);
  const record = app.get(RecordOutcome);
  const tenant = await createRouteTenant(app, 'bench');
  const caseIds = await seedReadyCases(dataSource, tenant);

  const outcome = (kind: OutcomeKind) => (caseId: number) =>
    record.execute(null, tenant, caseId, {
      kind,
      text:
        kind === 'proposal'
          ? 'Kommunstyrelsens arbets- och personalutskott föreslår, att kommunstyrelsen beslutar …'
          : 'Kommunstyrelsen beslutar …',
      paragraph: 101,
    });
  let worker: ChildProcess | undefined;
  const { recordRate, drainRate, steadyRate } = await runPhases(
    dataSource,
    tenant.municipalityId,
    caseIds,
    outcome,
    async () => {
      worker = await startWorkerProcess(WORKER_ENV);
    },
  );
  if (!worker) throw new Error('the worker did not start');
  const workerRss = peakRssMbOf(worker.pid!);
  worker.kill('SIGTERM');

  const { lags, lost, duplicated } = await tally(dataSource, tenant.municipalityId);
  await app.close();

  return (
    `transitions: ${Math.round(drainRate)}/s lag-p99=${Math.round(percentile(lags, 99))}ms ` +
    `lost=${lost} duplicated=${duplicated} ` +
    `(rate: a 10,000 backlog through outbox → relay → job → CAS; lag: commit → applied under a ` +
    `steady ${STEADY_RATE}/s recorded on the same machine, achieved ${Math.round(steadyRate)}/s, ` +
    `lag-p50=${Math.round(percentile(lags, 50))}ms; recording alone ${Math.round(recordRate)}/s; ` +
    `rss bench=${peakRssMb()}MB worker=${workerRss}MB)`
  );
}

/**
 * transitions --processes N: the same two phases, with the outcomes recorded over HTTP through a
 * round-robin proxy in front of N api processes, and applied by N worker processes, all on one
 * MariaDB and one Redis. Run with 1 and with 2 for the comparison in bench/README.md.
 */
export async function transitionsProcessesBench(processes: number): Promise<string> {
  const config = benchConfig({ ...WORKER_ENV, DB_POOL_SIZE: '8', AUTH_SCRYPT_N: '1024' });
  await resetBenchServices(config);
  const app = await benchApp(config, [WorkflowModule, IdentityModule]);
  const dataSource = app.get(DataSource);
  const tenant = await createRouteTenant(app, 'bench');
  const caseIds = await seedReadyCases(dataSource, tenant);
  await app.get(CreateUser).execute(tenant, {
    username: 'bench.sekreterare',
    displayName: 'Benchmark',
    password: 'benchmark-lösenord-123',
    roles: [
      { role: Role.Sekreterare, organId: tenant.organs.KSAPU },
      { role: Role.Sekreterare, organId: tenant.organs.KS },
    ],
  });
  const apiEnv = { DB_POOL_SIZE: String(Math.ceil(CALLERS / processes) + 4) };
  const apis = await Promise.all(
    Array.from({ length: processes }, (_, index) =>
      startApiProcess(config, HTTP_PORT + index, apiEnv),
    ),
  );
  const proxy = await startRoundRobinProxy(apis.map((_, index) => HTTP_PORT + index));
  const base = `http://127.0.0.1:${proxy.port}`;
  const workers: ChildProcess[] = [];
  try {
    const token = await loginOverHttp(base, 'bench', 'bench.sekreterare', 'benchmark-lösenord-123');
    const outcome = (kind: OutcomeKind) => async (caseId: number) => {
      const response = await fetch(`${base}/api/v1/cases/${caseId}/outcomes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          kind,
          text:
            kind === 'proposal'
              ? 'Kommunstyrelsens arbets- och personalutskott föreslår, att kommunstyrelsen beslutar …'
              : 'Kommunstyrelsen beslutar …',
          paragraph: 101,
        }),
      });
      if (response.status !== 202) throw new Error(`an outcome over HTTP gave ${response.status}`);
      await response.arrayBuffer();
    };
    const { recordRate, drainRate, steadyRate } = await runPhases(
      dataSource,
      tenant.municipalityId,
      caseIds,
      outcome,
      async () => {
        workers.push(
          ...(await Promise.all(
            Array.from({ length: processes }, () => startWorkerProcess(WORKER_ENV)),
          )),
        );
      },
    );
    const workerRss = workers.map((worker) => peakRssMbOf(worker.pid!));
    const apiRss = apis.map((api) => peakRssMbOf(api.pid));
    const { lags, lost, duplicated } = await tally(dataSource, tenant.municipalityId);
    return (
      `transitions: ${Math.round(drainRate)}/s lag-p99=${Math.round(percentile(lags, 99))}ms ` +
      `lost=${lost} duplicated=${duplicated} ` +
      `(processes: ${processes} api + ${processes} worker behind a round-robin proxy; outcomes ` +
      `over HTTP; steady ${STEADY_RATE}/s offered, achieved ${Math.round(steadyRate)}/s, ` +
      `lag-p50=${Math.round(percentile(lags, 50))}ms; recording alone ${Math.round(recordRate)}/s; ` +
      `rss api=${apiRss.join('+')}MB worker=${workerRss.join('+')}MB)`
    );
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    await proxy.close();
    await Promise.all(apis.map((api) => api.stop()));
    await app.close();
  }
}

/**
 * The two phases: 1. a backlog of proposals recorded by CALLERS callers while no worker runs
 * (`recordRate`), then `startWorkers`, and the rate from there to the last one applied
 * (`drainRate`); 2. decisions offered at STEADY_RATE with the workers running (`steadyRate`).
 */
async function runPhases(
  dataSource: DataSource,
  municipalityId: number,
  caseIds: number[],
  outcome: (kind: OutcomeKind) => (caseId: number) => Promise<unknown>,
  startWorkers: () => Promise<void>,
): Promise<{ recordRate: number; drainRate: number; steadyRate: number }> {
  const waitApplied = waiter(dataSource, municipalityId);
  const proposal = outcome('proposal');
  let next = 0;
  const recordStarted = Date.now();
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      for (let index = next++; index < CASES; index = next++) await proposal(caseIds[index]);
    }),
  );
  const recordRate = CASES / ((Date.now() - recordStarted) / 1000);
  await startWorkers();
  const drainStarted = Date.now();
  const drainRate = CASES / (((await waitApplied('proposal')) - drainStarted) / 1000);

  const decision = outcome('decision');
  const steadyStarted = Date.now();
  const inFlight: Array<Promise<unknown>> = [];
  for (let index = 0; index < CASES; index++) {
    const due = steadyStarted + (index * 1000) / STEADY_RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    inFlight.push(decision(caseIds[index]));
    if (inFlight.length >= CALLERS * 4) await Promise.all(inFlight.splice(0));
  }
  await Promise.all(inFlight);
  const steadyRate = CASES / (((await waitApplied('decision')) - steadyStarted) / 1000);
  return { recordRate, drainRate, steadyRate };
}

/**
 * Waits until every case has its `kind` applied; the time of the last application. Polls twice
 * a second: the count scans the run's events, and polling it faster took a good share of
 * MariaDB's CPU from the system under measurement. The end is read from `applied_at`, so the
 * poll interval does not add to the measured time.
 */
function waiter(dataSource: DataSource, municipalityId: number) {
  return async (kind: OutcomeKind): Promise<number> => {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const [{ n, last }] = (await dataSource.query(
        `SELECT COUNT(*) AS n, MAX(applied_at) AS last FROM route_events
          WHERE municipality_id = ? AND kind = ? AND status = 'applied'`,
        [municipalityId, kind],
      )) as Array<{ n: string | number; last: Date | null }>;
      if (Number(n) >= CASES || Date.now() > deadline) return last ? last.getTime() : Date.now();
      await sleep(500);
    }
  };
}

/**
 * The decisions' lags (commit → applied, ms); lost: cases not decided with exactly one move per
 * event; duplicated: events moved twice.
 */
async function tally(dataSource: DataSource, municipalityId: number) {
  const lags = (
    (await dataSource.query(
      `SELECT TIMESTAMPDIFF(MICROSECOND, recorded_at, applied_at) / 1000 AS ms
         FROM route_events WHERE municipality_id = ? AND kind = 'decision' AND status = 'applied'`,
      [municipalityId],
    )) as Array<{ ms: string | number }>
  ).map((row) => Number(row.ms));
  const [{ decided }] = await dataSource.query(
    `SELECT COUNT(*) AS decided FROM route_instances
      WHERE municipality_id = ? AND status = 'decided' AND version = 4`,
    [municipalityId],
  );
  const [{ duplicated }] = await dataSource.query(
    `SELECT COUNT(*) - COUNT(DISTINCT JSON_VALUE(a.after_state, '$.eventId')) AS duplicated FROM audit_log a
      WHERE a.municipality_id = ? AND a.action = 'route.advanced'`,
    [municipalityId],
  );
  return { lags, lost: CASES - Number(decided), duplicated: Number(duplicated) };
}
