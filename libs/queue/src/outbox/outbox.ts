import { Injectable } from '@nestjs/common';
import { OutboxWriter } from './outbox-writer';
import { EntityManager } from 'typeorm';
import { JOB_CATALOGUE, JobName, JobPayloads } from '../job-catalogue';

export interface EnqueueOptions {
  municipalityId?: number;
  /** Start no earlier than this instant. */
  availableAt?: Date;
}

/**
 * The typed way for domain code to make a job due: inside the transaction of the state change.
 * Never call `queue.add` from a request.
 */
@Injectable()
export class Outbox {
  constructor(private readonly writer: OutboxWriter) {}

  async enqueue<N extends JobName>(
    manager: EntityManager,
    jobName: N,
    payload: JobPayloads[N],
    options: EnqueueOptions = {},
  ): Promise<number> {
    const [id] = await this.writer.write(manager, [
      { queue: JOB_CATALOGUE[jobName], jobName, payload, ...options },
    ]);
    return id;
  }
}
