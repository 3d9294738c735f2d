import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci';

/**
 * Protocols: one per meeting, a paragraph (§) per agenda item, numbered when the protocol is locked
 * from a counter row per organ and local year (gapless, never reused; the unique key is the
 * backstop), and the signatures of the chair and the justerare on the hash of what they signed.
 */
export class CreateProtocols1795305600008 implements MigrationInterface {
  name = 'CreateProtocols1795305600008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE protocols (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        meeting_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        status VARCHAR(16) NOT NULL,
        chair_user_id BIGINT UNSIGNED NOT NULL,
        adjuster_user_ids JSON NOT NULL,
        content_hash CHAR(64) NULL,
        locked_at DATETIME(3) NULL,
        adjusted_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_protocols_meeting (meeting_id),
        CONSTRAINT fk_protocols_meeting FOREIGN KEY (meeting_id) REFERENCES meetings (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE paragraph_counters (
        organ_id BIGINT UNSIGNED NOT NULL,
        year SMALLINT UNSIGNED NOT NULL,
        next_number INT UNSIGNED NOT NULL,
        PRIMARY KEY (organ_id, year)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE paragraphs (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        protocol_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        year SMALLINT UNSIGNED NOT NULL,
        ordinal INT UNSIGNED NOT NULL,
        number INT UNSIGNED NULL,
        heading VARCHAR(500) NOT NULL,
        case_id BIGINT UNSIGNED NULL,
        route_step_id BIGINT UNSIGNED NULL,
        route_round INT UNSIGNED NULL,
        outcome VARCHAR(16) NOT NULL,
        decision_text TEXT NULL,
        motion_answer VARCHAR(16) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_paragraphs_number (organ_id, year, number),
        KEY ix_paragraphs_protocol (protocol_id, ordinal),
        CONSTRAINT fk_paragraphs_protocol FOREIGN KEY (protocol_id) REFERENCES protocols (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE protocol_signatures (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        protocol_id BIGINT UNSIGNED NOT NULL,
        user_id BIGINT UNSIGNED NOT NULL,
        role VARCHAR(16) NOT NULL,
        method VARCHAR(32) NOT NULL,
        content_hash CHAR(64) NOT NULL,
        signed_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_protocol_signatures (protocol_id, user_id),
        CONSTRAINT fk_protocol_signatures_protocol FOREIGN KEY (protocol_id) REFERENCES protocols (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE anslag (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        protocol_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        meeting_date DATE NOT NULL,
        paragraphs VARCHAR(100) NOT NULL,
        adjusted_on DATE NOT NULL,
        posted_on DATE NOT NULL,
        appeal_ends_on DATE NOT NULL,
        removed_on DATE NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_anslag_protocol (protocol_id),
        KEY ix_anslag_current (municipality_id, removed_on),
        CONSTRAINT fk_anslag_protocol FOREIGN KEY (protocol_id) REFERENCES protocols (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE protocol_files (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        protocol_id BIGINT UNSIGNED NOT NULL,
        filename VARCHAR(255) NOT NULL,
        content_type VARCHAR(100) NOT NULL,
        size_bytes BIGINT UNSIGNED NOT NULL,
        sha256 CHAR(64) NOT NULL,
        storage_key VARCHAR(300) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_protocol_files (protocol_id, filename)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'protocol_files',
      'anslag',
      'protocol_signatures',
      'paragraphs',
      'paragraph_counters',
      'protocols',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
