import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, Index } from 'typeorm';

export type OutboxStatus = 'pending' | 'published' | 'confirmed' | 'failed';

/**
 * A job that a committed state change made due. Written in the same transaction as the change;
 * the relay publishes it to BullMQ as job `outbox-<id>`; the job's handler confirms it.
 */
@Entity({ name: 'outbox_messages' })
@Index('ix_outbox_status_id', ['status', 'id'])
export class OutboxMessage {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id', true))
  municipalityId: number | null;

  @Column({ type: 'varchar', length: 64 })
  queue: string;

  @Column({ name: 'job_name', type: 'varchar', length: 128 })
  jobName: string;

  @Column({ type: 'json' })
  payload: Record<string, unknown>;

  /** The request whose transaction wrote the row, for tracing a job back to its cause. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: OutboxStatus;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  /** When the job may start; the relay publishes it delayed until then. */
  @Column({ name: 'available_at', type: 'datetime', precision: 3 })
  availableAt: Date;

  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'confirmed_at', type: 'datetime', precision: 3, nullable: true })
  confirmedAt: Date | null;

  @Column({ name: 'publish_count', type: 'int', unsigned: true, default: 0 })
  publishCount: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;
}

/** The BullMQ job id of an outbox row: `outbox-<id>` (never a bare integer, never a colon). */
export function outboxJobId(id: number | string): string {
  return `outbox-${id}`;
}

export function outboxIdFromJobId(jobId: string | undefined): number | undefined {
  const match = /^outbox-(\d+)$/.exec(jobId ?? '');
  return match ? Number(match[1]) : undefined;
}
