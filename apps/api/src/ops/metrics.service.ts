import { Injectable } from '@nestjs/common';
import { QueueRegistry } from '@nf/queue';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** Prometheus metrics of this api process, plus the backlog of the outbox and the queues. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Requests answered from memory ahead of the framework (also counted in httpDuration). */
  readonly readsFromMemory: Counter<'route'>;

  constructor(dataSource: DataSource, queues: QueueRegistry) {
    collectDefaultMetrics({ register: this.registry, prefix: 'nf_api_' });
    this.httpDuration = new Histogram({
      name: 'nf_http_request_duration_seconds',
      help: 'HTTP request duration by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.readsFromMemory = new Counter({
      name: 'nf_http_reads_from_memory_total',
      help: 'Requests answered from the read caches, without the framework or the database',
      labelNames: ['route'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'nf_outbox_messages',
      help: 'Outbox rows by status (pending and published are not yet confirmed)',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        const rows = (await dataSource.query(
          `SELECT status, COUNT(*) AS n FROM outbox_messages WHERE status <> 'confirmed' GROUP BY status`,
        )) as Array<{ status: string; n: number | string }>;
        this.reset();
        for (const status of ['pending', 'published', 'failed']) {
          this.set({ status }, Number(rows.find((row) => row.status === status)?.n ?? 0));
        }
      },
    });
    new Gauge({
      name: 'nf_queue_jobs',
      help: 'BullMQ jobs by queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const queue of queues.all()) {
          const counts = await queue.getJobCounts(
            'waiting',
            'active',
            'delayed',
            'failed',
            'completed',
          );
          for (const [state, count] of Object.entries(counts))
            this.set({ queue: queue.name, state }, count);
        }
      },
    });
  }
}
