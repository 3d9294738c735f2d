import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Type } from '@nestjs/common';
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
    constructor(private readonly dispatcher: JobDispatcher) {
      super();
    }

    process(job: Job): Promise<JobOutcome> {
      return this.dispatcher.dispatch(job);
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue}QueueProcessor` });
  return QueueProcessor;
}
