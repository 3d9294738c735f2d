import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20. A notice (meddelande) may be a remiss: a request for an answer by a day, which the
 * board answers (by a decision in a case) or declines; a remiss with a day becomes a legal
 * deadline with reminders. A motion not decided within its year is reported (anmäld) to KF, which
 * may then write it off (avskriven): the day and meeting it was reported at.
 */
export class RemissAndMotionReports1795305600015 implements MigrationInterface {
  name = 'RemissAndMotionReports1795305600015';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE notices
        ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'meddelande' AFTER organ_id,
        ADD COLUMN answer_by DATE NULL AFTER text,
        ADD COLUMN remiss_status VARCHAR(16) NULL AFTER answer_by,
        ADD COLUMN answer_case_id BIGINT UNSIGNED NULL AFTER remiss_status,
        ADD COLUMN declined_reason VARCHAR(1000) NULL AFTER answer_case_id,
        ADD COLUMN settled_at DATETIME(3) NULL AFTER declined_reason,
        ADD KEY ix_notices_remiss (municipality_id, kind, id)`);
    await queryRunner.query(`
      ALTER TABLE motions
        ADD COLUMN reported_on DATE NULL AFTER remitted_paragraph,
        ADD COLUMN reported_meeting_id BIGINT UNSIGNED NULL AFTER reported_on`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE motions DROP COLUMN reported_meeting_id, DROP COLUMN reported_on',
    );
    await queryRunner.query(`
      ALTER TABLE notices
        DROP KEY ix_notices_remiss, DROP COLUMN settled_at, DROP COLUMN declined_reason,
        DROP COLUMN answer_case_id, DROP COLUMN remiss_status, DROP COLUMN answer_by,
        DROP COLUMN kind`);
  }
}
