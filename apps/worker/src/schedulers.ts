import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
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
];

@Injectable()
export class Schedulers implements OnApplicationBootstrap {
  private readonly logger = new Logger(Schedulers.name);

  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of SYSTEM_SCHEDULES) {
      const queue = this.queues.get(JOB_CATALOGUE[schedule.jobName]);
      if (!queue) throw new Error(`No queue for scheduled job ${schedule.jobName}`);
      await queue.upsertJobScheduler(
        schedule.id,
        { pattern: schedule.pattern, tz: DEFAULT_TIME_ZONE },
        { name: schedule.jobName, data: {} },
      );
    }
    this.logger.log(`Job schedulers in place: ${SYSTEM_SCHEDULES.map((s) => s.id).join(', ')}`);
  }
}
