import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Tenant } from '@nf/common';
import { FindOptionsWhere, LessThan, MoreThan, Not, IsNull, Repository } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  /** Entries made by this user. */
  actorUserId?: number;
  kind?: 'change' | 'security';
  /** Keyset: entries older than this id. */
  before?: number;
  limit: number;
}

/** Reads the audit log of one municipality, newest first, a page at a time. */
@Injectable()
export class AuditReader {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  async list(
    tenant: Tenant,
    filter: AuditFilter,
  ): Promise<{ entries: AuditEntry[]; nextBefore: number | null }> {
    const where: FindOptionsWhere<AuditEntry> = { municipalityId: tenant.municipalityId };
    if (filter.entityType) where.entityType = filter.entityType;
    if (filter.entityId) where.entityId = filter.entityId;
    if (filter.actorUserId)
      Object.assign(where, { actorType: 'user', actorId: String(filter.actorUserId) });
    if (filter.kind) where.kind = filter.kind;
    if (filter.before) where.id = LessThan(filter.before);
    const entries = await this.entries.find({
      where,
      order: { id: 'DESC' },
      take: filter.limit + 1,
    });
    const more = entries.length > filter.limit;
    const page = entries.slice(0, filter.limit);
    return { entries: page, nextBefore: more ? page[page.length - 1].id : null };
  }

  /**
   * Changes of every municipality recorded after the entry with this id, oldest first: what the
   * public side projects into its record of when each public object last changed.
   */
  changesAfter(afterId: number, limit: number): Promise<AuditEntry[]> {
    return this.entries.find({
      where: { id: MoreThan(afterId), kind: 'change', municipalityId: Not(IsNull()) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** The id of the newest entry (0 when there is none). */
  async newestId(): Promise<number> {
    const [newest] = await this.entries.find({
      select: { id: true },
      order: { id: 'DESC' },
      take: 1,
    });
    return newest ? Number(newest.id) : 0;
  }
}
