import { SetMetadata } from '@nestjs/common';

export const JOB_HANDLER_METADATA = 'nf:job-handler';

/** Marks a provider method as the handler of one job name. Exactly one handler per job name. */
export const JobHandler = (jobName: string): MethodDecorator =>
  SetMetadata(JOB_HANDLER_METADATA, jobName);

export interface JobContext {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  queue: string;
}
