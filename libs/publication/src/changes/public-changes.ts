import { Injectable } from '@nestjs/common';
import { type AuditEntry, AuditReader } from '@nf/audit';
import type { Tenant } from '@nf/common';
import type { ChangeWindow } from '@nf/database';
import { MeetingQueries } from '@nf/meetings';
import { ProtocolQueries } from '@nf/protocols';
import { DocumentQueries } from '@nf/registry';
import { RouteQueries } from '@nf/workflow';
import { DataSource } from 'typeorm';
import { CaseFollows } from '../follows/case-follows';
import { WebhookFeed } from '../webhooks/webhook-feed';

/** The public objects whose changes are kept: OParl's, by their own ids. */
export const PUBLIC_OBJECT_TYPES = [
  'paper',
  'meeting',
  'agenda_item',
  'consultation',
  'organization',
  'person',
  'membership',
] as const;
export type PublicObjectType = (typeof PUBLIC_OBJECT_TYPES)[number];

/** One public object changed (or removed) by one audited change. */
export interface PublicChange {
  municipalityId: number;
  type: PublicObjectType;
  id: number;
  at: Date;
  deleted: boolean;
  /** An agenda item's place and creation, kept in its tombstone, where known. */
  order: number | null;
  createdAt: Date | null;
  auditId: number;
}

/** The kinds of event the change feed sends, each about one object. */
export const FEED_EVENT_TYPES = [
  'case.changed',
  'meeting.changed',
  'protocol.changed',
  'anslag.posted',
] as const;
export type FeedEventType = (typeof FEED_EVENT_TYPES)[number];

/** One event of the change feed: an audited change of a case, meeting, protocol or anslag. */
export interface FeedEvent {
  municipalityId: number;
  type: FeedEventType;
  objectId: number;
  /** What was done, as audited (`agenda.item-added`, `route.advanced`, …). */
  action: string;
  at: Date;
  auditId: number;
}

/** What the tombstone of a removed object keeps. */
export interface Removal {
  createdAt: Date;
  removedAt: Date;
  order: number | null;
}

/** How many entries before the last one read are read again, for a transaction that committed late. */
const OVERLAP = 200;
const BATCH = 1000;

const numberIn = (state: Record<string, unknown> | null, key: string): number | null => {
  const value = state?.[key];
  return typeof value === 'number'
    ? value
    : typeof value === 'string' && /^\d+$/.test(value)
      ? Number(value)
      : null;
};

/**
 * When each public object last changed, projected from the audit log (every change is audited,
 * in the transaction that makes it): a case's paper, its consultations when its route moves, a
 * meeting and its agenda items when the agenda, the kallelse or the protocol changes, and an
 * agenda item removed as a tombstone. A read catches up before it answers, so that a harvester
 * reads its own writes; entries are read again a little behind the last one read, so that a
 * transaction that committed after a later one is not missed. Projecting twice changes nothing.
 */
@Injectable()
export class PublicChanges {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditReader,
    private readonly meetings: MeetingQueries,
    private readonly protocols: ProtocolQueries,
    private readonly routes: RouteQueries,
    private readonly documents: DocumentQueries,
    private readonly feed: WebhookFeed,
    private readonly follows: CaseFollows,
  ) {}

  /** Projects what the audit log holds beyond what was read; returns the changes written. */
  async catchUp(): Promise<PublicChange[]> {
    const [{ last }] = (await this.dataSource.query(
      'SELECT last_audit_id AS last FROM public_projection WHERE id = 1',
    )) as Array<{ last: number | string }>;
    const read = Number(last);
    if ((await this.audit.newestId()) <= read) return [];
    const written: PublicChange[] = [];
    let after = Math.max(0, read - OVERLAP);
    for (;;) {
      const entries = await this.audit.changesAfter(after, BATCH);
      if (entries.length === 0) break;
      const { changes, events } = await this.changesOf(entries);
      await this.write(changes);
      await this.feed.record(events);
      await this.follows.notify(events);
      written.push(...changes);
      after = Number(entries[entries.length - 1].id);
      await this.dataSource.query(
        'UPDATE public_projection SET last_audit_id = GREATEST(last_audit_id, ?) WHERE id = 1',
        [after],
      );
      if (entries.length < BATCH) break;
    }
    return written;
  }

  private async write(changes: PublicChange[]): Promise<void> {
    for (let start = 0; start < changes.length; start += 500) {
      const rows = changes.slice(start, start + 500);
      // The newest change wins; a removal stays a removal (its id is never used again).
      await this.dataSource.query(
        `INSERT INTO public_changes
           (municipality_id, object_type, object_id, created_at, modified_at, deleted, kept_order,
            audit_id)
         VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE
           created_at = COALESCE(created_at, VALUES(created_at)),
           deleted = GREATEST(deleted, VALUES(deleted)),
           kept_order = COALESCE(VALUES(kept_order), kept_order),
           modified_at = GREATEST(modified_at, VALUES(modified_at)),
           audit_id = GREATEST(audit_id, VALUES(audit_id))`,
        rows.flatMap((change) => [
          change.municipalityId,
          change.type,
          change.id,
          change.createdAt,
          change.at,
          change.deleted ? 1 : 0,
          change.order,
          change.auditId,
        ]),
      );
    }
  }

  /** The public objects each entry changed. */
  private async changesOf(
    entries: AuditEntry[],
  ): Promise<{ changes: PublicChange[]; events: FeedEvent[] }> {
    const changes: PublicChange[] = [];
    const events: FeedEvent[] = [];
    const byTenant = new Map<number, AuditEntry[]>();
    for (const entry of entries) {
      const list = byTenant.get(entry.municipalityId!) ?? [];
      list.push(entry);
      byTenant.set(entry.municipalityId!, list);
    }
    for (const [municipalityId, own] of byTenant) {
      const tenant: Tenant = { municipalityId };
      const idOf = (entry: AuditEntry) => Number(entry.entityId);
      const ids = (type: string) =>
        own.filter((entry) => entry.entityType === type && entry.entityId).map(idOf);
      // What the entries name only by an id of their own: a protocol's meeting, a route's case,
      // a document's case.
      const [protocolMeetings, routeCases, documentCases] = await Promise.all([
        this.protocols.meetingsOf(tenant, ids('protocol')),
        this.routes.casesOfRoutes(tenant, ids('route')),
        this.documentCases(
          tenant,
          own.filter((entry) => entry.entityType === 'document'),
        ),
      ]);
      const meetingIds = [...ids('meeting'), ...protocolMeetings.values()];
      const caseIds = [
        ...ids('case'),
        ...routeCases.values(),
        ...documentCases.values(),
        ...own.flatMap(
          (entry) => numberIn(entry.after, 'caseId') ?? numberIn(entry.before, 'caseId') ?? [],
        ),
      ];
      const [items, steps] = await Promise.all([
        this.meetings.itemsOf(tenant, meetingIds),
        this.routes.steps(tenant, { caseIds }),
      ]);
      for (const entry of own) {
        const add = (
          type: PublicObjectType,
          id: number | null | undefined,
          removed: { order: number | null } | null = null,
        ) => {
          if (!id) return;
          changes.push({
            municipalityId,
            type,
            id,
            at: entry.occurredAt,
            deleted: removed !== null,
            order: removed?.order ?? null,
            createdAt:
              type === 'agenda_item'
                ? (items.find((item) => item.id === id)?.createdAt ?? null)
                : null,
            auditId: Number(entry.id),
          });
        };
        const event = (type: FeedEventType, objectId: number | null | undefined) => {
          if (objectId) {
            events.push({
              municipalityId,
              type,
              objectId,
              action: entry.action,
              at: entry.occurredAt,
              auditId: Number(entry.id),
            });
          }
        };
        const paper = (caseId: number | null | undefined) => {
          event('case.changed', caseId);
          add('paper', caseId);
          for (const step of steps) if (step.caseId === caseId) add('consultation', step.id);
        };
        const meeting = (meetingId: number | null | undefined, everyItem: boolean) => {
          add('meeting', meetingId);
          if (everyItem)
            for (const item of items) if (item.meetingId === meetingId) add('agenda_item', item.id);
        };
        switch (entry.entityType) {
          case 'case':
            paper(idOf(entry));
            break;
          case 'document':
            paper(documentCases.get(idOf(entry)));
            break;
          case 'route':
            paper(routeCases.get(idOf(entry)) ?? numberIn(entry.after, 'caseId'));
            break;
          case 'tjansteskrivelse':
          case 'motion':
            paper(numberIn(entry.after, 'caseId') ?? numberIn(entry.before, 'caseId'));
            break;
          case 'meeting': {
            event('meeting.changed', idOf(entry));
            const itemId = numberIn(entry.after, 'itemId') ?? numberIn(entry.before, 'itemId');
            // A move or a new order renumbers every item; a kallelse or a cancellation touches all.
            meeting(idOf(entry), itemId === null || entry.action !== 'agenda.item-updated');
            // A case put on (or taken off) an agenda has moved: its paper and its steps.
            paper(numberIn(entry.after, 'caseId') ?? numberIn(entry.before, 'caseId'));
            if (entry.action === 'agenda.item-removed') {
              add('agenda_item', itemId, { order: numberIn(entry.before, 'ordinal') });
            } else add('agenda_item', itemId);
            break;
          }
          case 'protocol':
            event(
              entry.action === 'anslag.posted' ? 'anslag.posted' : 'protocol.changed',
              idOf(entry),
            );
            meeting(protocolMeetings.get(idOf(entry)), true);
            break;
          case 'organ':
            add('organization', idOf(entry));
            break;
          case 'person':
            add('person', idOf(entry));
            break;
          case 'membership':
            add('membership', idOf(entry));
            add('organization', numberIn(entry.after, 'organId'));
            add('person', numberIn(entry.after, 'personId'));
            break;
        }
      }
    }
    return { changes, events };
  }

  private async documentCases(tenant: Tenant, entries: AuditEntry[]): Promise<Map<number, number>> {
    const known = new Map<number, number>();
    const unknown: number[] = [];
    for (const entry of entries) {
      const caseId = numberIn(entry.after, 'caseId') ?? numberIn(entry.before, 'caseId');
      if (caseId) known.set(Number(entry.entityId), caseId);
      else unknown.push(Number(entry.entityId));
    }
    for (const document of await this.documents.byIds(tenant, unknown))
      known.set(document.id, document.caseId);
    return known;
  }

  /** When each of the objects last changed, for those with a change recorded. */
  async modifiedOf(
    tenant: Tenant,
    type: PublicObjectType,
    ids: number[],
  ): Promise<Map<number, Date>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT object_id AS id, modified_at AS at FROM public_changes
        WHERE municipality_id = ? AND object_type = ? AND object_id IN (?)`,
      [tenant.municipalityId, type, [...new Set(ids)]],
    )) as Array<{ id: number | string; at: Date }>;
    return new Map(rows.map((row) => [Number(row.id), row.at]));
  }

  /** The objects changed (or removed) in the window, by id, after `afterId`: a page of a harvest. */
  async changed(
    tenant: Tenant,
    type: PublicObjectType,
    window: ChangeWindow,
    afterId: number,
    limit: number,
  ): Promise<Array<{ id: number; at: Date; deleted: boolean }>> {
    const bounds: string[] = [];
    const values: unknown[] = [];
    if (window.modifiedSince) {
      bounds.push('AND modified_at >= ?');
      values.push(window.modifiedSince);
    }
    if (window.modifiedUntil) {
      bounds.push('AND modified_at <= ?');
      values.push(window.modifiedUntil);
    }
    const rows = (await this.dataSource.query(
      `SELECT object_id AS id, modified_at AS at, deleted FROM public_changes
        WHERE municipality_id = ? AND object_type = ? AND object_id > ? ${bounds.join(' ')}
        ORDER BY object_id LIMIT ?`,
      [tenant.municipalityId, type, afterId, ...values, limit],
    )) as Array<{ id: number | string; at: Date; deleted: number | string }>;
    return rows.map((row) => ({
      id: Number(row.id),
      at: row.at,
      deleted: Number(row.deleted) === 1,
    }));
  }

  /** The tombstones of those of the objects that were removed, by id. */
  async removals(
    tenant: Tenant,
    type: PublicObjectType,
    ids: number[],
  ): Promise<Map<number, Removal>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT object_id AS id, COALESCE(created_at, modified_at) AS createdAt,
              modified_at AS removedAt,
              kept_order AS keptOrder
         FROM public_changes
        WHERE municipality_id = ? AND object_type = ? AND object_id IN (?) AND deleted = 1`,
      [tenant.municipalityId, type, [...new Set(ids)]],
    )) as Array<{
      id: number | string;
      createdAt: Date;
      removedAt: Date;
      keptOrder: number | null;
    }>;
    return new Map(
      rows.map((row) => [
        Number(row.id),
        { createdAt: row.createdAt, removedAt: row.removedAt, order: row.keptOrder },
      ]),
    );
  }
}
