import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Clock } from '@nf/common';
import { AppConfig } from '@nf/config';
import { OutboxRelay, OutboxSweeper, QueueRegistry } from '@nf/queue';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { EFFECT_QUEUE, EffectJob, EffectJobModule, TEST_CATALOGUE } from './effect-jobs';

export interface WorkerHarness {
  app: INestApplicationContext;
  dataSource: DataSource;
  relay: OutboxRelay;
  sweeper: OutboxSweeper;
  effects: EffectJob;
  effectQueue: Queue;
  close(): Promise<void>;
}

/**
 * The real worker module with the tests' effect job added, on real MariaDB and Redis. The relay
 * loop is off unless asked for, so that tests drive publishing step by step.
 */
export async function startWorker(
  config: AppConfig,
  options: { runOutbox?: boolean; clock?: Clock } = {},
): Promise<WorkerHarness> {
  let builder = Test.createTestingModule({
    imports: [
      WorkerModule.forRoot(config, {
        catalogue: TEST_CATALOGUE,
        runOutbox: options.runOutbox ?? false,
        schedulers: false,
      }),
      EffectJobModule,
    ],
  });
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = await moduleRef.init();
  const effects = app.get(EffectJob);
  await effects.createTable();
  return {
    app,
    dataSource: app.get(DataSource),
    relay: app.get(OutboxRelay),
    sweeper: app.get(OutboxSweeper),
    effects,
    effectQueue: app.get(QueueRegistry).get(EFFECT_QUEUE)!,
    close: () => app.close(),
  };
}
