import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditLog, AuditReader } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  NotFoundProblem,
  type Tenant,
  ValidationProblem,
} from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { DataSource } from 'typeorm';
import type { FeedEventType } from '../changes/public-changes';
import { WebhookFeed } from './webhook-feed';

export interface WebhookSubscription {
  id: number;
  url: string;
  events: FeedEventType[];
  contactEmail: string;
  status: 'active' | 'paused';
  failedInARow: number;
  pausedAt: string | null;
  createdAt: string;
  version: number;
}

export interface WebhookDelivery {
  id: number;
  eventId: string;
  eventType: FeedEventType;
  objectId: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** An admin's webhook subscriptions: made (the secret shown once), listed, resumed, removed. */
@Injectable()
export class WebhookSubscriptions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly auditReader: AuditReader,
    private readonly feed: WebhookFeed,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async list(tenant: Tenant): Promise<WebhookSubscription[]> {
    const rows = (await this.dataSource.query(
      `SELECT id, url, events, contact_email AS contactEmail, status, failed_in_a_row AS failed,
              paused_at AS pausedAt, created_at AS createdAt, version
         FROM webhook_subscriptions WHERE municipality_id = ? ORDER BY id`,
      [tenant.municipalityId],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: Number(row.id),
      url: String(row.url),
      events: (typeof row.events === 'string'
        ? JSON.parse(row.events)
        : row.events) as FeedEventType[],
      contactEmail: String(row.contactEmail),
      status: row.status as 'active' | 'paused',
      failedInARow: Number(row.failed),
      pausedAt: iso(row.pausedAt as Date | null),
      createdAt: iso(row.createdAt as Date)!,
      version: Number(row.version),
    }));
  }

  async get(tenant: Tenant, id: number): Promise<WebhookSubscription> {
    const found = (await this.list(tenant)).find((subscription) => subscription.id === id);
    if (!found) throw new NotFoundProblem('webhook', id);
    return found;
  }

  /** A new subscription; its signing secret is in this answer only. */
  async create(
    tenant: Tenant & { userId?: number },
    command: { url: string; events: FeedEventType[]; contactEmail: string },
  ): Promise<WebhookSubscription & { secret: string }> {
    const url = new URL(command.url);
    if (this.config.app.env === 'production' && url.protocol !== 'https:') {
      throw new ValidationProblem([{ field: 'url', message: 'url must be https in production' }]);
    }
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const now = this.clock.now();
    const id = await this.transactions.run(async (tx) => {
      const result = (await tx.query(
        `INSERT INTO webhook_subscriptions
           (municipality_id, url, secret, events, contact_email, from_audit_id, created_by,
            created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          tenant.municipalityId,
          url.toString(),
          secret,
          JSON.stringify([...new Set(command.events)].sort()),
          command.contactEmail,
          // Changes from now on: not the municipality's history.
          await this.auditReader.newestId(),
          tenant.userId ?? null,
          now,
          now,
        ],
      )) as { insertId: number | string };
      await this.audit.record(tx, {
        action: 'webhook.created',
        entityType: 'webhook',
        entityId: Number(result.insertId),
        municipalityId: tenant.municipalityId,
        // Never the secret.
        after: { url: url.toString(), events: command.events, contactEmail: command.contactEmail },
      });
      return Number(result.insertId);
    });
    return { ...(await this.get(tenant, id)), secret };
  }

  /** Active again: the events recorded while paused go out, in order per object. */
  async resume(tenant: Tenant, id: number, version: number): Promise<WebhookSubscription> {
    await this.transactions.run(async (tx) => {
      const [row] = (await tx.query(
        `SELECT status, version FROM webhook_subscriptions
          WHERE id = ? AND municipality_id = ? FOR UPDATE`,
        [id, tenant.municipalityId],
      )) as Array<{ status: string; version: number | string }>;
      if (!row) throw new NotFoundProblem('webhook', id);
      assertCurrentVersion('webhook', Number(row.version), version);
      await tx.query(
        `UPDATE webhook_subscriptions
            SET status = 'active', failed_in_a_row = 0, paused_at = NULL, updated_at = ?,
                version = version + 1
          WHERE id = ? AND municipality_id = ?`,
        [this.clock.now(), id, tenant.municipalityId],
      );
      // Whatever waited is queued afresh (a wait may have been dropped while paused).
      await tx.query(
        `UPDATE webhook_deliveries SET queued = 0
          WHERE subscription_id = ? AND municipality_id = ? AND status = 'pending'`,
        [id, tenant.municipalityId],
      );
      await this.audit.record(tx, {
        action: 'webhook.resumed',
        entityType: 'webhook',
        entityId: id,
        municipalityId: tenant.municipalityId,
        before: { status: row.status },
        after: { status: 'active' },
      });
    });
    await this.feed.enqueuePending();
    return this.get(tenant, id);
  }

  async remove(tenant: Tenant, id: number): Promise<void> {
    await this.transactions.run(async (tx) => {
      const subscription = await this.get(tenant, id);
      await tx.query('DELETE FROM webhook_subscriptions WHERE id = ? AND municipality_id = ?', [
        id,
        tenant.municipalityId,
      ]);
      await this.audit.record(tx, {
        action: 'webhook.removed',
        entityType: 'webhook',
        entityId: id,
        municipalityId: tenant.municipalityId,
        before: { url: subscription.url, events: subscription.events },
      });
    });
  }

  /** The delivery log, newest first, a page at a time. */
  async deliveries(
    tenant: Tenant,
    id: number,
    page: { before?: number; limit: number },
  ): Promise<{ deliveries: WebhookDelivery[]; nextBefore: number | null }> {
    await this.get(tenant, id);
    const rows = (await this.dataSource.query(
      `SELECT id, event_id AS eventId, event_type AS eventType, object_id AS objectId, status,
              attempts, last_status_code AS lastStatusCode, last_error AS lastError,
              last_attempt_at AS lastAttemptAt, delivered_at AS deliveredAt, created_at AS createdAt
         FROM webhook_deliveries
        WHERE municipality_id = ? AND subscription_id = ? AND id < ?
        ORDER BY id DESC LIMIT ?`,
      [tenant.municipalityId, id, page.before ?? Number.MAX_SAFE_INTEGER, page.limit + 1],
    )) as Array<Record<string, unknown>>;
    const shown = rows.slice(0, page.limit).map((row) => ({
      id: Number(row.id),
      eventId: String(row.eventId),
      eventType: row.eventType as FeedEventType,
      objectId: Number(row.objectId),
      status: row.status as WebhookDelivery['status'],
      attempts: Number(row.attempts),
      lastStatusCode: row.lastStatusCode === null ? null : Number(row.lastStatusCode),
      lastError: (row.lastError as string | null) ?? null,
      lastAttemptAt: iso(row.lastAttemptAt as Date | null),
      deliveredAt: iso(row.deliveredAt as Date | null),
      createdAt: iso(row.createdAt as Date)!,
    }));
    return {
      deliveries: shown,
      nextBefore: rows.length > page.limit ? shown[shown.length - 1].id : null,
    };
  }

  /** Sends a delivered or failed event again (same event id, so a receiver can tell). */
  async resend(tenant: Tenant, id: number, deliveryId: number): Promise<WebhookDelivery> {
    await this.get(tenant, id);
    await this.transactions.run(async (tx) => {
      const result = (await tx.query(
        `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, queued = 0,
                last_error = NULL, delivered_at = NULL
          WHERE id = ? AND subscription_id = ? AND municipality_id = ? AND status <> 'pending'`,
        [deliveryId, id, tenant.municipalityId],
      )) as { affectedRows: number };
      if (result.affectedRows !== 1) {
        const [exists] = (await tx.query(
          'SELECT id FROM webhook_deliveries WHERE id = ? AND subscription_id = ? AND municipality_id = ?',
          [deliveryId, id, tenant.municipalityId],
        )) as unknown[];
        if (!exists) throw new NotFoundProblem('delivery', deliveryId);
        throw new ConflictProblem('still-pending', 'The event is still waiting to be delivered.');
      }
      await this.audit.record(tx, {
        action: 'webhook.resend',
        entityType: 'webhook',
        entityId: id,
        municipalityId: tenant.municipalityId,
        after: { deliveryId },
      });
    });
    await this.feed.enqueuePending();
    const { deliveries } = await this.deliveries(tenant, id, { before: deliveryId + 1, limit: 1 });
    return deliveries[0];
  }
}
