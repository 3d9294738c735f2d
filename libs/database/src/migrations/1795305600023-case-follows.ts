import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Residents who follow a case from the portal (issue 23): an e-mail address per case, pending
 * until confirmed by the link sent to it (double opt-in), and deleted when unsubscribed or when
 * never confirmed within a week. The token of its links (confirm, stop) is a random capability.
 */
export class CaseFollows1795305600023 implements MigrationInterface {
  name = 'CaseFollows1795305600023';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_follows (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        email VARCHAR(254) NOT NULL,
        token CHAR(32) NOT NULL,
        status VARCHAR(16) NOT NULL DEFAULT 'pending',
        created_at DATETIME(3) NOT NULL,
        confirmed_at DATETIME(3) NULL,
        from_audit_id BIGINT UNSIGNED NULL,
        UNIQUE KEY uq_case_follows_address (municipality_id, case_id, email),
        UNIQUE KEY uq_case_follows_token (token),
        KEY ix_case_follows_case (municipality_id, case_id, status)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE case_follows');
  }
}
