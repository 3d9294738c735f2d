export { JOB_CATALOGUE, QueueName, queuesOf } from './job-catalogue';
export type { JobCatalogue, JobName, JobOutcome, JobPayloads } from './job-catalogue';
export { DEFAULT_JOB_OPTIONS } from './job-options';
export { JobHandler } from './dispatch/job-handler.decorator';
export type { JobContext } from './dispatch/job-handler.decorator';
export { JobBatcher } from './dispatch/job-batcher';
export type { BatchResult, JobBatcherOptions } from './dispatch/job-batcher';
export {
  confirmOutboxRows,
  JOB_CATALOGUE_TOKEN,
  JobDispatcher,
  JobHandlerRegistrationError,
} from './dispatch/job-dispatcher';
export { Outbox } from './outbox/outbox';
export { OutboxMessage, outboxIdFromJobId, outboxJobId } from './outbox/outbox-message.entity';
export type { OutboxStatus } from './outbox/outbox-message.entity';
export { OutboxWriter } from './outbox/outbox-writer';
export type { OutboxEntry } from './outbox/outbox-writer';
export type { EnqueueOptions } from './outbox/outbox';
export { OutboxRelay } from './outbox/outbox-relay';
export type { RelayHooks } from './outbox/outbox-relay';
export { OutboxSweeper } from './outbox/outbox-sweeper';
export type { SweepResult } from './outbox/outbox-sweeper';
export { QueueRegistry } from './queue-registry';
export { QueueModule, QueueWorkerModule } from './queue.module';
export { createRedis, redisOptions, SharedRedis } from './redis-connection';
export type { QueueModuleOptions, QueueWorkerModuleOptions } from './queue.module';
export { RedisProbe } from './redis-policy';
export { DependencyChecks } from './dependency-checks';
