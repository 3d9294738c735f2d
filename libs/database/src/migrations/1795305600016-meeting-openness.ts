import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a meeting itself is open to the public (issue 20): KF's always are (KL 5 kap. 38 §); a
 * nämnd's are not unless it decided so (KL 6 kap. 25 §). Separate from an item kept out of the
 * public kallelse and protocol under OSL (agenda_items.closed_osl). Existing KF meetings are open.
 */
export class MeetingOpenness1795305600016 implements MigrationInterface {
  name = 'MeetingOpenness1795305600016';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE meetings ADD COLUMN open_to_public BOOLEAN NOT NULL DEFAULT FALSE AFTER place',
    );
    await queryRunner.query(`
      UPDATE meetings m JOIN organs o ON o.id = m.organ_id AND o.municipality_id = m.municipality_id
         SET m.open_to_public = TRUE
       WHERE o.kind = 'fullmäktige'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE meetings DROP COLUMN open_to_public');
  }
}
