import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutbox1795305600000 implements MigrationInterface {
  name = 'CreateOutbox1795305600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_messages (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NULL,
        queue VARCHAR(64) NOT NULL,
        job_name VARCHAR(128) NOT NULL,
        payload JSON NOT NULL,
        request_id VARCHAR(64) NULL,
        status VARCHAR(16) NOT NULL DEFAULT 'pending',
        created_at DATETIME(3) NOT NULL,
        available_at DATETIME(3) NOT NULL,
        published_at DATETIME(3) NULL,
        confirmed_at DATETIME(3) NULL,
        publish_count INT UNSIGNED NOT NULL DEFAULT 0,
        last_error VARCHAR(1000) NULL,
        PRIMARY KEY (id),
        KEY ix_outbox_status_id (status, id),
        CONSTRAINT ck_outbox_status CHECK (status IN ('pending', 'published', 'confirmed', 'failed'))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE outbox_messages');
  }
}
