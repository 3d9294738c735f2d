import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci';

/**
 * The verksamhetsplan and its figures (issue 21): a board's plan for a year or a period, one row
 * per version (drafted, adopted when its case is decided, superseded by a revision), its goals,
 * activities, assignments and targets kept as its content; the board's indicators (mätetal) and
 * their outcomes per year and sex; the rows of its economic tables (drift, investeringar,
 * personal) and their values per period and measure. Every value keeps who entered it and when.
 * A municipality's SCB kommunkod identifies it in Kolada's exports.
 */
export class CreatePlans1795305600017 implements MigrationInterface {
  name = 'CreatePlans1795305600017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE municipalities ADD COLUMN kommunkod CHAR(4) NULL AFTER name',
    );
    await queryRunner.query(`
      CREATE TABLE plans (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        title VARCHAR(300) NOT NULL,
        first_year SMALLINT UNSIGNED NOT NULL,
        last_year SMALLINT UNSIGNED NOT NULL,
        revision SMALLINT UNSIGNED NOT NULL,
        status VARCHAR(16) NOT NULL,
        case_id BIGINT UNSIGNED NULL,
        supersedes_id BIGINT UNSIGNED NULL,
        content JSON NOT NULL,
        adopted_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        updated_by BIGINT UNSIGNED NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_plans_revision (organ_id, first_year, revision),
        KEY ix_plans_organ (municipality_id, organ_id, status, first_year)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE indicators (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        kpi_id VARCHAR(32) NULL,
        name VARCHAR(500) NOT NULL,
        unit VARCHAR(32) NOT NULL,
        source VARCHAR(200) NOT NULL,
        direction VARCHAR(16) NOT NULL,
        by_sex BOOLEAN NOT NULL DEFAULT FALSE,
        created_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_indicators_kpi (organ_id, kpi_id),
        KEY ix_indicators_organ (municipality_id, organ_id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE indicator_values (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        indicator_id BIGINT UNSIGNED NOT NULL,
        year SMALLINT UNSIGNED NOT NULL,
        gender CHAR(1) NOT NULL,
        value DECIMAL(18,4) NOT NULL,
        origin VARCHAR(16) NOT NULL,
        entered_by BIGINT UNSIGNED NULL,
        entered_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_indicator_values (indicator_id, year, gender),
        CONSTRAINT fk_indicator_values_indicator FOREIGN KEY (indicator_id) REFERENCES indicators (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE economy_rows (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        table_kind VARCHAR(16) NOT NULL,
        code VARCHAR(32) NOT NULL,
        name VARCHAR(300) NOT NULL,
        parent_code VARCHAR(32) NULL,
        unit VARCHAR(16) NOT NULL,
        position INT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_economy_rows_code (organ_id, table_kind, code),
        KEY ix_economy_rows_organ (municipality_id, organ_id, table_kind)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE economy_values (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        row_id BIGINT UNSIGNED NOT NULL,
        year SMALLINT UNSIGNED NOT NULL,
        period VARCHAR(3) NOT NULL,
        measure VARCHAR(12) NOT NULL,
        value DECIMAL(18,3) NOT NULL,
        origin VARCHAR(16) NOT NULL,
        entered_by BIGINT UNSIGNED NULL,
        entered_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_economy_values (row_id, year, period, measure),
        CONSTRAINT fk_economy_values_row FOREIGN KEY (row_id) REFERENCES economy_rows (id)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'economy_values',
      'economy_rows',
      'indicator_values',
      'indicators',
      'plans',
    ])
      await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query('ALTER TABLE municipalities DROP COLUMN kommunkod');
  }
}
