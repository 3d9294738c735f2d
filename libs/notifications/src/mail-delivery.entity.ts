import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity } from 'typeorm';

/** A file sent with an e-mail: stored content (by storage key) or inline text (an ICS part). */
export type MailAttachment =
  | { filename: string; contentType: string; storageKey: string }
  | { filename: string; contentType: string; content: string };

/** `cancelled`: never sent, its recipient forgotten (MailQueue.forget). */
export type DeliveryStatus = 'pending' | 'sent' | 'cancelled';

/** One e-mail to one recipient. */
@Entity({ name: 'mail_deliveries' })
export class MailDelivery {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  /** What the message is, e.g. `kallelse:12:person:34`: queued once per key. */
  @Column({ name: 'idempotency_key', type: 'varchar', length: 200 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 254 })
  recipient: string;

  @Column({ name: 'recipient_name', type: 'varchar', length: 200, nullable: true })
  recipientName: string | null;

  @Column({ type: 'varchar', length: 500 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'json' })
  attachments: MailAttachment[];

  @Column({ type: 'varchar', length: 16 })
  status: DeliveryStatus;

  @Column({ type: 'int', unsigned: true, default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true })
  sentAt: Date | null;
}
