import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { JOB_CATALOGUE_TOKEN } from './dispatch/job-dispatcher';
import { JobCatalogue, queuesOf } from './job-catalogue';

/** The BullMQ queues of this process's catalogue, by name. */
@Injectable()
export class QueueRegistry {
  private readonly names_: string[];
  private readonly resolved = new Map<string, Queue>();

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(JOB_CATALOGUE_TOKEN) catalogue: JobCatalogue,
  ) {
    this.names_ = queuesOf(catalogue);
  }

  names(): string[] {
    return [...this.names_];
  }

  get(name: string): Queue | undefined {
    if (!this.names_.includes(name)) return undefined;
    // Resolved on first use: the queue providers are created after this registry.
    let queue = this.resolved.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }) ?? undefined;
      if (!queue) throw new Error(`Queue ${name} is not ready yet`);
      this.resolved.set(name, queue);
    }
    return queue;
  }

  all(): Queue[] {
    return this.names_.map((name) => this.get(name)!);
  }
}
