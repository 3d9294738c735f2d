import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins to names that are no account (a municipality and user name that do not exist),
 * counted and locked like an account's, so that a lock-out does not tell which names exist.
 * Keyed by a hash of the municipality and the name as typed; old rows are pruned.
 */
export class CreateLoginFailures1795305600012 implements MigrationInterface {
  name = 'CreateLoginFailures1795305600012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE login_failures (
        name_hash CHAR(64) NOT NULL,
        failed_logins INT UNSIGNED NOT NULL DEFAULT 0,
        locked_until DATETIME(3) NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (name_hash),
        KEY ix_login_failures_updated (updated_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE login_failures');
  }
}
