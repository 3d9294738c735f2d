import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Clock, RequestContexts } from '@nf/common';
import { outboxIdFromJobId } from '../outbox/outbox-message.entity';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { JobCatalogue, JobOutcome } from '../job-catalogue';
import { JOB_HANDLER_METADATA, JobContext } from './job-handler.decorator';

export const JOB_CATALOGUE_TOKEN = Symbol('JOB_CATALOGUE');

type HandlerFn = (payload: unknown, context: JobContext) => Promise<JobOutcome>;

export class JobHandlerRegistrationError extends Error {}

/** Confirms outbox rows (of jobs whose effect commits in the same transaction), in one statement. */
export async function confirmOutboxRows(
  manager: EntityManager,
  ids: number[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await manager.query(
    `UPDATE outbox_messages SET status = 'confirmed', confirmed_at = ?, last_error = NULL
      WHERE id IN (?) AND status IN ('pending', 'published')`,
    [at, ids],
  );
}

/**
 * Routes each job to its one handler, and closes the loop with the outbox: a job that came from an
 * outbox row confirms the row when its handler succeeds, or marks it failed after its last attempt.
 */
@Injectable()
export class JobDispatcher implements OnModuleInit {
  private readonly logger = new Logger(JobDispatcher.name);
  private readonly handlers = new Map<string, { fn: HandlerFn; owner: string }>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(JOB_CATALOGUE_TOKEN) private readonly catalogue: JobCatalogue,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const jobName = this.reflector.get<string | undefined>(
          JOB_HANDLER_METADATA,
          instance[method] as () => unknown,
        );
        if (!jobName) continue;
        const owner = `${instance.constructor.name}.${method}`;
        const existing = this.handlers.get(jobName);
        if (existing) {
          problems.push(`job ${jobName} has two handlers: ${existing.owner} and ${owner}`);
          continue;
        }
        if (!(jobName in this.catalogue))
          problems.push(`${owner} handles ${jobName}, which no queue declares`);
        const fn = (instance[method] as HandlerFn).bind(instance);
        this.handlers.set(jobName, { fn, owner });
      }
    }
    for (const jobName of Object.keys(this.catalogue)) {
      if (!this.handlers.has(jobName)) problems.push(`job ${jobName} has no handler`);
    }
    if (problems.length > 0) {
      throw new JobHandlerRegistrationError(
        `Job handlers are wrong:\n  - ${problems.join('\n  - ')}`,
      );
    }
  }

  handledJobNames(): string[] {
    return [...this.handlers.keys()].sort();
  }

  async dispatch(job: Job): Promise<JobOutcome> {
    const handler = this.handlers.get(job.name);
    const jobId = job.id ?? `${job.queueName}-unknown`;
    if (!handler) {
      this.logger.warn(`No handler for job ${job.name} (${jobId}) on ${job.queueName}; skipped`);
      return { status: 'skipped', reason: `unknown job name ${job.name}` };
    }
    let confirmedByHandler = false;
    const context: JobContext = {
      jobId,
      attempt: job.attemptsMade + 1,
      queue: job.queueName,
      confirmOutboxIn: async (manager) => {
        await this.confirmOutbox(jobId, manager);
        confirmedByHandler = true;
      },
      takeOutboxRow: () => {
        confirmedByHandler = true;
        return outboxIdFromJobId(jobId);
      },
      reportProgress: (progress) => job.updateProgress(progress),
    };
    return RequestContexts.run(
      { requestId: jobId, actor: { type: 'job', id: jobId, label: job.name } },
      async () => {
        try {
          const outcome = await handler.fn(job.data, context);
          if (!confirmedByHandler) await this.confirmOutbox(jobId);
          if (outcome.status === 'skipped') {
            this.logger.log(`Job ${job.name} (${jobId}) skipped: ${outcome.reason}`);
          }
          return outcome;
        } catch (error) {
          const attempts = job.opts.attempts ?? 1;
          if (error instanceof UnrecoverableError || context.attempt >= attempts) {
            await this.failOutbox(jobId, error);
          }
          throw error;
        }
      },
    );
  }

  private async confirmOutbox(jobId: string, manager?: EntityManager): Promise<void> {
    const id = outboxIdFromJobId(jobId);
    if (id === undefined) return;
    await confirmOutboxRows(manager ?? this.dataSource.manager, [id], this.clock.now());
  }

  private async failOutbox(jobId: string, error: unknown): Promise<void> {
    const id = outboxIdFromJobId(jobId);
    if (id === undefined) return;
    const message = error instanceof Error ? error.message : String(error);
    await this.dataSource.query(
      `UPDATE outbox_messages SET status = 'failed', last_error = ?
        WHERE id = ? AND status IN ('pending', 'published')`,
      [message.slice(0, 1000), id],
    );
  }
}
