import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One name for one thing: the published kallelse was `summonses` and `summons_files` in the
 * schema while the api, the jobs and the documents said kallelse (issue 19). Renames only; no
 * row changes.
 */
export class RenameSummonsToKallelse1795305600013 implements MigrationInterface {
  name = 'RenameSummonsToKallelse1795305600013';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('RENAME TABLE summonses TO kallelser, summons_files TO kallelse_files');
    await queryRunner.query(`
      ALTER TABLE kallelser RENAME INDEX ux_summonses_version TO ux_kallelser_version`);
    await queryRunner.query(`
      ALTER TABLE kallelse_files
        RENAME COLUMN summons_id TO kallelse_id,
        RENAME INDEX ux_summons_files TO ux_kallelse_files`);
    await queryRunner.query(`
      ALTER TABLE meetings
        RENAME COLUMN summons_version TO kallelse_version,
        RENAME COLUMN agenda_changed_after_summons TO agenda_changed_after_kallelse`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE meetings
        RENAME COLUMN kallelse_version TO summons_version,
        RENAME COLUMN agenda_changed_after_kallelse TO agenda_changed_after_summons`);
    await queryRunner.query(`
      ALTER TABLE kallelse_files
        RENAME COLUMN kallelse_id TO summons_id,
        RENAME INDEX ux_kallelse_files TO ux_summons_files`);
    await queryRunner.query(`
      ALTER TABLE kallelser RENAME INDEX ux_kallelser_version TO ux_summonses_version`);
    await queryRunner.query('RENAME TABLE kallelser TO summonses, kallelse_files TO summons_files');
  }
}
