import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TransactionRunner } from '@nf/database';
import {
  JOB_CATALOGUE,
  JobHandler,
  JobOutcome,
  OutboxRelay,
  OutboxWriter,
  QueueRegistry,
} from '@nf/queue';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { benchConfig, peakRssMb, percentile, resetBenchServices, sleep } from './support';

const QUEUE = 'bench-outbox';
const JOB = 'bench.touch';
const WRITERS = 16;
const WRITE_SECONDS = 8;
const LAG_SECONDS = 10;

@Injectable()
class TouchJob {
  readonly lagsMs: number[] = [];
  processed = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** Records the lag from the committing transaction to this job's start, then applies by CAS. */
  @JobHandler(JOB)
  async handle(payload: {
    caseId: number;
    version: number;
    writtenAt: number;
  }): Promise<JobOutcome> {
    this.lagsMs.push(Date.now() - payload.writtenAt);
    const result = (await this.dataSource.query(
      'UPDATE bench_cases SET handled_version = ? WHERE id = ? AND handled_version < ?',
      [payload.version, payload.caseId, payload.version],
    )) as { affectedRows: number };
    this.processed++;
    return result.affectedRows ? { status: 'done' } : { status: 'skipped', reason: 'stale' };
  }
}

@Module({ providers: [TouchJob] })
class BenchJobModule {}

@Module({})
class BenchRootModule {}

/**
 * outbox: state-change transactions per second that also write an outbox row; relay throughput
 * (rows published per second from a backlog, two relays); lag p50/p99 from the committing
 * transaction to the job's start under a steady load, with relay and workers running.
 */
export async function outboxBench(): Promise<string> {
  const config = benchConfig({
    OUTBOX_BATCH_SIZE: '500',
    DB_POOL_SIZE: '40',
    WORKER_CONCURRENCY: '50',
  });
  await resetBenchServices(config);
  const app = await NestFactory.createApplicationContext(
    {
      module: BenchRootModule,
      imports: [
        WorkerModule.forRoot(config, {
          catalogue: { ...JOB_CATALOGUE, [JOB]: QUEUE },
          runOutbox: false,
          schedulers: false,
        }),
        BenchJobModule,
      ],
    },
    { logger: ['warn', 'error'] },
  );
  await app.init();
  const dataSource = app.get(DataSource);
  const transactions = app.get(TransactionRunner);
  const writer = app.get(OutboxWriter);
  const relay = app.get(OutboxRelay);
  const queue = app.get(QueueRegistry).get(QUEUE)!;
  await dataSource.query(
    `CREATE TABLE bench_cases (id INT PRIMARY KEY, version INT NOT NULL, handled_version INT NOT NULL DEFAULT 0) ENGINE=InnoDB`,
  );
  await dataSource.query(
    `INSERT INTO bench_cases (id, version) SELECT seq, 0 FROM seq_1_to_${WRITERS * 100}`,
  );

  // One state change: bump a case's version and make its job due, in one transaction.
  const change = async (writerIndex: number, n: number) => {
    const caseId = writerIndex * 100 + (n % 100) + 1;
    await transactions.run(async (manager) => {
      await manager.query('UPDATE bench_cases SET version = version + 1 WHERE id = ?', [caseId]);
      const [{ version }] = await manager.query('SELECT version FROM bench_cases WHERE id = ?', [
        caseId,
      ]);
      await writer.write(manager, [
        { queue: QUEUE, jobName: JOB, payload: { caseId, version, writtenAt: Date.now() } },
      ]);
    });
  };
  const writeFor = async (seconds: number, pauseMs: number): Promise<number> => {
    const until = Date.now() + seconds * 1000;
    const counts = await Promise.all(
      Array.from({ length: WRITERS }, async (_, writerIndex) => {
        let n = 0;
        while (Date.now() < until) {
          await change(writerIndex, n++);
          if (pauseMs) await sleep(pauseMs);
        }
        return n;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  };

  // 1. Transactions with outbox rows, nothing publishing.
  await queue.pause();
  const committed = await writeFor(WRITE_SECONDS, 0);
  const txPerSecond = committed / WRITE_SECONDS;

  // 2. Relay throughput: two relays drain the backlog into a paused queue.
  const relayStarted = Date.now();
  const drain = async () => {
    let published = 0;
    for (let n = await relay.publishBatch(); n > 0; n = await relay.publishBatch()) published += n;
    return published;
  };
  const published = (await Promise.all([drain(), drain()])).reduce((a, b) => a + b, 0);
  const relayPerSecond = published / ((Date.now() - relayStarted) / 1000);
  if (published !== committed) throw new Error(`relay published ${published} of ${committed} rows`);

  // 3. Lag under a steady load with the relay loop and the workers running.
  await queue.obliterate({ force: true });
  await dataSource.query(`UPDATE outbox_messages SET status = 'confirmed'`);
  await queue.resume();
  const touch = app.get(TouchJob);
  let relaying = true;
  const relayLoop = (async () => {
    while (relaying)
      if ((await relay.publishBatch()) < config.outbox.batchSize) await sleep(config.outbox.pollMs);
  })();
  const steady = await writeFor(LAG_SECONDS, 10);
  const deadline = Date.now() + 30_000;
  while (touch.processed < steady && Date.now() < deadline) await sleep(50);
  relaying = false;
  await relayLoop;
  await app.close();

  const lost = steady - touch.processed;
  return (
    `outbox: tx=${Math.round(txPerSecond)}/s relay=${Math.round(relayPerSecond)}/s ` +
    `lag-p50=${Math.round(percentile(touch.lagsMs, 50))}ms lag-p99=${Math.round(percentile(touch.lagsMs, 99))}ms ` +
    `steady=${Math.round(steady / LAG_SECONDS)}/s lost=${lost} rss=${peakRssMb()}MB`
  );
}
