import { Injectable } from '@nestjs/common';
import { Clock } from '@nf/common';
import { JobContext, JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { DataSource } from 'typeorm';
import { Mailer } from './mail';
import { MailDelivery } from './mail-delivery.entity';

/**
 * Sends one queued e-mail. A delivery already sent is skipped; an SMTP failure is recorded and
 * thrown, so that BullMQ retries it with backoff.
 */
@Injectable()
export class SendMail {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  @JobHandler('notifications.send-mail')
  async handle(
    { municipalityId, deliveryId }: JobPayloads['notifications.send-mail'],
    context?: JobContext,
  ): Promise<JobOutcome> {
    const delivery = await this.dataSource.manager.findOne(MailDelivery, {
      where: { id: deliveryId, municipalityId },
    });
    if (!delivery) return { status: 'skipped', reason: `no delivery ${deliveryId}` };
    if (delivery.status !== 'pending') return { status: 'skipped', reason: `already ${delivery.status}` };
    let messageId: string;
    try {
      messageId = await this.mailer.send(delivery);
    } catch (error) {
      await this.dataSource.query(
        'UPDATE mail_deliveries SET attempts = attempts + 1, last_error = ? WHERE id = ? AND municipality_id = ?',
        [
          String(error instanceof Error ? error.message : error).slice(0, 1000),
          delivery.id,
          municipalityId,
        ],
      );
      throw error;
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE mail_deliveries SET status = 'sent', sent_at = ?, message_id = ?, attempts = attempts + 1, last_error = NULL
          WHERE id = ? AND municipality_id = ? AND status = 'pending'`,
        [this.clock.now(), messageId, delivery.id, municipalityId],
      );
      await context?.confirmOutboxIn(tx);
    });
    return { status: 'done', detail: `sent to ${delivery.recipient}` };
  }
}
