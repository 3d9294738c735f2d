import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { OutboxWriter } from '@nf/queue';
import Redis from 'ioredis';
import { EFFECT_JOB, EFFECT_QUEUE } from '../support/effect-jobs';
import { redisCli, SentinelGroup, startSentinelGroup } from '../support/redis-servers';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';

/**
 * Redis Sentinel: a real primary, replica and three sentinels. The primary is killed while work
 * flows; the apps follow the sentinels to the promoted replica, and the outbox sweeper publishes
 * again the jobs that died with the primary before they reached the replica.
 */
describe('Redis Sentinel: the primary dies under load', () => {
  let group: SentinelGroup;
  let config: AppConfig;
  let worker: WorkerHarness;
  let counter = 0;

  const commitEffects = async (count: number): Promise<string[]> => {
    const keys = Array.from(
      { length: count },
      () => `sentinel-${String(++counter).padStart(5, '0')}`,
    );
    await worker.app.get(TransactionRunner).run(async (manager) => {
      await worker.app.get(OutboxWriter).write(
        manager,
        keys.map((key) => ({ queue: EFFECT_QUEUE, jobName: EFFECT_JOB, payload: { key } })),
      );
    });
    return keys;
  };

  const rowsOf = async (keys: string[]) =>
    (
      (await worker.dataSource.query(
        `SELECT JSON_VALUE(payload, '$.key') AS k, status, publish_count AS publishCount
           FROM outbox_messages WHERE job_name = ? AND JSON_VALUE(payload, '$.key') IN (?)`,
        [EFFECT_JOB, keys],
      )) as Array<{ k: string; status: string; publishCount: number | string }>
    ).map((row) => ({ key: row.k, status: row.status, publishCount: Number(row.publishCount) }));

  beforeAll(async () => {
    group = await startSentinelGroup();
    config = testConfig({
      REDIS_SENTINELS: group.addresses,
      REDIS_SENTINEL_NAME: group.name,
      REDIS_DB: '0',
      OUTBOX_SWEEP_INTERVAL_MS: '1000',
      OUTBOX_SWEEP_AFTER_MS: '2000',
    });
    await resetServices(config);
    worker = await startWorker(config, { runOutbox: true });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await group?.stop();
  });

  it('carries on after the failover, with every job applied once and the lost ones published again', async () => {
    expect(config.redis.sentinel?.nodes).toHaveLength(3);
    const all: string[] = [];
    let lost: string[] = [];
    // Work flows all through: a batch every 50 ms until the test says stop.
    let flowing = true;
    const flow = (async () => {
      while (flowing) {
        all.push(...(await commitEffects(3)));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    try {
      await eventually(async () => (await worker.effects.effectKeys()).length >= 30, {
        what: 'work flowing through the primary',
      });

      // Jobs that reach the primary but never the replica: the queue is paused (which the replica
      // has), the replica hangs behind 32 MB of replication it has not read, and the jobs are
      // published after that; then the primary dies and the replica wakes.
      await worker.effectQueue.pause();
      await eventually(
        async () =>
          (await redisCli(
            group.replica.port,
            'HGET',
            `${config.redis.prefix}:${EFFECT_QUEUE}:meta`,
            'paused',
          )) === '1',
        { what: 'the pause replicated' },
      );
      group.replica.freeze();
      const primary = new Redis({ host: '127.0.0.1', port: group.primary.port });
      await primary.set('sentinel-test-filler', 'x'.repeat(32 * 1024 * 1024));
      primary.disconnect();
      lost = await commitEffects(10);
      all.push(...lost);
      await eventually(
        async () => (await rowsOf(lost)).every((row) => row.status === 'published'),
        { what: 'the ten jobs published to the primary' },
      );
      await group.primary.kill9();
      group.replica.thaw();

      await eventually(async () => (await group.primaryPort()) === group.replica.port, {
        what: 'the sentinels to promote the replica',
        timeoutMs: 30_000,
      });
      await eventually(
        async () =>
          await worker.effectQueue.resume().then(
            () => true,
            () => false,
          ),
        { what: 'the queue reachable on the new primary', timeoutMs: 30_000 },
      );
      // More work after the failover.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      flowing = false;
      await flow;
    }

    await eventually(async () => (await rowsOf(all)).every((row) => row.status === 'confirmed'), {
      what: 'every outbox row confirmed',
      timeoutMs: 60_000,
    });
    // Nothing lost, nothing doubled: each key's effect exactly once.
    expect(await worker.effects.effectKeys()).toEqual([...all].sort());
    const rows = await rowsOf(all);
    expect(rows).toHaveLength(all.length);
    // The ten died with the primary and the sweeper published them again.
    const lostRows = rows.filter((row) => lost.includes(row.key));
    expect(lostRows.map((row) => row.publishCount >= 2)).toEqual(lost.map(() => true));
    // And the new primary is the old replica, serving the queue.
    expect(await redisCli(group.replica.port, 'ROLE')).toMatch(/^master/);
    expect(await worker.effectQueue.isPaused()).toBe(false);
  }, 120_000);
});
