import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DEFAULT_TIME_ZONE } from '@nf/common';
import { JOB_CATALOGUE, JobName, QueueRegistry } from '@nf/queue';

interface SystemSchedule {
  /** Constant scheduler id: upserting it again at every boot changes nothing. */
  id: string;
  jobName: JobName;
  /** Cron with seconds, read in Europe/Stockholm. */
  pattern: string;
}

/** The system's own recurring jobs. Made once at worker boot, never with @Cron in the api. */
export const SYSTEM_SCHEDULES: SystemSchedule[] = [
  { id: 'system-outbox-prune', jobName: 'system.outbox-prune', pattern: '0 15 3 * * *' },
  // The follow-ups' truth-based sweep: fires what is due that no delayed job woke.
  { id: 'followups-sweep', jobName: 'followups.sweep', pattern: '0 * * * * *' },
  // The public side's changes and the webhooks' events, from the audit log.
  { id: 'publication-project', jobName: 'publication.project', pattern: '*/5 * * * * *' },
  // The gallringslistor of the night: what each dokumenthanteringsplan lets go (approved by a person).
  { id: 'records-gallring-sweep', jobName: 'records.gallring-sweep', pattern: '0 30 2 * * *' },
  // Requests for documents still open from an earlier day, to the registrators (weekday mornings).
  {
    id: 'records-request-reminders',
    jobName: 'records.request-reminders',
    pattern: '0 0 8 * * 1-5',
  },
];

/** How often the schedulers are put back in place (after a Redis flush, say). */
const RESTORE_EVERY_MS = 60_000;

@Injectable()
export class Schedulers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Schedulers.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsertAll();
    this.logger.log(`Job schedulers in place: ${SYSTEM_SCHEDULES.map((s) => s.id).join(', ')}`);
    // Job schedulers live in Redis: put them back if Redis lost them.
    this.timer = setInterval(() => {
      this.upsertAll().catch((error: unknown) =>
        this.logger.warn(`Could not restore the job schedulers: ${String(error)}`),
      );
    }, RESTORE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async upsertAll(): Promise<void> {
    for (const schedule of SYSTEM_SCHEDULES) {
      const queue = this.queues.get(JOB_CATALOGUE[schedule.jobName]);
      if (!queue) throw new Error(`No queue for scheduled job ${schedule.jobName}`);
      await queue.upsertJobScheduler(
        schedule.id,
        { pattern: schedule.pattern, tz: DEFAULT_TIME_ZONE },
        { name: schedule.jobName, data: {} },
      );
    }
  }
}
