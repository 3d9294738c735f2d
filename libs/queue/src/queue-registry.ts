import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { JOB_CATALOGUE_TOKEN } from './dispatch/job-dispatcher';
import { JobCatalogue, queuesOf } from './job-catalogue';

/** The BullMQ queues of this process's catalogue, by name. */
@Injectable()
export class QueueRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queues');
  private readonly names_: string[];
  private readonly resolved = new Map<string, Queue>();

  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(JOB_CATALOGUE_TOKEN) catalogue: JobCatalogue,
  ) {
    this.names_ = queuesOf(catalogue);
  }

  /**
   * A queue's connection errors (Redis down, or failing over) are logged, once per queue every ten
   * seconds with how many were left out, instead of thrown at an emitter nobody listens to.
   */
  onApplicationBootstrap(): void {
    for (const queue of this.all()) {
      let lastLogged = 0;
      let unlogged = 0;
      queue.on('error', (error: Error) => {
        const now = Date.now();
        if (now - lastLogged < 10_000) {
          unlogged++;
          return;
        }
        const more = unlogged > 0 ? ` (and ${unlogged} more since the last)` : '';
        this.logger.warn(`queue ${queue.name}: ${error.message}${more}`);
        lastLogged = now;
        unlogged = 0;
      });
    }
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
