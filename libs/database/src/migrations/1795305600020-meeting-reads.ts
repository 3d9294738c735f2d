import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each member last opened each meeting (issue 22, the reading room's list of what is new
 * since): one row per user and meeting, the user's own.
 */
export class MeetingReads1795305600020 implements MigrationInterface {
  name = 'MeetingReads1795305600020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE meeting_reads (
        municipality_id BIGINT UNSIGNED NOT NULL,
        user_id BIGINT UNSIGNED NOT NULL,
        meeting_id BIGINT UNSIGNED NOT NULL,
        opened_at DATETIME(3) NOT NULL,
        PRIMARY KEY (user_id, meeting_id),
        KEY ix_meeting_reads_meeting (municipality_id, meeting_id),
        CONSTRAINT fk_meeting_reads_meeting FOREIGN KEY (meeting_id) REFERENCES meetings (id)
          ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE meeting_reads');
  }
}
