import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci';

/**
 * Follow-ups (bevakningar): recurring obligations with an RRULE of due dates, their occurrences,
 * and the wake-ups of each occurrence (open, remind, late). The rows are the truth: a BullMQ
 * delayed job only wakes the worker, carrying the version it was armed for, and a sweeper fires
 * what is due when a job never came. The in-app inbox holds what users were told.
 */
export class CreateFollowups1795305600010 implements MigrationInterface {
  name = 'CreateFollowups1795305600010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE obligations (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NULL,
        kind VARCHAR(24) NOT NULL,
        title VARCHAR(500) NOT NULL,
        responsible_user_id BIGINT UNSIGNED NULL,
        report_organ_id BIGINT UNSIGNED NULL,
        rrule VARCHAR(300) NULL,
        first_due DATE NOT NULL,
        lead_days SMALLINT UNSIGNED NOT NULL,
        reminder_days JSON NOT NULL,
        status VARCHAR(16) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        KEY ix_obligations_status (status, municipality_id),
        KEY ix_obligations_case (case_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE obligation_occurrences (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        obligation_id BIGINT UNSIGNED NOT NULL,
        due_on DATE NOT NULL,
        opens_on DATE NOT NULL,
        status VARCHAR(16) NOT NULL,
        follow_up_case_id BIGINT UNSIGNED NULL,
        opened_at DATETIME(3) NULL,
        fulfilled_at DATETIME(3) NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_occurrences_due (obligation_id, due_on),
        KEY ix_occurrences_status (status, municipality_id),
        CONSTRAINT fk_occurrences_obligation FOREIGN KEY (obligation_id) REFERENCES obligations (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE wakeups (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        occurrence_id BIGINT UNSIGNED NOT NULL,
        kind VARCHAR(16) NOT NULL,
        offset_days SMALLINT NOT NULL,
        fires_at DATETIME(3) NOT NULL,
        status VARCHAR(16) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        fired_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_wakeups (occurrence_id, kind, offset_days),
        KEY ix_wakeups_due (status, fires_at),
        CONSTRAINT fk_wakeups_occurrence FOREIGN KEY (occurrence_id) REFERENCES obligation_occurrences (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE inbox_messages (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        user_id BIGINT UNSIGNED NOT NULL,
        idempotency_key VARCHAR(200) NOT NULL,
        subject VARCHAR(500) NOT NULL,
        body TEXT NOT NULL,
        case_id BIGINT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL,
        read_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_inbox_key (municipality_id, idempotency_key),
        KEY ix_inbox_user (user_id, id)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['inbox_messages', 'wakeups', 'obligation_occurrences', 'obligations']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
