import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity } from 'typeorm';
import type { ActorType } from '@nf/common';

/** One state change: who, when, what, from which request, before and after. Append-only. */
@Entity({ name: 'audit_log' })
export class AuditEntry {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id', true))
  municipalityId: number | null;

  /** `change` for a state change, `security` for a failed login or a refused request. */
  @Column({ type: 'varchar', length: 16, default: 'change' })
  kind: 'change' | 'security';

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: ActorType;

  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_label', type: 'varchar', length: 200, nullable: true })
  actorLabel: string | null;

  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ name: 'before_state', type: 'json', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ name: 'after_state', type: 'json', nullable: true })
  after: Record<string, unknown> | null;
}
