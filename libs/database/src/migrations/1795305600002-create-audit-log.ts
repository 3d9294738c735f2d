import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log is append-only in the database itself: triggers refuse every UPDATE and DELETE,
 * whoever sends it. (TRUNCATE and DROP need privileges the application user should not hold.)
 */
export class CreateAuditLog1795305600002 implements MigrationInterface {
  name = 'CreateAuditLog1795305600002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NULL,
        occurred_at DATETIME(3) NOT NULL,
        actor_type VARCHAR(16) NOT NULL,
        actor_id VARCHAR(64) NULL,
        actor_label VARCHAR(200) NULL,
        action VARCHAR(100) NOT NULL,
        entity_type VARCHAR(64) NOT NULL,
        entity_id VARCHAR(64) NULL,
        request_id VARCHAR(64) NULL,
        before_state JSON NULL,
        after_state JSON NULL,
        PRIMARY KEY (id),
        KEY ix_audit_entity (municipality_id, entity_type, entity_id, id),
        KEY ix_audit_actor (municipality_id, actor_type, actor_id, id),
        KEY ix_audit_request (request_id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only: UPDATE refused'`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only: DELETE refused'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_log_no_delete');
    await queryRunner.query('DROP TRIGGER IF EXISTS audit_log_no_update');
    await queryRunner.query('DROP TABLE audit_log');
  }
}
