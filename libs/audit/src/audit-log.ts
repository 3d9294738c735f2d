import { Injectable } from '@nestjs/common';
import { Actor, Clock, RequestContexts } from '@nf/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  /** Dotted verb, e.g. `municipality.created`, `case.registered`. */
  action: string;
  entityType: string;
  entityId?: string | number | null;
  municipalityId?: number | null;
  before?: object | null;
  after?: object | null;
  /** Defaults to the actor of the current request context. */
  actor?: Actor;
  /** Defaults to the id of the current request context. */
  requestId?: string | null;
}

/**
 * Writes audit entries inside the caller's transaction, so that a change and its record commit
 * or roll back together. Refused requests are recorded with `recordSecurityEvent`.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly clock: Clock) {}

  record(manager: EntityManager, record: AuditRecord): Promise<void> {
    return this.recordMany(manager, [record]);
  }

  /** Several changes of one transaction, in one statement. */
  async recordMany(manager: EntityManager, records: AuditRecord[]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Audit entries of state changes must be written inside their transaction');
    }
    if (records.length === 0) return;
    await manager.insert(
      AuditEntry,
      records.map((record) => this.toRow(record, 'change')),
    );
  }

  /**
   * A security event (a failed login, a refused request): written on its own, or in the
   * transaction of the state it goes with (a failed-login counter).
   */
  async recordSecurityEvent(manager: EntityManager, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEntry, this.toRow(record, 'security'));
  }

  private toRow(
    record: AuditRecord,
    kind: 'change' | 'security',
  ): QueryDeepPartialEntity<AuditEntry> {
    const context = RequestContexts.current();
    const actor = record.actor ?? context?.actor ?? { type: 'system' as const };
    return {
      kind,
      municipalityId: record.municipalityId ?? context?.municipalityId ?? null,
      occurredAt: this.clock.now(),
      actorType: actor.type,
      actorId: actor.id ?? null,
      actorLabel: actor.label ?? null,
      action: record.action,
      entityType: record.entityType,
      entityId:
        record.entityId === undefined || record.entityId === null ? null : String(record.entityId),
      requestId: record.requestId === undefined ? (context?.requestId ?? null) : record.requestId,
      before: record.before ?? null,
      after: record.after ?? null,
    } as QueryDeepPartialEntity<AuditEntry>;
  }
}
