import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci';

/**
 * Workflow: a case's route instance (a copy of its template's steps, so that the case keeps the
 * version it started on), the events that move it (one per visit of a step: `(step, round)` is
 * unique, so an outcome recorded or delivered twice moves the case once), tjänsteskrivelser as
 * versioned structured documents, and motions.
 */
export class CreateWorkflow1795305600005 implements MigrationInterface {
  name = 'CreateWorkflow1795305600005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE route_instances (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        template_key VARCHAR(40) NOT NULL,
        template_version INT UNSIGNED NOT NULL,
        status VARCHAR(16) NOT NULL,
        current_step TINYINT UNSIGNED NOT NULL,
        current_round INT UNSIGNED NOT NULL,
        started_at DATETIME(3) NOT NULL,
        started_by BIGINT UNSIGNED NULL,
        finished_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_route_instances_case (case_id),
        KEY ix_route_instances_municipality (municipality_id, status),
        CONSTRAINT fk_route_instances_case FOREIGN KEY (case_id) REFERENCES cases (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE route_steps (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        route_id BIGINT UNSIGNED NOT NULL,
        ordinal TINYINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        role VARCHAR(16) NOT NULL,
        authoritative TINYINT(1) NOT NULL,
        state VARCHAR(16) NOT NULL,
        proposal_text TEXT NULL,
        ready_since DATETIME(3) NULL,
        on_agenda_meeting_id BIGINT UNSIGNED NULL,
        done_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_route_steps_ordinal (route_id, ordinal),
        KEY ix_route_steps_ready (municipality_id, organ_id, state, ready_since),
        CONSTRAINT fk_route_steps_route FOREIGN KEY (route_id) REFERENCES route_instances (id),
        CONSTRAINT fk_route_steps_organ FOREIGN KEY (organ_id) REFERENCES organs (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE route_events (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        route_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        step TINYINT UNSIGNED NOT NULL,
        round INT UNSIGNED NOT NULL,
        kind VARCHAR(16) NOT NULL,
        status VARCHAR(16) NOT NULL,
        text TEXT NULL,
        reason VARCHAR(1000) NULL,
        meeting_id BIGINT UNSIGNED NULL,
        meeting_date DATE NULL,
        paragraph INT UNSIGNED NULL,
        motion_answer VARCHAR(16) NULL,
        follow_up_clause TEXT NULL,
        source VARCHAR(200) NULL,
        recorded_at DATETIME(3) NOT NULL,
        recorded_by BIGINT UNSIGNED NULL,
        applied_at DATETIME(3) NULL,
        rejected_reason VARCHAR(500) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_route_events_visit (route_id, step, round),
        KEY ix_route_events_case (case_id),
        CONSTRAINT fk_route_events_route FOREIGN KEY (route_id) REFERENCES route_instances (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE tjansteskrivelser (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        version_no INT UNSIGNED NOT NULL,
        status VARCHAR(16) NOT NULL,
        title VARCHAR(500) NOT NULL,
        document_date DATE NOT NULL,
        author_user_id BIGINT UNSIGNED NULL,
        author_name VARCHAR(200) NOT NULL,
        author_title VARCHAR(200) NOT NULL,
        addressed_organ_id BIGINT UNSIGNED NOT NULL,
        summary TEXT NULL,
        description MEDIUMTEXT NULL,
        proposal_clauses JSON NOT NULL,
        basis_document_ids JSON NOT NULL,
        gender_analysis TEXT NULL,
        follow_up_clause TEXT NULL,
        submitted_at DATETIME(3) NULL,
        document_id BIGINT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_tjansteskrivelser_version (case_id, version_no),
        KEY ix_tjansteskrivelser_municipality (municipality_id),
        CONSTRAINT fk_tjansteskrivelser_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_tjansteskrivelser_organ FOREIGN KEY (addressed_organ_id) REFERENCES organs (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE motions (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        submitted_on DATE NOT NULL,
        authors JSON NOT NULL,
        deadline_on DATE NOT NULL,
        remitted_on DATE NULL,
        remitted_paragraph INT UNSIGNED NULL,
        answer VARCHAR(16) NULL,
        answered_on DATE NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_motions_case (case_id),
        KEY ix_motions_deadline (municipality_id, answer, deadline_on),
        CONSTRAINT fk_motions_case FOREIGN KEY (case_id) REFERENCES cases (id)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'motions',
      'tjansteskrivelser',
      'route_events',
      'route_steps',
      'route_instances',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
