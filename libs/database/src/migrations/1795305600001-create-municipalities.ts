import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMunicipalities1795305600001 implements MigrationInterface {
  name = 'CreateMunicipalities1795305600001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE municipalities (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        slug VARCHAR(64) NOT NULL,
        name VARCHAR(200) NOT NULL,
        time_zone VARCHAR(64) NOT NULL DEFAULT 'Europe/Stockholm',
        created_at DATETIME(3) NOT NULL,
        updated_at DATETIME(3) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        PRIMARY KEY (id),
        UNIQUE KEY ux_municipalities_slug (slug)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_swedish_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE municipalities');
  }
}
