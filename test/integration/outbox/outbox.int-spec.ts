import { FixedClock } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { OutboxWriter } from '@nf/queue';
import { EFFECT_JOB, EFFECT_QUEUE } from '../../support/effect-jobs';
import { eventually, redisClient, resetServices } from '../../support/services';
import { testConfig } from '../../support/test-config';
import { startWorker, WorkerHarness } from '../../support/worker-harness';

interface OutboxRow {
  id: number;
  status: string;
  publish_count: number;
}

describe('Transactional outbox', () => {
  let config: AppConfig;
  let harness: WorkerHarness;
  let clock: FixedClock;
  let keyCounter = 0;

  const rows = async (): Promise<OutboxRow[]> =>
    (
      await harness.dataSource.query(
        'SELECT id, status, publish_count FROM outbox_messages ORDER BY id',
      )
    ).map((row: OutboxRow) => ({
      ...row,
      id: Number(row.id),
      publish_count: Number(row.publish_count),
    }));

  /** Commits a state change together with one effect job per key; returns the keys. */
  const commitEffects = async (count: number): Promise<string[]> => {
    const keys = Array.from({ length: count }, () => `effect-${++keyCounter}`);
    await harness.app.get(TransactionRunner).run(async (manager) => {
      await harness.app.get(OutboxWriter).write(
        manager,
        keys.map((key) => ({ queue: EFFECT_QUEUE, jobName: EFFECT_JOB, payload: { key } })),
      );
    });
    return keys;
  };

  /** Jobs waiting for a worker (BullMQ keeps the jobs of a paused queue in its wait list). */
  const queuedJobs = async (): Promise<number> =>
    Object.values(await harness.effectQueue.getJobCounts('waiting', 'prioritized')).reduce(
      (a, b) => a + b,
      0,
    );

  const drainRelay = async (): Promise<void> => {
    while ((await harness.relay.publishBatch()) > 0);
  };

  beforeAll(async () => {
    config = testConfig({ OUTBOX_BATCH_SIZE: '50', OUTBOX_SWEEP_AFTER_MS: '60000' });
    await resetServices(config);
    clock = new FixedClock('2025-02-03T08:00:00Z');
    harness = await startWorker(config, { clock });
  });

  afterAll(async () => {
    await harness?.close();
  });

  beforeEach(async () => {
    await harness.effectQueue.obliterate({ force: true });
    await harness.effectQueue.resume();
    await harness.dataSource.query('DELETE FROM outbox_messages');
    await harness.dataSource.query('DELETE FROM test_effects');
    harness.effects.deliveries.length = 0;
  });

  it('never publishes a row written in a rolled-back transaction', async () => {
    await expect(
      harness.app.get(TransactionRunner).run(async (manager) => {
        await harness.app
          .get(OutboxWriter)
          .write(manager, [
            { queue: EFFECT_QUEUE, jobName: EFFECT_JOB, payload: { key: 'rolled-back' } },
          ]);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');

    expect(await harness.relay.publishBatch()).toBe(0);
    expect(await rows()).toEqual([]);
    const counts = await harness.effectQueue.getJobCounts(
      'waiting',
      'active',
      'completed',
      'delayed',
    );
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
    expect(harness.effects.deliveries).toEqual([]);
  });

  it('refuses to write an outbox row outside a transaction', async () => {
    await expect(
      harness.app
        .get(OutboxWriter)
        .write(harness.dataSource.manager, [
          { queue: EFFECT_QUEUE, jobName: EFFECT_JOB, payload: { key: 'x' } },
        ]),
    ).rejects.toThrow(/inside the transaction/);
    expect(await rows()).toEqual([]);
  });

  it('publishes committed rows as outbox-<id> jobs and confirms them when the handler succeeds', async () => {
    const keys = await commitEffects(3);
    const [first] = await rows();
    expect(await harness.relay.publishBatch()).toBe(3);
    expect(await harness.effectQueue.getJob(`outbox-${first.id}`)).toBeDefined();

    await eventually(async () => (await rows()).every((row) => row.status === 'confirmed'), {
      what: 'rows confirmed',
    });
    expect(await harness.effects.effectKeys()).toEqual([...keys].sort());
    expect((await rows()).map((row) => row.publish_count)).toEqual([1, 1, 1]);
  });

  it('republishes the same job id when the relay dies between publishing and marking, and the effect happens once', async () => {
    await harness.effectQueue.pause();
    const [key] = await commitEffects(1);
    const [row] = await rows();

    await expect(
      harness.relay.publishBatch({
        afterPublish: async () => {
          throw new Error('relay killed');
        },
      }),
    ).rejects.toThrow('relay killed');
    // The job reached Redis, but the row was never marked: it is still pending.
    expect((await rows())[0]).toMatchObject({ status: 'pending', publish_count: 0 });
    expect(await harness.effectQueue.getJob(`outbox-${row.id}`)).toBeDefined();

    expect(await harness.relay.publishBatch()).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'published', publish_count: 1 });
    expect(await queuedJobs()).toBe(1);

    await harness.effectQueue.resume();
    await eventually(async () => (await rows())[0].status === 'confirmed', {
      what: 'confirmation',
    });
    expect(await harness.effects.effectKeys()).toEqual([key]);
    expect(harness.effects.deliveries).toEqual([key]);
  });

  it('applies the effect once when a completed job is delivered again', async () => {
    const [key] = await commitEffects(1);
    const [row] = await rows();
    await drainRelay();
    await eventually(async () => (await rows())[0].status === 'confirmed', {
      what: 'confirmation',
    });

    // BullMQ is at-least-once: deliver the same job a second time, as after a lost lock.
    await harness.effectQueue.add(EFFECT_JOB, { key }, { jobId: `outbox-${row.id}-again` });
    await eventually(async () => harness.effects.deliveries.length === 2, {
      what: 'second delivery',
    });

    expect(await harness.effects.effectKeys()).toEqual([key]);
  });

  it('publishes each row exactly once when two relays run in parallel', async () => {
    await harness.effectQueue.pause();
    await commitEffects(600);

    const relayA = async () => {
      let total = 0;
      for (
        let n = await harness.relay.publishBatch();
        n > 0;
        n = await harness.relay.publishBatch()
      )
        total += n;
      return total;
    };
    const [a, b] = await Promise.all([relayA(), relayA()]);

    expect(a + b).toBe(600);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    const all = await rows();
    expect(all.filter((row) => row.status === 'published' && row.publish_count === 1)).toHaveLength(
      600,
    );
    expect(await queuedJobs()).toBe(600);
  });

  it('keeps rows through a Redis FLUSHALL and publishes them afterwards', async () => {
    const redis = redisClient(config);
    try {
      await harness.effectQueue.pause();
      const keys = await commitEffects(5);
      await redis.flushdb(); // this worker's database: FLUSHALL as far as this test can see
      await harness.effectQueue.resume();
      await drainRelay();
      await eventually(async () => (await rows()).every((row) => row.status === 'confirmed'), {
        what: 'rows confirmed after the flush',
      });
      expect(await harness.effects.effectKeys()).toEqual([...keys].sort());
    } finally {
      redis.disconnect();
    }
  });

  it('lets the sweeper republish jobs that Redis lost after they were published', async () => {
    const redis = redisClient(config);
    try {
      await harness.effectQueue.pause();
      const keys = await commitEffects(4);
      await drainRelay();
      expect((await rows()).every((row) => row.status === 'published')).toBe(true);

      await redis.flushdb(); // the published jobs are gone before any worker saw them
      await harness.effectQueue.resume();

      // Too early: the sweeper leaves recently published rows alone.
      expect(await harness.sweeper.sweep()).toMatchObject({ republished: 0 });
      clock.advance(61_000);
      expect(await harness.sweeper.sweep()).toMatchObject({ republished: 4 });

      await eventually(async () => (await rows()).every((row) => row.status === 'confirmed'), {
        what: 'republished rows confirmed',
      });
      expect(await harness.effects.effectKeys()).toEqual([...keys].sort());
      expect((await rows()).map((row) => row.publish_count)).toEqual([2, 2, 2, 2]);

      // A later sweep finds nothing left to do.
      clock.advance(61_000);
      expect(await harness.sweeper.sweep()).toEqual({
        republished: 0,
        confirmed: 0,
        failed: 0,
        stillQueued: 0,
      });
    } finally {
      redis.disconnect();
    }
  });

  it('leaves a job that is still queued to the workers instead of publishing it twice', async () => {
    await harness.effectQueue.pause();
    await commitEffects(2);
    await drainRelay();
    clock.advance(61_000);

    expect(await harness.sweeper.sweep()).toMatchObject({ republished: 0, stillQueued: 2 });
    expect((await rows()).map((row) => row.publish_count)).toEqual([1, 1]);
  });
});
