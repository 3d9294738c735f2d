import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci';

/**
 * The registry (diarium): dnr series and their yearly counters, the classification structure,
 * cases with their links, documents (handlingar) and their files.
 * Serials are allocated from `dnr_counters` in the transaction that inserts the case; the unique key
 * (series, year, serial) is the backstop. AUTO_INCREMENT ids are internal and never shown.
 */
export class CreateRegistry1795305600004 implements MigrationInterface {
  name = 'CreateRegistry1795305600004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dnr_series (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        code VARCHAR(32) NOT NULL,
        name VARCHAR(200) NOT NULL,
        format VARCHAR(100) NOT NULL,
        is_default TINYINT(1) NOT NULL DEFAULT 0,
        default_key BIGINT UNSIGNED AS (IF(is_default, municipality_id, NULL)) PERSISTENT,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_dnr_series_code (municipality_id, code),
        UNIQUE KEY ux_dnr_series_default (default_key)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE dnr_counters (
        series_id BIGINT UNSIGNED NOT NULL,
        year SMALLINT UNSIGNED NOT NULL,
        next_serial INT UNSIGNED NOT NULL,
        PRIMARY KEY (series_id, year),
        CONSTRAINT fk_dnr_counters_series FOREIGN KEY (series_id) REFERENCES dnr_series (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE classification_codes (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        code VARCHAR(32) NOT NULL,
        title VARCHAR(300) NOT NULL,
        parent_code VARCHAR(32) NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_classification_code (municipality_id, code)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE cases (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        series_id BIGINT UNSIGNED NOT NULL,
        year SMALLINT UNSIGNED NOT NULL,
        serial INT UNSIGNED NOT NULL,
        dnr VARCHAR(64) NOT NULL,
        imported TINYINT(1) NOT NULL DEFAULT 0,
        title VARCHAR(500) NOT NULL,
        public_title VARCHAR(500) NULL,
        classification_code VARCHAR(32) NULL,
        organ_id BIGINT UNSIGNED NULL,
        responsible_user_id BIGINT UNSIGNED NULL,
        unit VARCHAR(200) NULL,
        status VARCHAR(16) NOT NULL DEFAULT 'open',
        registered_at DATETIME(3) NOT NULL,
        decided_at DATETIME(3) NULL,
        closed_at DATETIME(3) NULL,
        secrecy_osl VARCHAR(100) NULL,
        secrecy_marked_by BIGINT UNSIGNED NULL,
        secrecy_marked_at DATETIME(3) NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_cases_serial (series_id, year, serial),
        UNIQUE KEY ux_cases_dnr (municipality_id, dnr),
        KEY ix_cases_status (municipality_id, status, id),
        KEY ix_cases_classification (municipality_id, classification_code, id),
        KEY ix_cases_organ (municipality_id, organ_id, id),
        KEY ix_cases_responsible (municipality_id, responsible_user_id, id),
        KEY ix_cases_registered (municipality_id, registered_at, id),
        FULLTEXT KEY ft_cases_title (title),
        FULLTEXT KEY ft_cases_public_title (public_title),
        CONSTRAINT fk_cases_series FOREIGN KEY (series_id) REFERENCES dnr_series (id),
        CONSTRAINT ck_cases_status CHECK (status IN ('open', 'decided', 'closed'))
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE case_links (
        municipality_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        related_case_id BIGINT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (case_id, related_case_id),
        KEY ix_case_links_related (related_case_id),
        CONSTRAINT fk_case_links_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT fk_case_links_related FOREIGN KEY (related_case_id) REFERENCES cases (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE documents (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        case_id BIGINT UNSIGNED NOT NULL,
        ordinal INT UNSIGNED NOT NULL,
        direction VARCHAR(16) NOT NULL,
        document_date DATE NOT NULL,
        sender_recipient VARCHAR(300) NULL,
        sender_protected TINYINT(1) NOT NULL DEFAULT 0,
        description VARCHAR(1000) NOT NULL,
        type VARCHAR(40) NOT NULL,
        secrecy_osl VARCHAR(100) NULL,
        registered_at DATETIME(3) NOT NULL,
        registered_by BIGINT UNSIGNED NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_documents_ordinal (case_id, ordinal),
        KEY ix_documents_tenant (municipality_id, document_date, id),
        FULLTEXT KEY ft_documents_description (description),
        CONSTRAINT fk_documents_case FOREIGN KEY (case_id) REFERENCES cases (id),
        CONSTRAINT ck_documents_direction CHECK (direction IN ('inkommande', 'upprattad', 'utgaende', 'intern'))
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE document_files (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        document_id BIGINT UNSIGNED NOT NULL,
        filename VARCHAR(255) NOT NULL,
        content_type VARCHAR(100) NOT NULL,
        size_bytes BIGINT UNSIGNED NOT NULL,
        sha256 CHAR(64) NOT NULL,
        storage_key VARCHAR(300) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        created_by BIGINT UNSIGNED NULL,
        PRIMARY KEY (id),
        KEY ix_document_files_document (document_id),
        CONSTRAINT fk_document_files_document FOREIGN KEY (document_id) REFERENCES documents (id)
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'document_files',
      'documents',
      'case_links',
      'cases',
      'classification_codes',
      'dnr_counters',
      'dnr_series',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
