import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const JOB_HANDLER_METADATA = 'nf:job-handler';

/** Marks a provider method as the handler of one job name. Exactly one handler per job name. */
export const JobHandler = (jobName: string): MethodDecorator =>
  SetMetadata(JOB_HANDLER_METADATA, jobName);

export interface JobContext {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  queue: string;
  /**
   * Confirms the job's outbox row inside the handler's own transaction, so that the effect and
   * the confirmation commit together (one commit instead of two). Without it the dispatcher
   * confirms after the handler returns.
   */
  confirmOutboxIn(manager: EntityManager): Promise<void>;
  /**
   * For a handler that confirms the outbox rows of several jobs in one statement
   * (`confirmOutboxRows`, in its own transaction): the id of this job's outbox row, if it came
   * from one. The caller takes the confirmation over; the dispatcher then does not confirm it.
   */
  takeOutboxRow(): number | undefined;
  /** Reports how far a long job has come, as the job's progress in the queue (BullMQ). */
  reportProgress(progress: Record<string, number>): Promise<void>;
}
