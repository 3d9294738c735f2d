import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { OutboxWriter, queuesOf } from '@nf/queue';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { EFFECT_JOB, EFFECT_QUEUE, TEST_CATALOGUE } from '../support/effect-jobs';
import { redisCli, RedisClusterNodes, startRedisCluster } from '../support/redis-servers';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';

/**
 * Redis Cluster: three real primaries with the slots split between them. BullMQ's scripts touch
 * many keys of a queue at once, which a cluster allows only within one slot; the `{…}` hash tag of
 * REDIS_PREFIX puts every queue's keys in the slot of the tag.
 */
describe('Redis Cluster: three primaries', () => {
  let cluster: RedisClusterNodes;
  let config: AppConfig;
  let worker: WorkerHarness;
  let api: ApiHarness;

  beforeAll(async () => {
    cluster = await startRedisCluster();
    config = testConfig({ REDIS_CLUSTER_NODES: cluster.addresses, REDIS_DB: '0' });
    await resetServices(config);
    worker = await startWorker(config, { runOutbox: true });
    api = await startApi(config, { demoOnStart: false });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await cluster?.stop();
  });

  it('runs every job once, with each queue’s keys in the one slot of the prefix', async () => {
    expect(config.redis.cluster).toHaveLength(3);
    // The api's readiness check talks to the cluster too.
    const ready = await request(api.app.getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.checks).toMatchObject({ redis: 'up' });

    const keys = Array.from(
      { length: 60 },
      (_, index) => `cluster-${String(index).padStart(3, '0')}`,
    );
    for (let start = 0; start < keys.length; start += 6) {
      await worker.app.get(TransactionRunner).run(async (manager) => {
        await worker.app.get(OutboxWriter).write(
          manager,
          keys.slice(start, start + 6).map((key) => ({
            queue: EFFECT_QUEUE,
            jobName: EFFECT_JOB,
            payload: { key },
          })),
        );
      });
    }
    await eventually(
      async () =>
        Number(
          (
            await worker.dataSource.query(
              `SELECT COUNT(*) AS n FROM outbox_messages WHERE status = 'confirmed' AND job_name = ?`,
              [EFFECT_JOB],
            )
          )[0].n,
        ) === keys.length,
      { what: 'sixty jobs confirmed' },
    );
    expect(await worker.effects.effectKeys()).toEqual(keys);

    // Every key of every queue, on whichever primary holds it: all in the prefix's slot.
    const slot = Number(
      await redisCli(cluster.primaries[0].port, 'CLUSTER', 'KEYSLOT', config.redis.prefix),
    );
    const found: Array<{ port: number; key: string }> = [];
    for (const node of cluster.primaries) {
      const listed = await redisCli(node.port, '--scan', '--pattern', `${config.redis.prefix}*`);
      for (const key of listed.split('\n').filter(Boolean)) found.push({ port: node.port, key });
    }
    const queues = new Set(found.map(({ key }) => key.split(':')[1]));
    expect(queues).toContain(EFFECT_QUEUE);
    for (const queue of queues) expect(queuesOf(TEST_CATALOGUE)).toContain(queue);
    // Every worker marks its queue, so all the catalogue's queues have keys.
    expect([...queues].sort()).toEqual(queuesOf(TEST_CATALOGUE).sort());
    expect(new Set(found.map(({ port }) => port)).size).toBe(1);
    const slots = new Set<number>();
    for (const { port, key } of found.slice(0, 200)) {
      slots.add(Number(await redisCli(port, 'CLUSTER', 'KEYSLOT', key)));
    }
    expect([...slots]).toEqual([slot]);
    const holder = found[0].port;
    expect(Number(await redisCli(holder, 'CLUSTER', 'COUNTKEYSINSLOT', String(slot)))).toBe(
      found.length,
    );
  }, 120_000);
});
