import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What happens at a meeting besides the decisions: the protocol's attendance and the time and
 * place of justering; each paragraph's proceedings (yrkanden, propositionsordning, votes,
 * reservations, jäv, notes, expediering); and immediate justering of single paragraphs, signed
 * like the protocol (a signature names its paragraph, 0 for the whole protocol).
 */
export class AddProtocolProceedings1795305600009 implements MigrationInterface {
  name = 'AddProtocolProceedings1795305600009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE protocols
        ADD COLUMN attendance JSON NULL AFTER adjuster_user_ids,
        ADD COLUMN justering_at DATETIME(3) NULL AFTER attendance,
        ADD COLUMN justering_place VARCHAR(200) NULL AFTER justering_at`);
    await queryRunner.query(`
      ALTER TABLE paragraphs
        ADD COLUMN proceedings JSON NULL,
        ADD COLUMN immediate_hash CHAR(64) NULL,
        ADD COLUMN adjusted_at DATETIME(3) NULL`);
    await queryRunner.query(`
      ALTER TABLE protocol_signatures
        ADD COLUMN paragraph_id BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER protocol_id,
        ADD UNIQUE KEY ux_protocol_signatures_signer (protocol_id, paragraph_id, user_id),
        DROP INDEX ux_protocol_signatures`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE protocol_signatures
        ADD UNIQUE KEY ux_protocol_signatures (protocol_id, user_id),
        DROP INDEX ux_protocol_signatures_signer,
        DROP COLUMN paragraph_id`);
    await queryRunner.query(
      'ALTER TABLE paragraphs DROP COLUMN proceedings, DROP COLUMN immediate_hash, DROP COLUMN adjusted_at',
    );
    await queryRunner.query(
      'ALTER TABLE protocols DROP COLUMN attendance, DROP COLUMN justering_at, DROP COLUMN justering_place',
    );
  }
}
