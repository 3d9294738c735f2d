import { Injectable } from '@nestjs/common';
import { Clock, RequestContexts } from '@nf/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OutboxMessage } from './outbox-message.entity';

export interface OutboxEntry {
  queue: string;
  jobName: string;
  payload: Record<string, unknown>;
  municipalityId?: number | null;
  /** Start no earlier than this instant (default: as soon as published). */
  availableAt?: Date;
}

/**
 * Records that a job is due, inside the caller's transaction. Domain code uses the typed
 * `Outbox` of the queue lib; this is the untyped row writer underneath it.
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly clock: Clock) {}

  async write(manager: EntityManager, entries: OutboxEntry[]): Promise<number[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox rows must be written inside the transaction of the state change');
    }
    if (entries.length === 0) return [];
    const now = this.clock.now();
    const context = RequestContexts.current();
    const rows = entries.map(
      (entry) =>
        ({
          queue: entry.queue,
          jobName: entry.jobName,
          payload: entry.payload,
          municipalityId: entry.municipalityId ?? context?.municipalityId ?? null,
          requestId: context?.requestId ?? null,
          status: 'pending',
          createdAt: now,
          availableAt: entry.availableAt ?? now,
          publishCount: 0,
        }) as QueryDeepPartialEntity<OutboxMessage>,
    );
    const result = await manager.insert(OutboxMessage, rows);
    return result.identifiers.map((identifier) => Number(identifier.id));
  }
}
