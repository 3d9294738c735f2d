import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail deliveries: one row per message and recipient, unique by an idempotency key, so that a
 * message is queued once however often the job that queues it runs, and sent at most once per
 * successful attempt (the send job checks the row's status).
 */
export class CreateMailDeliveries1795305600007 implements MigrationInterface {
  name = 'CreateMailDeliveries1795305600007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE mail_deliveries (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        idempotency_key VARCHAR(200) NOT NULL,
        recipient VARCHAR(254) NOT NULL,
        recipient_name VARCHAR(200) NULL,
        subject VARCHAR(500) NOT NULL,
        body TEXT NOT NULL,
        attachments JSON NOT NULL,
        status VARCHAR(16) NOT NULL,
        attempts INT UNSIGNED NOT NULL DEFAULT 0,
        last_error VARCHAR(1000) NULL,
        message_id VARCHAR(300) NULL,
        created_at DATETIME(3) NOT NULL,
        sent_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_mail_deliveries_key (municipality_id, idempotency_key)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE mail_deliveries');
  }
}
