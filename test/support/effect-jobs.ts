import { Injectable, Module } from '@nestjs/common';
import { JOB_CATALOGUE, JobCatalogue, JobHandler, JobOutcome } from '@nf/queue';
import { DataSource } from 'typeorm';

/** A queue and job of the tests' own, whose effect is a row that must exist exactly once. */
export const EFFECT_QUEUE = 'test-effects';
export const EFFECT_JOB = 'test.effect';

export const TEST_CATALOGUE: JobCatalogue = { ...JOB_CATALOGUE, [EFFECT_JOB]: EFFECT_QUEUE };

@Injectable()
export class EffectJob {
  /** Every delivery, including duplicates that find the effect already there. */
  readonly deliveries: string[] = [];

  constructor(private readonly dataSource: DataSource) {}

  async createTable(): Promise<void> {
    await this.dataSource.query(
      `CREATE TABLE IF NOT EXISTS test_effects (
         effect_key VARCHAR(64) NOT NULL PRIMARY KEY
       ) ENGINE=InnoDB`,
    );
  }

  /** Idempotent the way production handlers are: check the state, apply once, else skip. */
  @JobHandler(EFFECT_JOB)
  async handle(payload: { key: string }): Promise<JobOutcome> {
    this.deliveries.push(payload.key);
    const result = (await this.dataSource.query(
      'INSERT IGNORE INTO test_effects (effect_key) VALUES (?)',
      [payload.key],
    )) as { affectedRows: number };
    return result.affectedRows === 1
      ? { status: 'done' }
      : { status: 'skipped', reason: `effect ${payload.key} already applied` };
  }

  async effectKeys(): Promise<string[]> {
    const rows = (await this.dataSource.query(
      'SELECT effect_key FROM test_effects ORDER BY effect_key',
    )) as Array<{
      effect_key: string;
    }>;
    return rows.map((row) => row.effect_key);
  }
}

@Module({ providers: [EffectJob], exports: [EffectJob] })
export class EffectJobModule {}
