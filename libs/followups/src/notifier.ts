import { Injectable } from '@nestjs/common';
import { Clock } from '@nf/common';
import { Users } from '@nf/identity';
import { MailQueue } from '@nf/notifications';
import { EntityManager } from 'typeorm';

export interface Notice {
  municipalityId: number;
  /** Once per key and user: a notice given twice is given once. */
  key: string;
  subject: string;
  body: string;
  caseId?: number | null;
}

/**
 * Tells users something: a message in their in-app inbox and, when their person has an e-mail
 * address, an e-mail (queued with the same key, sent by the mail job with retries). Both inside
 * the caller's transaction, once per key and user.
 */
@Injectable()
export class Notifier {
  constructor(
    private readonly mailQueue: MailQueue,
    private readonly clock: Clock,
    private readonly users: Users,
  ) {}

  async tell(tx: EntityManager, userIds: number[], notice: Notice): Promise<number> {
    if (userIds.length === 0) return 0;
    const users = await this.users.contacts(notice, userIds, tx);
    let told = 0;
    for (const user of users) {
      const key = `${notice.key}:user:${user.id}`;
      const inserted = (await tx.query(
        `INSERT IGNORE INTO inbox_messages (municipality_id, user_id, idempotency_key, subject, body, case_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          notice.municipalityId,
          user.id,
          key,
          notice.subject,
          notice.body,
          notice.caseId ?? null,
          this.clock.now(),
        ],
      )) as { affectedRows: number };
      if (inserted.affectedRows !== 1) continue;
      told++;
      if (user.email) {
        await this.mailQueue.enqueue(tx, {
          municipalityId: notice.municipalityId,
          idempotencyKey: key,
          recipient: user.email,
          recipientName: user.name,
          subject: notice.subject,
          body: notice.body,
        });
      }
    }
    return told;
  }

  /** The users who keep the organ's minutes (its secretaries), to be told of what is late. */
  async secretariesOf(tx: EntityManager, municipalityId: number, organId: number | null) {
    return this.users.holdersOf({ municipalityId }, 'sekreterare', organId, tx);
  }
}
