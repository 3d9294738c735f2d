import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Clock } from '@nf/common';
import { AppConfig } from '@nf/config';
import { Outbox } from '@nf/queue';
import { FileStorage } from '@nf/registry';
import { createTransport, Transporter } from 'nodemailer';
import { EntityManager } from 'typeorm';
import { MailAttachment, MailDelivery } from './mail-delivery.entity';

/** The address of a From such as `Nämndflöde <noreply@kalix.se>`. */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

export interface MailMessage {
  municipalityId: number;
  idempotencyKey: string;
  recipient: string;
  recipientName?: string | null;
  subject: string;
  body: string;
  attachments?: MailAttachment[];
}

/**
 * Queues e-mail: a delivery row (unique by its idempotency key) and the outbox row of the job that
 * sends it, inside the caller's transaction. A message queued twice is queued once.
 */
@Injectable()
export class MailQueue {
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async enqueue(tx: EntityManager, message: MailMessage): Promise<boolean> {
    const result = (await tx.query(
      `INSERT IGNORE INTO mail_deliveries (municipality_id, idempotency_key, recipient, recipient_name,
          subject, body, attachments, status, attempts, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)`,
      [
        message.municipalityId,
        message.idempotencyKey,
        message.recipient,
        message.recipientName ?? null,
        message.subject,
        message.body,
        JSON.stringify(message.attachments ?? []),
        this.clock.now(),
      ],
    )) as { affectedRows: number; insertId: number | string };
    if (result.affectedRows !== 1) return false;
    await this.outbox.enqueue(
      tx,
      'notifications.send-mail',
      { municipalityId: message.municipalityId, deliveryId: Number(result.insertId) },
      { municipalityId: message.municipalityId },
    );
    return true;
  }

  /**
   * Forgets an address in the log of e-mails sent to it (a resident who stopped following a
   * case): the rows stay, with the address replaced, and nothing waiting is sent to it any more.
   */
  async forget(tx: EntityManager, municipalityId: number, recipient: string): Promise<void> {
    await tx.query(
      `UPDATE mail_deliveries SET recipient = 'borttagen@invalid', recipient_name = NULL,
              status = IF(status = 'pending', 'cancelled', status)
        WHERE municipality_id = ? AND recipient = ?`,
      [municipalityId, recipient],
    );
  }
}

/** SMTP through nodemailer (the mail catcher in docker-compose, the municipality's relay in production). */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly transport: Transporter;

  constructor(
    private readonly config: AppConfig,
    private readonly storage: FileStorage,
  ) {
    this.transport = createTransport({
      host: config.smtp.host,
      port: config.smtp.port,
      secure: config.smtp.secure,
      auth: config.smtp.user
        ? { user: config.smtp.user, pass: config.smtp.password ?? '' }
        : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  /** Sends a delivery; the Message-ID derives from its key, so that a resend is recognisable. */
  async send(delivery: MailDelivery): Promise<string> {
    const attachments = await Promise.all(
      delivery.attachments.map(async (attachment) =>
        'storageKey' in attachment
          ? {
              filename: attachment.filename,
              contentType: attachment.contentType,
              content: await this.storage.read(attachment.storageKey),
            }
          : {
              filename: attachment.filename,
              contentType: attachment.contentType,
              content: attachment.content,
            },
      ),
    );
    const domain = addressOf(this.config.smtp.from).split('@')[1] ?? 'namndflode.local';
    const info = await this.transport.sendMail({
      from: this.config.smtp.from,
      to: delivery.recipientName
        ? { name: delivery.recipientName, address: delivery.recipient }
        : delivery.recipient,
      subject: delivery.subject,
      text: delivery.body,
      messageId: `<${delivery.municipalityId}.${delivery.idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`,
      attachments,
    });
    return String(info.messageId);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
