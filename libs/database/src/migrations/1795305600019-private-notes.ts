import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member's private notes on agenda items (issue 22, the reading room): one per user and item,
 * readable by their author only, deletable by them; the audit log records that a note was written
 * or deleted, never its text.
 */
export class PrivateNotes1795305600019 implements MigrationInterface {
  name = 'PrivateNotes1795305600019';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE private_notes (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        user_id BIGINT UNSIGNED NOT NULL,
        meeting_id BIGINT UNSIGNED NOT NULL,
        agenda_item_id BIGINT UNSIGNED NOT NULL,
        text TEXT NOT NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL,
        UNIQUE KEY ux_private_notes_author (user_id, agenda_item_id),
        KEY ix_private_notes_meeting (municipality_id, user_id, meeting_id),
        CONSTRAINT fk_private_notes_item FOREIGN KEY (agenda_item_id) REFERENCES agenda_items (id)
          ON DELETE CASCADE
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE private_notes');
  }
}
