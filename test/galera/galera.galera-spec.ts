import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Principal, Role } from '@nf/access';
import { AppConfig } from '@nf/config';
import { MIGRATIONS, TransactionRunner, withMigrationLock } from '@nf/database';
import { CreateUser } from '@nf/identity';
import { AddAgendaItem, CreateMeeting, MeetingQueries, PublishKallelse } from '@nf/meetings';
import { CreateProtocol, LockProtocol } from '@nf/protocols';
import { RegisterCase } from '@nf/registry';
import { AddMembership, CreatePerson } from '@nf/tenancy';
import { WorkflowJobsModule } from '@nf/workflow-jobs';
import { OutboxWriter } from '@nf/queue';
import { DataSource } from 'typeorm';
import { CliModule } from '../../apps/cli/src/cli.module';
import { EFFECT_JOB, EFFECT_QUEUE } from '../support/effect-jobs';
import { GaleraCluster, GaleraNode, startGaleraCluster } from '../support/galera';
import { eventually } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';
import {
  createRouteTenant,
  recordSubmission,
  RouteTenant,
  workflowOf,
} from '../support/workflow-harness';

/**
 * The system on a real three-node MariaDB Galera cluster, written to on more than one node at once
 * (the hardest way to run it; the README recommends one writer at a time). A transaction that
 * loses certification to another node's gets a deadlock error and is run again by the
 * TransactionRunner; numbers handed out from counter rows stay gapless, events apply once, and the
 * migrations' lock holds across nodes.
 */
describe('MariaDB Galera: three nodes, several writers', () => {
  let cluster: GaleraCluster;
  const configs: AppConfig[] = [];
  const apps: INestApplicationContext[] = [];
  const raw: DataSource[] = [];

  const configFor = (node: GaleraNode) =>
    testConfig({ DB_PORT: String(node.port), DB_NAME: 'namndflode_galera', DB_POOL_SIZE: '20' });

  const boot = async (config: AppConfig) => {
    const moduleRef = await Test.createTestingModule({
      imports: [CliModule.forRoot(config), WorkflowJobsModule],
    }).compile();
    const app = await moduleRef.init();
    apps.push(app);
    return app;
  };

  /**
   * A read on one node that waits until the node has applied every write the cluster committed
   * before it (`wsrep_sync_wait`): without it, a node may answer before it has applied another
   * node's latest commit.
   */
  const synced = async (source: DataSource, sql: string, parameters: unknown[] = []) => {
    const runner = source.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SET SESSION wsrep_sync_wait = 1');
      return await runner.query(sql, parameters);
    } finally {
      await runner.query('SET SESSION wsrep_sync_wait = 0').catch(() => undefined);
      await runner.release();
    }
  };

  /** Conflicts a node lost to another node's transactions since it started. */
  const conflicts = async () => {
    let total = 0;
    for (const node of cluster.nodes) {
      total += Number(await cluster.status(node, 'wsrep_local_cert_failures'));
      total += Number(await cluster.status(node, 'wsrep_local_bf_aborts'));
    }
    return total;
  };

  beforeAll(async () => {
    cluster = await startGaleraCluster();
    for (const node of cluster.nodes) {
      configs.push(configFor(node));
      raw.push(
        await new DataSource({
          type: 'mysql',
          host: '127.0.0.1',
          port: node.port,
          username: 'root',
          password: '',
        }).initialize(),
      );
    }
    await raw[0].query(
      'CREATE DATABASE namndflode_galera CHARACTER SET utf8mb4 COLLATE utf8mb4_swedish_ci',
    );
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    for (const source of raw) await source.destroy().catch(() => undefined);
    await cluster?.stop();
  });

  it('keeps GET_LOCK on one node, so the migrations take a lease row that holds across nodes', async () => {
    const [first, second] = raw;
    // What a named lock would do: both nodes grant it at once.
    const held = first.createQueryRunner();
    await held.connect();
    await held.query("SELECT GET_LOCK('nf-galera-test', 0)");
    expect(await second.query("SELECT GET_LOCK('nf-galera-test', 0) AS got")).toEqual([{ got: 1 }]);
    await held.release();

    // The lease: three holders on three nodes, one after the other.
    const onDatabase = await Promise.all(
      cluster.nodes.map((node) =>
        new DataSource({
          type: 'mysql',
          host: '127.0.0.1',
          port: node.port,
          username: 'root',
          password: '',
          database: 'namndflode_galera',
        }).initialize(),
      ),
    );
    try {
      const spans: Array<[number, number]> = [];
      await Promise.all(
        onDatabase.flatMap((source) =>
          [1, 2].map(() =>
            withMigrationLock(source, async () => {
              const start = Date.now();
              await new Promise((resolve) => setTimeout(resolve, 100));
              spans.push([start, Date.now()]);
            }),
          ),
        ),
      );
      spans.sort((a, b) => a[0] - b[0]);
      expect(spans).toHaveLength(6);
      for (let index = 1; index < spans.length; index++) {
        expect(spans[index][0]).toBeGreaterThanOrEqual(spans[index - 1][1]);
      }
    } finally {
      for (const source of onDatabase) await source.destroy();
    }

    // Two apps starting at once on two nodes: every migration applied once.
    await Promise.all([boot(configs[0]), boot(configs[1])]);
    const applied = (await synced(
      raw[2],
      'SELECT name, COUNT(*) AS times FROM namndflode_galera.schema_migrations GROUP BY name',
    )) as Array<{ name: string; times: number | string }>;
    expect(applied.map((row) => row.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    expect(applied.every((row) => Number(row.times) === 1)).toBe(true);
  }, 120_000);

  it('hands out gapless dnr from two nodes at once, retrying what lost certification', async () => {
    const [one, two] = apps;
    const tenant = await createRouteTenant(one, 'galera');
    const before = await conflicts();
    const register = (app: INestApplicationContext, count: number) =>
      Promise.all(
        Array.from({ length: 8 }, async (_, lane) => {
          const made: string[] = [];
          for (let index = lane; index < count; index += 8) {
            made.push(
              (await app.get(RegisterCase).execute(tenant, null, { title: `Ärende ${index}` })).dnr,
            );
          }
          return made;
        }),
      ).then((lanes) => lanes.flat());
    const [fromOne, fromTwo] = await Promise.all([register(one, 80), register(two, 80)]);
    expect(fromOne).toHaveLength(80);
    expect(fromTwo).toHaveLength(80);
    const serials = [...fromOne, ...fromTwo].map((dnr) => Number(dnr.split('-').pop()));
    expect(serials.sort((a, b) => a - b)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
    // The two nodes did collide on the counter row, and the losers were run again.
    expect((await conflicts()) - before).toBeGreaterThan(0);
    // Every node holds the same 160 cases.
    for (const source of raw) {
      const [{ n }] = await synced(
        source,
        'SELECT COUNT(*) AS n FROM namndflode_galera.cases WHERE municipality_id = ?',
        [tenant.municipalityId],
      );
      expect(Number(n)).toBe(160);
    }
  }, 120_000);

  it('numbers paragraphs gaplessly when protocols on two nodes are locked at once', async () => {
    const [one, two] = apps;
    const tenant: RouteTenant = await createRouteTenant(one, 'galera-para');
    const person = async (username: string, role: 'ordforande' | 'ledamot') => {
      const seated = await one.get(CreatePerson).execute(tenant, { name: username });
      await one.get(AddMembership).execute(tenant, null, {
        organId: tenant.organs.KSAPU,
        personId: seated.id,
        role,
        validFrom: '2023-01-01',
        validTo: '2026-12-31',
      });
      return (
        await one.get(CreateUser).execute(tenant, {
          username,
          displayName: username,
          personId: seated.id,
          password: 'ett långt lösenord 42',
          roles: [],
        })
      ).id;
    };
    const chair = await person('ordf.galera', 'ordforande');
    const adjuster = await person('just.galera', 'ledamot');
    const secretary = new Principal(0, tenant.municipalityId, 'sekr', 'person', [
      { role: Role.Sekreterare, organId: tenant.organs.KSAPU },
    ]);
    const protocols: Array<{ id: number; version: number }> = [];
    for (let month = 1; month <= 8; month++) {
      const meeting = await one.get(CreateMeeting).execute(secretary, {
        organId: tenant.organs.KSAPU,
        startsAt: `2024-${String(month).padStart(2, '0')}-05T13:00`,
        place: 'Sammanträdesrum',
      });
      for (let item = 1; item <= 3; item++) {
        const { meeting: current } = await one.get(MeetingQueries).agenda(secretary, meeting.id);
        await one
          .get(AddAgendaItem)
          .execute(
            secretary,
            meeting.id,
            { kind: 'information', title: `Information ${month}.${item}` },
            current.version,
          );
      }
      const { meeting: ready } = await one.get(MeetingQueries).agenda(secretary, meeting.id);
      await one.get(PublishKallelse).execute(secretary, meeting.id, ready.version);
      protocols.push(
        await one.get(CreateProtocol).execute(secretary, meeting.id, {
          chairUserId: chair,
          adjusterUserIds: [adjuster],
        }),
      );
    }
    // Locking numbers the paragraphs from the organ's counter row: half on each node, all at once.
    await Promise.all(
      protocols.map((protocol, index) =>
        (index % 2 === 0 ? one : two)
          .get(LockProtocol)
          .execute(secretary, protocol.id, protocol.version),
      ),
    );
    const rows = (await synced(
      raw[2],
      `SELECT protocol_id AS protocolId, number FROM namndflode_galera.paragraphs
        WHERE municipality_id = ? ORDER BY number`,
      [tenant.municipalityId],
    )) as Array<{ protocolId: number | string; number: number | string }>;
    // Each meeting's agenda: its three items and the organ's standing ones.
    expect(rows.length).toBeGreaterThanOrEqual(24);
    expect(rows.map((row) => Number(row.number))).toEqual(
      Array.from({ length: rows.length }, (_, i) => i + 1),
    );
    // Each protocol's paragraphs are one unbroken block of the series.
    const byProtocol = new Map<number, number[]>();
    for (const row of rows) {
      const list = byProtocol.get(Number(row.protocolId)) ?? [];
      list.push(Number(row.number));
      byProtocol.set(Number(row.protocolId), list);
    }
    expect(byProtocol.size).toBe(8);
    for (const numbers of byProtocol.values()) {
      expect(numbers.at(-1)! - numbers[0]).toBe(numbers.length - 1);
    }
  }, 180_000);

  it('applies a route event once when two nodes run its job at the same moment', async () => {
    const [one, two] = apps;
    const tenant = await createRouteTenant(one, 'galera-route');
    const workflow = workflowOf(one);
    const caseIds: number[] = [];
    for (let index = 0; index < 10; index++) {
      caseIds.push(await workflow.caseOnRoute(tenant, 'ks-arende'));
    }
    const events = await Promise.all(
      caseIds.map((caseId) => recordSubmission(one, tenant, caseId, 'KS beslutar att …')),
    );
    const before = await Promise.all(caseIds.map((caseId) => workflow.route(caseId)));
    // The same job delivered to a worker on each node at once.
    const outcomes = await Promise.all(
      events.flatMap((eventId) =>
        [one, two].map((app) =>
          workflowOf(app).apply.handle({ municipalityId: tenant.municipalityId, eventId }),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'done')).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome.status === 'skipped')).toHaveLength(10);
    for (const [index, caseId] of caseIds.entries()) {
      const after = await workflow.route(caseId);
      expect(after.version).toBe(before[index].version + 1);
      expect(await workflow.advancedCount(after.id)).toBe(1);
    }
  }, 120_000);

  it('publishes each outbox row once when the relays of workers on two nodes race for them', async () => {
    const workers = [await startWorker(configs[0]), await startWorker(configs[1])];
    try {
      await resetQueue(workers[0]);
      const keys = Array.from({ length: 120 }, (_, index) => `galera-${index}`);
      for (let start = 0; start < keys.length; start += 10) {
        await workers[0].app.get(TransactionRunner).run((manager) =>
          workers[0].app.get(OutboxWriter).write(
            manager,
            keys.slice(start, start + 10).map((key) => ({
              queue: EFFECT_QUEUE,
              jobName: EFFECT_JOB,
              payload: { key },
            })),
          ),
        );
      }
      // Both relays at once, again and again, until nothing is left to publish. A relay that
      // lost its claim to the other node's gets an error, as its loop would, and tries again.
      const drain = async (worker: WorkerHarness) => {
        for (let round = 0; round < 200; round++) {
          const published = await worker.relay.publishBatch().catch(() => -1);
          if (published === 0) return;
        }
      };
      await Promise.all(workers.map(drain));
      const rows = (await synced(
        raw[0],
        `SELECT status, publish_count AS publishCount FROM namndflode_galera.outbox_messages
          WHERE job_name = ?`,
        [EFFECT_JOB],
      )) as Array<{ status: string; publishCount: number | string }>;
      expect(rows).toHaveLength(120);
      // Every row published (a relay on the other node may publish a row a second time: BullMQ
      // keeps one job per outbox id, so that is no second job, as the counts below show).
      expect(rows.every((row) => Number(row.publishCount) >= 1)).toBe(true);
      await eventually(
        async () =>
          Number(
            (
              await raw[0].query(
                `SELECT COUNT(*) AS n FROM namndflode_galera.outbox_messages
                  WHERE job_name = ? AND status = 'confirmed'`,
                [EFFECT_JOB],
              )
            )[0].n,
          ) === 120,
        { what: 'every effect job confirmed' },
      );
      expect(await workers[1].effects.effectKeys()).toEqual([...keys].sort());
      const counts = await workers[0].effectQueue.getJobCounts('completed', 'failed');
      expect(counts.completed).toBe(120);
    } finally {
      for (const worker of workers) await worker.close();
    }
  }, 120_000);
});

async function resetQueue(worker: WorkerHarness): Promise<void> {
  await worker.effectQueue.obliterate({ force: true });
}
