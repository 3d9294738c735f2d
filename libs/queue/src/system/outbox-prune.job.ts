import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import { Clock } from '@nf/common';
import { DataSource } from 'typeorm';
import { JobHandler } from '../dispatch/job-handler.decorator';
import { JobOutcome } from '../job-catalogue';

/** Deletes confirmed outbox rows past retention, in small batches so that it never holds locks long. */
@Injectable()
export class OutboxPruneJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @JobHandler('system.outbox-prune')
  async handle(): Promise<JobOutcome> {
    const cutoff = new Date(
      this.clock.now().getTime() - this.config.outbox.retentionDays * 86_400_000,
    );
    let deleted = 0;
    for (;;) {
      const result = (await this.dataSource.query(
        `DELETE FROM outbox_messages WHERE status = 'confirmed' AND confirmed_at < ? ORDER BY id LIMIT 5000`,
        [cutoff],
      )) as { affectedRows: number };
      deleted += result.affectedRows;
      if (result.affectedRows < 5000) break;
    }
    return { status: 'done', detail: `deleted ${deleted} confirmed row(s)` };
  }
}
