import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A municipality's cases newest first (issue 25): the registry search reads the newest cases of
 * one municipality directly before it turns to the FULLTEXT index. Along the primary key, with
 * many municipalities in one database, that window held mostly other municipalities' cases.
 */
export class SearchWindowPerMunicipality1795305600028 implements MigrationInterface {
  name = 'SearchWindowPerMunicipality1795305600028';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE cases ADD INDEX ix_cases_recent (municipality_id, id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE cases DROP INDEX ix_cases_recent');
  }
}
