import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delegation order in full (issue 20): each point's delegat and ersättare, its lagrum, its
 * limits (an amount, a kind of matter), whether a decision under it is reported to the board, and
 * whether it is the point for the chair's urgent decisions. A delegated decision links to its point
 * and its case, is flagged when taken outside the order, may stand for an utskott's protocol
 * (its paragraphs), and carries its appeal period once the board's protocol that it was reported in
 * is posted. The anslag says how many delegated decisions its protocol reported.
 */
export class DelegationOrderInFull1795305600014 implements MigrationInterface {
  name = 'DelegationOrderInFull1795305600014';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE delegation_points
        ADD COLUMN substitutes VARCHAR(500) NULL AFTER delegates,
        ADD COLUMN lagrum VARCHAR(300) NULL AFTER substitutes,
        ADD COLUMN limit_amount BIGINT UNSIGNED NULL AFTER lagrum,
        ADD COLUMN limit_matters VARCHAR(500) NULL AFTER limit_amount,
        ADD COLUMN must_report BOOLEAN NOT NULL DEFAULT TRUE AFTER limit_matters,
        ADD COLUMN urgent BOOLEAN NOT NULL DEFAULT FALSE AFTER must_report`);
    await queryRunner.query(`
      ALTER TABLE delegation_decisions
        ADD COLUMN point_id BIGINT UNSIGNED NULL AFTER point_text,
        ADD COLUMN case_id BIGINT UNSIGNED NULL AFTER dnr,
        ADD COLUMN amount BIGINT UNSIGNED NULL AFTER summary,
        ADD COLUMN outside_order VARCHAR(300) NULL AFTER urgent,
        ADD COLUMN source_protocol_id BIGINT UNSIGNED NULL AFTER outside_order,
        ADD COLUMN source_paragraphs VARCHAR(100) NULL AFTER source_protocol_id,
        ADD COLUMN appeal_posted_on DATE NULL AFTER meeting_id,
        ADD COLUMN appeal_ends_on DATE NULL AFTER appeal_posted_on,
        ADD KEY ix_delegation_decisions_meeting (municipality_id, meeting_id),
        ADD UNIQUE KEY ux_delegation_decisions_source (source_protocol_id)`);
    await queryRunner.query(`
      ALTER TABLE anslag
        ADD COLUMN delegation_decisions INT UNSIGNED NOT NULL DEFAULT 0 AFTER paragraphs`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE anslag DROP COLUMN delegation_decisions');
    await queryRunner.query(`
      ALTER TABLE delegation_decisions
        DROP KEY ux_delegation_decisions_source, DROP KEY ix_delegation_decisions_meeting,
        DROP COLUMN appeal_ends_on, DROP COLUMN appeal_posted_on,
        DROP COLUMN source_paragraphs, DROP COLUMN source_protocol_id, DROP COLUMN outside_order,
        DROP COLUMN amount, DROP COLUMN case_id, DROP COLUMN point_id`);
    await queryRunner.query(`
      ALTER TABLE delegation_points
        DROP COLUMN urgent, DROP COLUMN must_report, DROP COLUMN limit_matters,
        DROP COLUMN limit_amount, DROP COLUMN lagrum, DROP COLUMN substitutes`);
  }
}
