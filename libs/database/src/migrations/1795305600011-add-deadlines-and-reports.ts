import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci';

/**
 * The rest of the follow-ups: legal deadlines as records (justering, anslag, end of appeal, a
 * motion's year, KF's announcement), woken by the same wake-up rows as the obligations; obligations
 * proposed from a decision's follow-up clause (kept until a person confirms the rule); the content
 * of a follow-up report (årsuppföljning: goals, assessments, KF's assignments), the board each
 * annual follow-up belongs to and the municipality's settings for them (due date, lead time,
 * reminders); and the secret token of each user's calendar feed.
 */
export class AddDeadlinesAndReports1795305600011 implements MigrationInterface {
  name = 'AddDeadlinesAndReports1795305600011';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE deadlines (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        kind VARCHAR(24) NOT NULL,
        subject_type VARCHAR(16) NOT NULL,
        subject_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NULL,
        case_id BIGINT UNSIGNED NULL,
        title VARCHAR(500) NOT NULL,
        due_on DATE NOT NULL,
        status VARCHAR(16) NOT NULL,
        met_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_deadlines_subject (kind, subject_type, subject_id),
        KEY ix_deadlines_due (municipality_id, status, due_on)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      ALTER TABLE wakeups
        MODIFY occurrence_id BIGINT UNSIGNED NULL,
        ADD COLUMN deadline_id BIGINT UNSIGNED NULL AFTER occurrence_id,
        ADD UNIQUE KEY ux_wakeups_deadline (deadline_id, kind, offset_days),
        ADD CONSTRAINT fk_wakeups_deadline FOREIGN KEY (deadline_id) REFERENCES deadlines (id)`);
    await queryRunner.query(`
      ALTER TABLE obligations
        ADD COLUMN source_event_id BIGINT UNSIGNED NULL AFTER case_id,
        ADD COLUMN organ_id BIGINT UNSIGNED NULL AFTER source_event_id,
        ADD COLUMN clause TEXT NULL AFTER title,
        ADD COLUMN proposal JSON NULL AFTER clause,
        MODIFY first_due DATE NULL,
        ADD UNIQUE KEY ux_obligations_source (source_event_id),
        ADD KEY ix_obligations_organ (organ_id, kind)`);
    await queryRunner.query(`
      CREATE TABLE annual_followup_settings (
        municipality_id BIGINT UNSIGNED NOT NULL,
        rrule VARCHAR(300) NOT NULL,
        lead_days SMALLINT UNSIGNED NOT NULL,
        reminder_days JSON NOT NULL,
        report_organ_id BIGINT UNSIGNED NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (municipality_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE followup_reports (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        occurrence_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NULL,
        content JSON NOT NULL,
        status VARCHAR(16) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        updated_by BIGINT UNSIGNED NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_reports_occurrence (occurrence_id),
        CONSTRAINT fk_reports_occurrence FOREIGN KEY (occurrence_id) REFERENCES obligation_occurrences (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE calendar_feeds (
        user_id BIGINT UNSIGNED NOT NULL,
        municipality_id BIGINT UNSIGNED NOT NULL,
        token_hash CHAR(64) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (user_id),
        UNIQUE KEY ux_calendar_token (token_hash)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE calendar_feeds');
    await queryRunner.query('DROP TABLE followup_reports');
    await queryRunner.query('DROP TABLE annual_followup_settings');
    await queryRunner.query(
      "DELETE FROM obligations WHERE status = 'proposed' AND first_due IS NULL",
    );
    await queryRunner.query(
      'ALTER TABLE obligations MODIFY first_due DATE NOT NULL, DROP INDEX ix_obligations_organ, DROP COLUMN organ_id, DROP INDEX ux_obligations_source, DROP COLUMN proposal, DROP COLUMN clause, DROP COLUMN source_event_id',
    );
    await queryRunner.query(
      'ALTER TABLE wakeups DROP FOREIGN KEY fk_wakeups_deadline, DROP INDEX ux_wakeups_deadline, DROP COLUMN deadline_id',
    );
    await queryRunner.query('DELETE FROM wakeups WHERE occurrence_id IS NULL');
    await queryRunner.query('ALTER TABLE wakeups MODIFY occurrence_id BIGINT UNSIGNED NOT NULL');
    await queryRunner.query('DROP TABLE deadlines');
  }
}
