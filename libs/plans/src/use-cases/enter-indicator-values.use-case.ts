import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, NotFoundProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { type Gender, Indicator } from '../plan.entities';
import { INDICATOR_VALUE_COLUMNS, upsertValues } from '../value-rows';

export interface IndicatorValueInput {
  year: number;
  gender?: Gender;
  /** Null removes the year's value: it is missing again, not 0. */
  value: number | null;
}

/** Enters outcomes of one indicator by hand; each keeps who entered it and when. */
@Injectable()
export class EnterIndicatorValues {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, indicatorId: number, values: IndicatorValueInput[]) {
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      const indicator = await tx.findOne(Indicator, {
        where: { id: indicatorId, municipalityId: principal.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!indicator) throw new NotFoundProblem('indicator', indicatorId);
      const before = (await tx.query(
        'SELECT year, gender, value FROM indicator_values WHERE indicator_id = ? AND municipality_id = ?',
        [indicatorId, principal.municipalityId],
      )) as Array<{ year: number; gender: string; value: string }>;
      const removed = values.filter((value) => value.value === null);
      for (const value of removed) {
        await tx.query(
          'DELETE FROM indicator_values WHERE indicator_id = ? AND municipality_id = ? AND year = ? AND gender = ?',
          [indicatorId, principal.municipalityId, value.year, value.gender ?? 'T'],
        );
      }
      await upsertValues(
        tx,
        'indicator_values',
        INDICATOR_VALUE_COLUMNS,
        values
          .filter((value) => value.value !== null)
          .map((value) => [
            principal.municipalityId,
            indicatorId,
            value.year,
            value.gender ?? 'T',
            value.value,
            'manual',
            principal.userId,
            now,
          ]),
      );
      const keyOf = (year: number, gender: string) => `${year}${gender}`;
      const touched = new Set(values.map((value) => keyOf(value.year, value.gender ?? 'T')));
      await this.audit.record(tx, {
        action: 'indicator.values-entered',
        entityType: 'indicator',
        entityId: indicatorId,
        municipalityId: principal.municipalityId,
        before: {
          values: before
            .filter((row) => touched.has(keyOf(Number(row.year), row.gender)))
            .map((row) => ({
              year: Number(row.year),
              gender: row.gender,
              value: Number(row.value),
            })),
        },
        after: { values: values.map((value) => ({ ...value, gender: value.gender ?? 'T' })) },
      });
      return { entered: values.length - removed.length, removed: removed.length };
    });
  }
}
