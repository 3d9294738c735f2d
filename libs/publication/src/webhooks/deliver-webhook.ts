import { createHmac } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock } from '@nf/common';
import { AppConfig } from '@nf/config';
import { TransactionRunner } from '@nf/database';
import { MailQueue } from '@nf/notifications';
import type { JobOutcome } from '@nf/queue';
import { DataSource } from 'typeorm';
import { WebhookFeed } from './webhook-feed';

const TIMEOUT_MS = 10_000;

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (as Stripe's). */
export function signature(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

interface DeliveryRow {
  id: number | string;
  subscriptionId: number | string;
  auditId: number | string;
  eventId: string;
  eventType: string;
  objectId: number | string;
  payload: string | object;
  status: string;
  attempts: number | string;
  url: string;
  secret: string;
  contactEmail: string;
  subscriptionStatus: string;
}

/**
 * Delivers one event to its subscription, in order per object: an event waits while an earlier
 * one of the same object is undelivered, and its delivery queues the next. A refusal (not 2xx,
 * or no answer) is retried with the job's backoff; after WEBHOOK_MAX_ATTEMPTS the event counts as
 * failed and the next goes; WEBHOOK_PAUSE_AFTER_FAILED failed in a row pause the subscription and
 * e-mail its owner. A delivered event is marked so before anything else, so a second run sends nothing.
 */
@Injectable()
export class DeliverWebhook {
  private readonly logger = new Logger(DeliverWebhook.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly feed: WebhookFeed,
    private readonly mail: MailQueue,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  private async load(municipalityId: number, deliveryId: number): Promise<DeliveryRow | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT d.id, d.subscription_id AS subscriptionId, d.audit_id AS auditId, d.event_id AS eventId,
              d.event_type AS eventType, d.object_id AS objectId, d.payload, d.status, d.attempts,
              s.url, s.secret, s.contact_email AS contactEmail, s.status AS subscriptionStatus
         FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
        WHERE d.id = ? AND d.municipality_id = ?`,
      [deliveryId, municipalityId],
    )) as DeliveryRow[];
    return row;
  }

  async execute(municipalityId: number, deliveryId: number): Promise<JobOutcome> {
    const delivery = await this.load(municipalityId, deliveryId);
    if (!delivery || delivery.status !== 'pending') {
      return { status: 'skipped', reason: 'delivered, failed or removed already' };
    }
    if (delivery.subscriptionStatus !== 'active') {
      return { status: 'skipped', reason: `the subscription is ${delivery.subscriptionStatus}` };
    }
    const [earlier] = (await this.dataSource.query(
      `SELECT id FROM webhook_deliveries
        WHERE municipality_id = ? AND subscription_id = ? AND event_type = ? AND object_id = ?
          AND status = 'pending' AND (audit_id < ? OR (audit_id = ? AND id < ?))
        LIMIT 1`,
      [
        municipalityId,
        delivery.subscriptionId,
        delivery.eventType,
        delivery.objectId,
        delivery.auditId,
        delivery.auditId,
        delivery.id,
      ],
    )) as Array<{ id: number | string }>;
    if (earlier) {
      // Queued again when the earlier one is delivered (or fails for good).
      await this.dataSource.query(
        'UPDATE webhook_deliveries SET queued = 0 WHERE id = ? AND municipality_id = ?',
        [delivery.id, municipalityId],
      );
      return { status: 'skipped', reason: `waits for event ${earlier.id} of the same object` };
    }

    const body =
      typeof delivery.payload === 'string' ? delivery.payload : JSON.stringify(delivery.payload);
    const now = this.clock.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Namndflode-Webhooks/1',
          'nf-event-id': delivery.eventId,
          'nf-event-type': delivery.eventType,
          'nf-signature': signature(delivery.secret, body, now),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      statusCode = response.status;
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }

    const delivered = error === null;
    const attempts = Number(delivery.attempts) + 1;
    const failed = !delivered && attempts >= this.config.webhooks.maxAttempts;
    await this.transactions.run(async (tx) => {
      await tx.query(
        `UPDATE webhook_deliveries
            SET status = ?, attempts = ?, last_status_code = ?, last_error = ?, last_attempt_at = ?,
                delivered_at = ?
          WHERE id = ? AND municipality_id = ?`,
        [
          delivered ? 'delivered' : failed ? 'failed' : 'pending',
          attempts,
          statusCode,
          error?.slice(0, 500) ?? null,
          now,
          delivered ? now : null,
          delivery.id,
          municipalityId,
        ],
      );
      if (delivered) {
        await tx.query(
          'UPDATE webhook_subscriptions SET failed_in_a_row = 0 WHERE id = ? AND municipality_id = ?',
          [delivery.subscriptionId, municipalityId],
        );
      }
      if (failed) await this.countFailure(tx, municipalityId, delivery);
      if (delivered || failed) {
        // The next event of the same object, now that this one is settled.
        const [next] = (await tx.query(
          `SELECT id FROM webhook_deliveries
            WHERE municipality_id = ? AND subscription_id = ? AND event_type = ? AND object_id = ?
              AND status = 'pending' AND queued = 0
            ORDER BY audit_id, id LIMIT 1 FOR UPDATE`,
          [municipalityId, delivery.subscriptionId, delivery.eventType, delivery.objectId],
        )) as Array<{ id: number | string }>;
        if (next) await this.feed.enqueue(tx, municipalityId, Number(next.id));
      }
    });
    if (delivered) return { status: 'done', detail: `delivered (HTTP ${statusCode})` };
    if (failed) return { status: 'done', detail: `failed after ${attempts} attempts: ${error}` };
    // The job's backoff tries again.
    throw new Error(`Webhook delivery ${delivery.id} refused: ${error}`);
  }

  private async countFailure(
    tx: import('typeorm').EntityManager,
    municipalityId: number,
    delivery: DeliveryRow,
  ): Promise<void> {
    await tx.query(
      `UPDATE webhook_subscriptions SET failed_in_a_row = failed_in_a_row + 1
        WHERE id = ? AND municipality_id = ?`,
      [delivery.subscriptionId, municipalityId],
    );
    const [subscription] = (await tx.query(
      `SELECT failed_in_a_row AS failed, status FROM webhook_subscriptions
        WHERE id = ? AND municipality_id = ?`,
      [delivery.subscriptionId, municipalityId],
    )) as Array<{ failed: number | string; status: string }>;
    const pauseAfter = this.config.webhooks.pauseAfterFailed;
    if (subscription.status !== 'active' || Number(subscription.failed) < pauseAfter) return;
    const now = this.clock.now();
    await tx.query(
      `UPDATE webhook_subscriptions SET status = 'paused', paused_at = ?, updated_at = ?,
              version = version + 1
        WHERE id = ? AND municipality_id = ?`,
      [now, now, delivery.subscriptionId, municipalityId],
    );
    await this.audit.record(tx, {
      action: 'webhook.paused',
      entityType: 'webhook',
      entityId: Number(delivery.subscriptionId),
      municipalityId,
      before: { status: 'active' },
      after: { status: 'paused', failedInARow: Number(subscription.failed) },
    });
    this.logger.warn(`Webhook subscription ${delivery.subscriptionId} paused after failures`);
    await this.mail.enqueue(tx, {
      municipalityId,
      idempotencyKey: `webhook-paused:${delivery.subscriptionId}:${now.getTime()}`,
      recipient: delivery.contactEmail,
      subject: 'Webhook pausad – Nämndflöde',
      body: [
        'Hej!',
        '',
        `Prenumerationen på händelser till ${delivery.url} har pausats, eftersom ${pauseAfter} händelser i rad inte kunde levereras (senast: ${delivery.eventType}, händelse ${delivery.eventId}).`,
        '',
        'Händelserna sparas. När mottagaren fungerar igen återupptar en administratör prenumerationen under Administration, och de väntande händelserna skickas i ordning.',
        '',
        'Med vänlig hälsning',
        'Nämndflöde',
      ].join('\n'),
    });
  }
}
