import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci';

/**
 * Organs, people and memberships (tenancy), users, role assignments and tokens (identity), the
 * municipality's settings, and the audit log's kind (change or security event).
 * Foreign keys stay inside a context; across contexts rows refer to each other by id only.
 */
export class CreateOrganisationAndIdentity1795305600003 implements MigrationInterface {
  name = 'CreateOrganisationAndIdentity1795305600003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE municipalities
        ADD COLUMN dnr_format VARCHAR(100) NOT NULL DEFAULT '{year}-{serial:5}',
        ADD COLUMN classification_code_appended TINYINT(1) NOT NULL DEFAULT 1`);
    await queryRunner.query(`
      ALTER TABLE audit_log
        ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'change' AFTER municipality_id,
        ADD KEY ix_audit_kind (municipality_id, kind, id)`);
    await queryRunner.query(`
      CREATE TABLE organs (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        code VARCHAR(32) NOT NULL,
        name VARCHAR(200) NOT NULL,
        kind VARCHAR(32) NOT NULL,
        parent_id BIGINT UNSIGNED NULL,
        adjusters_count TINYINT UNSIGNED NOT NULL DEFAULT 1,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_organs_code (municipality_id, code),
        CONSTRAINT fk_organs_municipality FOREIGN KEY (municipality_id) REFERENCES municipalities (id),
        CONSTRAINT fk_organs_parent FOREIGN KEY (parent_id) REFERENCES organs (id),
        CONSTRAINT ck_organs_adjusters CHECK (adjusters_count BETWEEN 1 AND 2)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE people (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        name VARCHAR(200) NOT NULL,
        title VARCHAR(200) NULL,
        party VARCHAR(32) NULL,
        email VARCHAR(254) NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        KEY ix_people_name (municipality_id, name),
        CONSTRAINT fk_people_municipality FOREIGN KEY (municipality_id) REFERENCES municipalities (id)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE memberships (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        organ_id BIGINT UNSIGNED NOT NULL,
        person_id BIGINT UNSIGNED NOT NULL,
        role VARCHAR(20) NOT NULL,
        party VARCHAR(32) NULL,
        valid_from DATE NOT NULL,
        valid_to DATE NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        KEY ix_memberships_organ (municipality_id, organ_id, valid_from),
        KEY ix_memberships_person (municipality_id, person_id),
        CONSTRAINT fk_memberships_organ FOREIGN KEY (organ_id) REFERENCES organs (id),
        CONSTRAINT fk_memberships_person FOREIGN KEY (person_id) REFERENCES people (id),
        CONSTRAINT ck_memberships_role CHECK (role IN ('ordforande', 'vice_ordforande', 'ledamot', 'ersattare')),
        CONSTRAINT ck_memberships_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE users (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        username VARCHAR(64) NOT NULL,
        display_name VARCHAR(200) NOT NULL,
        email VARCHAR(254) NULL,
        kind VARCHAR(16) NOT NULL DEFAULT 'person',
        password_hash VARCHAR(255) NULL,
        person_id BIGINT UNSIGNED NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        failed_logins INT UNSIGNED NOT NULL DEFAULT 0,
        locked_until DATETIME(3) NULL,
        identity_provider VARCHAR(64) NULL,
        external_subject VARCHAR(255) NULL,
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_users_username (municipality_id, username),
        UNIQUE KEY ux_users_external (municipality_id, identity_provider, external_subject),
        CONSTRAINT fk_users_municipality FOREIGN KEY (municipality_id) REFERENCES municipalities (id),
        CONSTRAINT ck_users_kind CHECK (kind IN ('person', 'service'))
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE role_assignments (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        user_id BIGINT UNSIGNED NOT NULL,
        role VARCHAR(32) NOT NULL,
        organ_id BIGINT UNSIGNED NULL,
        organ_key BIGINT UNSIGNED AS (IFNULL(organ_id, 0)) PERSISTENT,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_role_assignments (user_id, role, organ_key),
        KEY ix_role_assignments_tenant (municipality_id, role),
        CONSTRAINT fk_role_assignments_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      ) ${TABLE_OPTIONS}`);
    await queryRunner.query(`
      CREATE TABLE auth_tokens (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        municipality_id BIGINT UNSIGNED NOT NULL,
        user_id BIGINT UNSIGNED NOT NULL,
        kind VARCHAR(16) NOT NULL,
        token_hash CHAR(64) NOT NULL,
        family CHAR(36) NULL,
        name VARCHAR(100) NULL,
        created_at DATETIME(3) NOT NULL,
        expires_at DATETIME(3) NULL,
        last_used_at DATETIME(3) NULL,
        revoked_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY ux_auth_tokens_hash (token_hash),
        KEY ix_auth_tokens_user (municipality_id, user_id, kind),
        KEY ix_auth_tokens_family (family),
        CONSTRAINT fk_auth_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT ck_auth_tokens_kind CHECK (kind IN ('access', 'refresh', 'service'))
      ) ${TABLE_OPTIONS}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE auth_tokens');
    await queryRunner.query('DROP TABLE role_assignments');
    await queryRunner.query('DROP TABLE users');
    await queryRunner.query('DROP TABLE memberships');
    await queryRunner.query('DROP TABLE people');
    await queryRunner.query('DROP TABLE organs');
    await queryRunner.query('ALTER TABLE audit_log DROP KEY ix_audit_kind, DROP COLUMN kind');
    await queryRunner.query(
      'ALTER TABLE municipalities DROP COLUMN classification_code_appended, DROP COLUMN dnr_format',
    );
  }
}
