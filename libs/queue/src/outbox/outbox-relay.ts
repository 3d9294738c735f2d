import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import { Clock } from '@nf/common';
import { outboxJobId } from './outbox-message.entity';
import { DataSource } from 'typeorm';
import { QueueRegistry } from '../queue-registry';

interface PendingRow {
  id: number | string;
  queue: string;
  job_name: string;
  payload: string | Record<string, unknown>;
  available_at: Date;
}

export interface RelayHooks {
  /** Called after the jobs are in Redis and before the rows are marked; tests crash here. */
  afterPublish?: () => Promise<void>;
}

export function parsePayload(payload: string | Record<string, unknown>): Record<string, unknown> {
  return typeof payload === 'string' ? (JSON.parse(payload) as Record<string, unknown>) : payload;
}

/**
 * Publishes pending outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of relays can run; the job id is derived from the row id, so a relay that dies after
 * publishing and before marking republishes the same job id, which BullMQ does not add twice
 * while the first is still known.
 */
@Injectable()
export class OutboxRelay {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Publishes up to one batch; returns how many rows it published. */
  async publishBatch(hooks: RelayHooks = {}): Promise<number> {
    const queueNames = this.queues.names();
    if (queueNames.length === 0) return 0;
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const rows = (await manager.query(
        `SELECT id, queue, job_name, payload, available_at FROM outbox_messages
          WHERE status = 'pending' AND queue IN (?)
          ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED`,
        [queueNames, this.config.outbox.batchSize],
      )) as PendingRow[];
      if (rows.length === 0) return 0;
      const now = this.clock.now();
      const byQueue = new Map<string, PendingRow[]>();
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      for (const [queueName, queueRows] of byQueue) {
        await this.queues.get(queueName)!.addBulk(
          queueRows.map((row) => ({
            name: row.job_name,
            data: parsePayload(row.payload),
            opts: {
              jobId: outboxJobId(row.id),
              delay: Math.max(0, new Date(row.available_at).getTime() - now.getTime()),
            },
          })),
        );
      }
      await hooks.afterPublish?.();
      await manager.query(
        `UPDATE outbox_messages SET status = 'published', published_at = ?, publish_count = publish_count + 1
          WHERE id IN (?) AND status = 'pending'`,
        [now, rows.map((row) => row.id)],
      );
      return rows.length;
    });
  }
}
