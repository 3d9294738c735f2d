import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change feed (issue 23): webhook subscriptions an admin makes, and the delivery of each
 * event to each subscription (its log: attempts, the last answer, when delivered). An event is
 * recorded once per subscription and audit entry and object, however often the log is projected.
 */
export class Webhooks1795305600022 implements MigrationInterface {
  name = 'Webhooks1795305600022';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_subscriptions (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        url VARCHAR(500) NOT NULL,
        secret VARCHAR(100) NOT NULL,
        events JSON NOT NULL,
        contact_email VARCHAR(254) NOT NULL,
        from_audit_id BIGINT UNSIGNED NOT NULL,
        status VARCHAR(16) NOT NULL DEFAULT 'active',
        failed_in_a_row INT UNSIGNED NOT NULL DEFAULT 0,
        paused_at DATETIME(3) NULL,
        created_by BIGINT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        KEY ix_webhook_subscriptions_tenant (municipality_id, status)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        subscription_id BIGINT UNSIGNED NOT NULL,
        audit_id BIGINT UNSIGNED NOT NULL,
        event_id CHAR(36) NOT NULL,
        event_type VARCHAR(32) NOT NULL,
        object_id BIGINT UNSIGNED NOT NULL,
        payload JSON NOT NULL,
        status VARCHAR(16) NOT NULL DEFAULT 'pending',
        queued TINYINT(1) NOT NULL DEFAULT 0,
        attempts INT UNSIGNED NOT NULL DEFAULT 0,
        last_status_code INT NULL,
        last_error VARCHAR(500) NULL,
        last_attempt_at DATETIME(3) NULL,
        delivered_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_webhook_deliveries_event (subscription_id, audit_id, event_type, object_id),
        KEY ix_webhook_deliveries_object (subscription_id, event_type, object_id, status, audit_id),
        KEY ix_webhook_deliveries_queue (queued, status),
        CONSTRAINT fk_webhook_deliveries_subscription FOREIGN KEY (subscription_id)
          REFERENCES webhook_subscriptions (id) ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE webhook_deliveries');
    await queryRunner.query('DROP TABLE webhook_subscriptions');
  }
}
