import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, Type } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobOutcome } from '../job-catalogue';
import { JobDispatcher } from './job-dispatcher';

export interface QueueProcessorOptions {
  concurrency: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/** One BullMQ worker per queue; each hands its jobs to the dispatcher. */
export function createQueueProcessor(
  queue: string,
  options: QueueProcessorOptions,
): Type<WorkerHost> {
  @Processor(queue, {
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.stalledIntervalMs,
  })
  class QueueProcessor extends WorkerHost {
    private readonly logger = new Logger(`${queue}QueueProcessor`);

    constructor(private readonly dispatcher: JobDispatcher) {
      super();
    }

    /**
     * BullMQ's own errors (a lost connection, a job removed while it ran): logged, not thrown at an
     * emitter nobody listens to. The job itself is retried or swept as usual.
     */
    @OnWorkerEvent('error')
    onError(error: Error): void {
      this.logger.warn(`worker error on queue ${queue}: ${error.message}`);
    }

    process(job: Job): Promise<JobOutcome> {
      return this.dispatcher.dispatch(job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}
