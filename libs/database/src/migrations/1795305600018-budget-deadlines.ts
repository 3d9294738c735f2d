import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The budget year's legal deadlines (issue 21: the styrelse's budget proposal, KF's budget and the
 * annual report) have a year as their subject, which every municipality shares: a deadline is
 * unique per municipality, kind and subject, not per kind and subject alone.
 */
export class BudgetDeadlines1795305600018 implements MigrationInterface {
  name = 'BudgetDeadlines1795305600018';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE deadlines
        DROP INDEX ux_deadlines_subject,
        ADD UNIQUE KEY ux_deadlines_subject (municipality_id, kind, subject_type, subject_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE deadlines
        DROP INDEX ux_deadlines_subject,
        ADD UNIQUE KEY ux_deadlines_subject (kind, subject_type, subject_id)`);
  }
}
