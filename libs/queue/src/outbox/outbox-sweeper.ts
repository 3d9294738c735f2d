import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import { Clock } from '@nf/common';
import { outboxJobId } from './outbox-message.entity';
import { DataSource } from 'typeorm';
import { QueueRegistry } from '../queue-registry';
import { parsePayload } from './outbox-relay';

interface PublishedRow {
  id: number | string;
  queue: string;
  job_name: string;
  payload: string | Record<string, unknown>;
  available_at: Date;
}

export interface SweepResult {
  republished: number;
  confirmed: number;
  failed: number;
  stillQueued: number;
}

/**
 * Finds rows that were published but never confirmed and asks Redis what became of their job:
 * gone (Redis flushed or lost) → publish again with the same job id; completed → confirm;
 * failed for good → mark failed; still waiting → look again later. Redis is never the only copy.
 */
@Injectable()
export class OutboxSweeper {
  private readonly logger = new Logger(OutboxSweeper.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async sweep(limit = 500): Promise<SweepResult> {
    const result: SweepResult = { republished: 0, confirmed: 0, failed: 0, stillQueued: 0 };
    const queueNames = this.queues.names();
    if (queueNames.length === 0) return result;
    await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const now = this.clock.now();
      const cutoff = new Date(now.getTime() - this.config.outbox.sweepAfterMs);
      const rows = (await manager.query(
        `SELECT id, queue, job_name, payload, available_at FROM outbox_messages
          WHERE status = 'published' AND queue IN (?) AND published_at < ? AND available_at < ?
          ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`,
        [queueNames, cutoff, cutoff, limit],
      )) as PublishedRow[];
      for (const row of rows) {
        const queue = this.queues.get(row.queue)!;
        const jobId = outboxJobId(row.id);
        const job = await queue.getJob(jobId);
        const state = job ? await job.getState() : 'missing';
        if (state === 'missing' || state === 'unknown') {
          await queue.add(row.job_name, parsePayload(row.payload), { jobId });
          await manager.query(
            `UPDATE outbox_messages SET published_at = ?, publish_count = publish_count + 1 WHERE id = ?`,
            [now, row.id],
          );
          result.republished++;
        } else if (state === 'completed') {
          await manager.query(
            `UPDATE outbox_messages SET status = 'confirmed', confirmed_at = ? WHERE id = ?`,
            [now, row.id],
          );
          result.confirmed++;
        } else if (state === 'failed') {
          await manager.query(
            `UPDATE outbox_messages SET status = 'failed', last_error = ? WHERE id = ?`,
            [(job?.failedReason ?? 'failed').slice(0, 1000), row.id],
          );
          result.failed++;
        } else {
          // Waiting, delayed or running: look again after another sweep interval.
          await manager.query(`UPDATE outbox_messages SET published_at = ? WHERE id = ?`, [
            now,
            row.id,
          ]);
          result.stillQueued++;
        }
      }
    });
    if (result.republished + result.failed > 0) {
      this.logger.warn(
        `Outbox sweep republished ${result.republished} lost job(s), marked ${result.failed} failed`,
      );
    }
    return result;
  }
}
