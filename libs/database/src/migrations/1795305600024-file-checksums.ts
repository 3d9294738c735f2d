import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SHA-512 of each published file's content (OParl's `sha512Checksum`), by its SHA-256 (the
 * key it is stored under): worked out once, when a file is first published, and kept.
 */
export class FileChecksums1795305600024 implements MigrationInterface {
  name = 'FileChecksums1795305600024';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE file_checksums (
        sha256 CHAR(64) NOT NULL PRIMARY KEY,
        sha512 CHAR(128) NOT NULL
      ) ENGINE=InnoDB DEFAULT CHARSET=ascii`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE file_checksums');
  }
}
