import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@nf/audit';
import { CommonModule } from '@nf/common';
import { AppConfig, ConfigModule } from '@nf/config';
import { DatabaseModule } from '@nf/database';
import { JobCatalogue, QueueModule, QueueWorkerModule } from '@nf/queue';
import { WorkflowJobsModule } from '@nf/workflow-jobs';
import { RouteCatalogue } from '@nf/workflow';
import { MeetingsJobsModule } from '@nf/meetings-jobs';
import { NotificationsJobsModule } from '@nf/notifications';
import { ProtocolsJobsModule } from '@nf/protocols-jobs';
import { FollowupsJobsModule } from '@nf/followups-jobs';
import { PublicationJobsModule } from '@nf/publication-jobs';
import { RecordsJobsModule } from '@nf/records-jobs';
import { WorkerHealthServer } from './health-server';
import { Schedulers } from './schedulers';

export interface WorkerModuleOptions {
  /** Extra job names for tests and benchmarks; production uses the default catalogue. */
  catalogue?: JobCatalogue;
  runOutbox?: boolean;
  schedulers?: boolean;
}

/** The worker: BullMQ processors, the outbox relay and sweeper, and the job schedulers. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, options: WorkerModuleOptions = {}): DynamicModule {
    RouteCatalogue.check(config);
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        DatabaseModule.forRoot(),
        AuditModule,
        QueueModule.forRoot({ catalogue: options.catalogue }),
        QueueWorkerModule.forRoot({
          catalogue: options.catalogue,
          concurrency: config.worker.concurrency,
          lockDurationMs: config.worker.lockDurationMs,
          stalledIntervalMs: config.worker.stalledIntervalMs,
          runOutbox: options.runOutbox,
        }),
        WorkflowJobsModule,
        MeetingsJobsModule,
        NotificationsJobsModule,
        ProtocolsJobsModule,
        FollowupsJobsModule,
        PublicationJobsModule,
        RecordsJobsModule,
      ],
      providers: [WorkerHealthServer, ...(options.schedulers === false ? [] : [Schedulers])],
    };
  }
}
