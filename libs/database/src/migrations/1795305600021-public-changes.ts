import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each public object last changed, and which were removed (issue 23): the public side's
 * projection of the audit log, so that a harvester can sync by `modified_since` alone and find
 * a removed agenda item as a tombstone. `public_projection` holds how far the log is read.
 */
export class PublicChanges1795305600021 implements MigrationInterface {
  name = 'PublicChanges1795305600021';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE public_changes (
        municipality_id BIGINT UNSIGNED NOT NULL,
        object_type VARCHAR(20) NOT NULL,
        object_id BIGINT UNSIGNED NOT NULL,
        created_at DATETIME(3) NULL,
        modified_at DATETIME(3) NOT NULL,
        deleted TINYINT(1) NOT NULL DEFAULT 0,
        kept_order INT NULL,
        audit_id BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (municipality_id, object_type, object_id),
        KEY ix_public_changes_modified (municipality_id, object_type, modified_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
    await queryRunner.query(`
      CREATE TABLE public_projection (
        id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
        last_audit_id BIGINT UNSIGNED NOT NULL
      ) ENGINE=InnoDB`);
    await queryRunner.query('INSERT INTO public_projection (id, last_audit_id) VALUES (1, 0)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE public_projection');
    await queryRunner.query('DROP TABLE public_changes');
  }
}
