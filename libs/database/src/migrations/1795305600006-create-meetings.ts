import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci';

/**
 * Meetings and their agendas, notices (meddelanden), the delegation order and the decisions taken
 * under it, and the published summons (kallelse) versions with their rendered files. A case is on
 * an open agenda through `route_steps.on_agenda_meeting_id` (set by compare-and-set).
 */
export class CreateMeetings1795305600006 implements MigrationInterface {
  name = 'CreateMeetings1795305600006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE meetings (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        starts_at DATETIME(3) NOT NULL,
        ends_at DATETIME(3) NULL,
        place VARCHAR(300) NOT NULL,
        secretary_name VARCHAR(200) NULL,
        chair_name VARCHAR(200) NULL,
        submission_deadline DATE NULL,
        status VARCHAR(16) NOT NULL,
        summons_version INT UNSIGNED NOT NULL DEFAULT 0,
        agenda_changed_after_summons TINYINT(1) NOT NULL DEFAULT 0,
        cancelled_reason VARCHAR(1000) NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        KEY ix_meetings_organ (municipality_id, organ_id, starts_at),
        CONSTRAINT fk_meetings_organ FOREIGN KEY (organ_id) REFERENCES organs (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE agenda_items (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        meeting_id BIGINT UNSIGNED NOT NULL,
        ordinal INT UNSIGNED NOT NULL,
        kind VARCHAR(24) NOT NULL,
        title VARCHAR(500) NOT NULL,
        case_id BIGINT UNSIGNED NULL,
        route_step_id BIGINT UNSIGNED NULL,
        route_round INT UNSIGNED NULL,
        proposal_text TEXT NULL,
        closed_osl VARCHAR(100) NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_agenda_items_meeting (meeting_id, ordinal),
        KEY ix_agenda_items_case (case_id),
        CONSTRAINT fk_agenda_items_meeting FOREIGN KEY (meeting_id) REFERENCES meetings (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE notices (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        dnr VARCHAR(64) NULL,
        sender VARCHAR(300) NOT NULL,
        received_on DATE NOT NULL,
        text VARCHAR(2000) NOT NULL,
        meeting_id BIGINT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_notices_open (municipality_id, organ_id, meeting_id, id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE delegation_points (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        code VARCHAR(20) NOT NULL,
        text VARCHAR(1000) NOT NULL,
        delegates VARCHAR(500) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_delegation_points (organ_id, code)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE delegation_decisions (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        delegate VARCHAR(300) NOT NULL,
        delegate_title VARCHAR(200) NULL,
        decided_on DATE NULL,
        point_code VARCHAR(20) NULL,
        point_text VARCHAR(500) NULL,
        dnr VARCHAR(64) NULL,
        summary VARCHAR(2000) NOT NULL,
        urgent TINYINT(1) NOT NULL DEFAULT 0,
        meeting_id BIGINT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_delegation_decisions_open (municipality_id, organ_id, meeting_id, id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE summonses (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        meeting_id BIGINT UNSIGNED NOT NULL,
        version_no INT UNSIGNED NOT NULL,
        content JSON NOT NULL,
        published_at DATETIME(3) NOT NULL,
        published_by BIGINT UNSIGNED NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_summonses_version (meeting_id, version_no)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE summons_files (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        summons_id BIGINT UNSIGNED NOT NULL,
        filename VARCHAR(255) NOT NULL,
        content_type VARCHAR(100) NOT NULL,
        size_bytes BIGINT UNSIGNED NOT NULL,
        sha256 CHAR(64) NOT NULL,
        storage_key VARCHAR(300) NOT NULL,
        public TINYINT(1) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_summons_files (summons_id, filename)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'summons_files',
      'summonses',
      'delegation_decisions',
      'delegation_points',
      'notices',
      'agenda_items',
      'meetings',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
