import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '@nf/config';
import { JOB_CATALOGUE_TOKEN, JobDispatcher } from './dispatch/job-dispatcher';
import { createQueueProcessor } from './dispatch/queue-processor.factory';
import { JOB_CATALOGUE, JobCatalogue, queuesOf } from './job-catalogue';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Outbox } from './outbox/outbox';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { OutboxWriter } from './outbox/outbox-writer';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxRunner } from './outbox/outbox-runner';
import { OutboxSweeper } from './outbox/outbox-sweeper';
import { QueueRegistry } from './queue-registry';
import { bullConnection, SharedRedis } from './redis-connection';
import { DependencyChecks } from './dependency-checks';
import { RedisProbe } from './redis-policy';
import { OutboxPruneJob } from './system/outbox-prune.job';

export interface QueueModuleOptions {
  /** Job name → queue name. Defaults to the production catalogue; tests and benches extend it. */
  catalogue?: JobCatalogue;
}

/** Queues and the typed outbox, for every process that makes jobs due (api, worker, cli). */
@Global()
@Module({})
export class QueueModule {
  static forRoot(options: QueueModuleOptions = {}): DynamicModule {
    const catalogue = options.catalogue ?? JOB_CATALOGUE;
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig, SharedRedis],
          useFactory: (config: AppConfig, shared: SharedRedis) => ({
            connection: bullConnection(config, shared),
            prefix: config.redis.prefix,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        BullModule.registerQueue(...queuesOf(catalogue).map((name) => ({ name }))),
        TypeOrmModule.forFeature([OutboxMessage]),
      ],
      providers: [
        { provide: JOB_CATALOGUE_TOKEN, useValue: catalogue },
        QueueRegistry,
        OutboxWriter,
        Outbox,
        RedisProbe,
        DependencyChecks,
        SharedRedis,
      ],
      exports: [
        BullModule,
        QueueRegistry,
        OutboxWriter,
        Outbox,
        RedisProbe,
        DependencyChecks,
        SharedRedis,
        JOB_CATALOGUE_TOKEN,
      ],
    };
  }
}

export interface QueueWorkerModuleOptions {
  catalogue?: JobCatalogue;
  concurrency: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Start the relay and sweeper loops (off in tests that drive them by hand). */
  runOutbox?: boolean;
}

/** BullMQ workers for every queue, the dispatcher, and the outbox relay and sweeper: worker only. */
@Module({})
export class QueueWorkerModule {
  static forRoot(options: QueueWorkerModuleOptions): DynamicModule {
    const catalogue = options.catalogue ?? JOB_CATALOGUE;
    const processors = queuesOf(catalogue).map((name) => createQueueProcessor(name, options));
    return {
      module: QueueWorkerModule,
      imports: [DiscoveryModule],
      providers: [
        JobDispatcher,
        ...processors,
        OutboxRelay,
        OutboxSweeper,
        OutboxPruneJob,
        ...(options.runOutbox === false ? [] : [OutboxRunner]),
      ],
      exports: [JobDispatcher, OutboxRelay, OutboxSweeper],
    };
  }
}
