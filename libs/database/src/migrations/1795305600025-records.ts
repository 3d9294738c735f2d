import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records kept right (issue 24): the dokumenthanteringsplan (versioned retention rules per
 * classification code and optionally document type), holds that stop gallring (a litigation hold,
 * an open request for documents), gallringslistor with their items (what went, by which rule,
 * approved by whom: kept for good as the gallringsprotokoll), and on the registry's documents the
 * moment they were weeded.
 */
export class Records1795305600025 implements MigrationInterface {
  name = 'Records1795305600025';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE retention_plans (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        version INT UNSIGNED NOT NULL,
        decision VARCHAR(300) NOT NULL,
        valid_from DATE NOT NULL,
        created_by BIGINT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL,
        UNIQUE KEY uq_retention_plans_version (municipality_id, version)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(`
      CREATE TABLE retention_rules (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        plan_id BIGINT UNSIGNED NOT NULL,
        position INT UNSIGNED NOT NULL,
        classification_code VARCHAR(32) NOT NULL,
        document_type VARCHAR(40) NULL,
        description VARCHAR(300) NOT NULL,
        action VARCHAR(16) NOT NULL,
        after_months SMALLINT UNSIGNED NULL,
        counted_from VARCHAR(24) NULL,
        fixed_date DATE NULL,
        keep VARCHAR(24) NOT NULL DEFAULT 'register-entry',
        legal_basis VARCHAR(500) NOT NULL,
        UNIQUE KEY uq_retention_rules_scope (plan_id, classification_code, document_type),
        KEY ix_retention_rules_plan (municipality_id, plan_id, position),
        CONSTRAINT fk_retention_rules_plan FOREIGN KEY (plan_id) REFERENCES retention_plans (id),
        CONSTRAINT ck_retention_rules_action CHECK (action IN ('bevaras', 'gallras')),
        CONSTRAINT ck_retention_rules_from CHECK (counted_from IS NULL OR counted_from IN ('closing', 'closing-year-end')),
        CONSTRAINT ck_retention_rules_keep CHECK (keep IN ('register-entry', 'nothing'))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(`
      CREATE TABLE record_holds (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        reason VARCHAR(16) NOT NULL,
        note VARCHAR(1000) NOT NULL,
        placed_by BIGINT UNSIGNED NULL,
        placed_at DATETIME(3) NOT NULL,
        lifted_by BIGINT UNSIGNED NULL,
        lifted_at DATETIME(3) NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        KEY ix_record_holds_case (municipality_id, case_id, lifted_at),
        CONSTRAINT ck_record_holds_reason CHECK (reason IN ('litigation', 'request'))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(`
      CREATE TABLE gallring_lists (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        plan_id BIGINT UNSIGNED NOT NULL,
        status VARCHAR(16) NOT NULL,
        drawn_on DATE NOT NULL,
        created_at DATETIME(3) NOT NULL,
        decided_by BIGINT UNSIGNED NULL,
        decided_at DATETIME(3) NULL,
        executed_at DATETIME(3) NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        KEY ix_gallring_lists_status (municipality_id, status),
        CONSTRAINT fk_gallring_lists_plan FOREIGN KEY (plan_id) REFERENCES retention_plans (id),
        CONSTRAINT ck_gallring_lists_status CHECK (status IN ('proposed', 'approved', 'executed', 'rejected'))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(`
      CREATE TABLE gallring_items (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
        municipality_id BIGINT UNSIGNED NOT NULL,
        list_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        rule_id BIGINT UNSIGNED NOT NULL,
        due_on DATE NOT NULL,
        status VARCHAR(16) NOT NULL DEFAULT 'listed',
        outcome VARCHAR(300) NULL,
        files_removed INT UNSIGNED NOT NULL DEFAULT 0,
        storage_keys JSON NULL,
        blobs_removed_at DATETIME(3) NULL,
        weeded_at DATETIME(3) NULL,
        UNIQUE KEY uq_gallring_items_document (list_id, document_id),
        KEY ix_gallring_items_list (municipality_id, list_id, status),
        KEY ix_gallring_items_document (municipality_id, document_id, status),
        CONSTRAINT fk_gallring_items_list FOREIGN KEY (list_id) REFERENCES gallring_lists (id),
        CONSTRAINT fk_gallring_items_rule FOREIGN KEY (rule_id) REFERENCES retention_rules (id),
        CONSTRAINT ck_gallring_items_status CHECK (status IN ('listed', 'excluded', 'weeded', 'skipped'))
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(`
      ALTER TABLE documents
        ADD COLUMN weeded_at DATETIME(3) NULL,
        ADD COLUMN weeded_by_rule VARCHAR(500) NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE documents DROP COLUMN weeded_at, DROP COLUMN weeded_by_rule',
    );
    for (const table of [
      'gallring_items',
      'gallring_lists',
      'record_holds',
      'retention_rules',
      'retention_plans',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
