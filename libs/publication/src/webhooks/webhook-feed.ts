import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { Municipalities } from '@nf/tenancy';
import { DataSource, type EntityManager } from 'typeorm';
import type { FeedEvent } from '../changes/public-changes';

/** Where the OParl object an event is about can be read, by event type. */
const OPARL_PATH: Record<string, (id: number, meetingId?: number) => string> = {
  'case.changed': (id) => `papers/${id}`,
  'meeting.changed': (id) => `meetings/${id}`,
};

/**
 * The change feed's side of the projection: each event recorded once for every subscription
 * that asked for its type (however often the log is read), and each recorded event put through
 * the outbox to be delivered. A paused subscription's events wait, recorded, for it to resume.
 *
 * An event carries no title, text or name: what it is about (type, id, OParl URL), what was done
 * and when. A receiver reads the object from OParl, where secrecy is applied, so that no payload
 * can hold what a secret case protects.
 */
@Injectable()
export class WebhookFeed {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly municipalities: Municipalities,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async record(events: FeedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const tenants = [...new Set(events.map((event) => event.municipalityId))];
    const subscriptions = (await this.dataSource.query(
      `SELECT id, municipality_id AS municipalityId, events, from_audit_id AS fromAuditId
         FROM webhook_subscriptions
        WHERE municipality_id IN (?) AND status IN ('active', 'paused')`,
      [tenants],
    )) as Array<{
      id: number | string;
      municipalityId: number | string;
      events: string | string[];
      fromAuditId: number | string;
    }>;
    if (subscriptions.length === 0) return;
    const now = this.clock.now();
    const rows: unknown[][] = [];
    for (const subscription of subscriptions) {
      const wanted = new Set(
        typeof subscription.events === 'string'
          ? (JSON.parse(subscription.events) as string[])
          : subscription.events,
      );
      for (const event of events) {
        if (event.municipalityId !== Number(subscription.municipalityId)) continue;
        if (!wanted.has(event.type) || event.auditId <= Number(subscription.fromAuditId)) continue;
        const eventId = randomUUID();
        rows.push([
          event.municipalityId,
          Number(subscription.id),
          event.auditId,
          eventId,
          event.type,
          event.objectId,
          JSON.stringify(await this.payload(eventId, event)),
          now,
        ]);
      }
    }
    for (let start = 0; start < rows.length; start += 200) {
      const batch = rows.slice(start, start + 200);
      await this.dataSource.query(
        `INSERT IGNORE INTO webhook_deliveries
           (municipality_id, subscription_id, audit_id, event_id, event_type, object_id, payload,
            created_at)
         VALUES ${batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        batch.flat(),
      );
    }
    await this.enqueuePending();
  }

  private async payload(eventId: string, event: FeedEvent) {
    const municipality = await this.municipalities.getById(event.municipalityId);
    const origin = this.config.app.publicUrl?.replace(/\/$/, '');
    const path = OPARL_PATH[event.type]?.(event.objectId);
    return {
      id: eventId,
      type: event.type,
      occurredAt: event.at.toISOString(),
      municipality: municipality.slug,
      action: event.action,
      object: {
        id: event.objectId,
        ...(origin && path
          ? { oparl: `${origin}/oparl/v1/bodies/${encodeURIComponent(municipality.slug)}/${path}` }
          : {}),
      },
    };
  }

  /**
   * Puts every recorded, not yet queued event of an active subscription through the outbox, the
   * oldest first; a row another process holds is left to it.
   */
  async enqueuePending(): Promise<number> {
    return this.transactions.run(async (tx) => {
      const pending = (await tx.query(
        `SELECT d.id, d.municipality_id AS municipalityId FROM webhook_deliveries d
           JOIN webhook_subscriptions s ON s.id = d.subscription_id
          WHERE d.queued = 0 AND d.status = 'pending' AND s.status = 'active'
          ORDER BY d.audit_id, d.id LIMIT 1000 FOR UPDATE SKIP LOCKED`,
      )) as Array<{ id: number | string; municipalityId: number | string }>;
      for (const row of pending) await this.enqueue(tx, Number(row.municipalityId), Number(row.id));
      return pending.length;
    });
  }

  /** Queues one delivery, in the caller's transaction. */
  async enqueue(tx: EntityManager, municipalityId: number, deliveryId: number): Promise<void> {
    await tx.query(
      'UPDATE webhook_deliveries SET queued = 1 WHERE id = ? AND municipality_id = ?',
      [deliveryId, municipalityId],
    );
    await this.outbox.enqueue(
      tx,
      'publication.deliver-webhook',
      { municipalityId, deliveryId },
      { municipalityId },
    );
  }
}
