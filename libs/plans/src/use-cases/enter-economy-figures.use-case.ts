import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Organs } from '@nf/tenancy';
import { type EconomyRowInput, type EconomyValueInput } from '../economy-csv';
import { upsertValues } from '../value-rows';

/**
 * Defines rows of a board's economic tables (by code: a row given again is renamed or moved) and
 * enters their values per year, period and measure, by hand or from a file. Each value keeps who
 * entered it and when; a value of null removes it (missing, never 0). One transaction: a value
 * for a row the board does not have refuses the whole change.
 */
@Injectable()
export class EnterEconomyFigures {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    organId: number,
    input: { rows?: EconomyRowInput[]; values?: EconomyValueInput[] },
    origin: 'manual' | 'csv' = 'manual',
  ) {
    await this.organs.get(principal, organId);
    const now = this.clock.now();
    const rows = input.rows ?? [];
    const values = input.values ?? [];
    return this.transactions.run(async (tx) => {
      const existing = (await tx.query(
        `SELECT id, table_kind AS tableKind, code, position FROM economy_rows
          WHERE municipality_id = ? AND organ_id = ? FOR UPDATE`,
        [principal.municipalityId, organId],
      )) as Array<{ id: number | string; tableKind: string; code: string; position: number }>;
      let position = existing.reduce((max, row) => Math.max(max, Number(row.position)), 0);
      for (const row of rows) {
        const unit = row.unit ?? (row.table === 'personal' ? '' : 'tkr');
        await tx.query(
          `INSERT INTO economy_rows (municipality_id, organ_id, table_kind, code, name, parent_code, unit, position, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON DUPLICATE KEY UPDATE name = VALUES(name), parent_code = VALUES(parent_code), unit = VALUES(unit)`,
          [
            principal.municipalityId,
            organId,
            row.table,
            row.code,
            row.name,
            row.parentCode ?? null,
            unit,
            ++position,
            now,
          ],
        );
      }
      const ids = new Map(
        (
          (await tx.query(
            'SELECT id, table_kind AS tableKind, code FROM economy_rows WHERE municipality_id = ? AND organ_id = ?',
            [principal.municipalityId, organId],
          )) as Array<{ id: number | string; tableKind: string; code: string }>
        ).map((row) => [`${row.tableKind}:${row.code}`, Number(row.id)]),
      );
      const unknown = values.filter((value) => !ids.has(`${value.table}:${value.code}`));
      if (unknown.length > 0) {
        throw new ValidationProblem(
          unknown.slice(0, 50).map((value) => ({
            field: 'values',
            message: `the board has no row ${value.code} in its ${value.table} table`,
          })),
          'Values for rows the board does not have; nothing was changed.',
        );
      }
      const rowIdOf = (value: EconomyValueInput) => ids.get(`${value.table}:${value.code}`)!;
      for (const value of values.filter((v) => v.value === null)) {
        await tx.query(
          `DELETE FROM economy_values WHERE municipality_id = ? AND row_id = ? AND year = ? AND period = ? AND measure = ?`,
          [
            principal.municipalityId,
            rowIdOf(value),
            value.year,
            value.period ?? 'Y',
            value.measure,
          ],
        );
      }
      await upsertValues(
        tx,
        'economy_values',
        [
          'municipality_id',
          'row_id',
          'year',
          'period',
          'measure',
          'value',
          'origin',
          'entered_by',
          'entered_at',
        ],
        values
          .filter((value) => value.value !== null)
          .map((value) => [
            principal.municipalityId,
            rowIdOf(value),
            value.year,
            value.period ?? 'Y',
            value.measure,
            value.value,
            origin,
            principal.userId,
            now,
          ]),
      );
      await this.audit.record(tx, {
        action: origin === 'csv' ? 'economy.figures-imported' : 'economy.figures-entered',
        entityType: 'organ',
        entityId: organId,
        municipalityId: principal.municipalityId,
        after: {
          rows: rows.map((row) => ({ table: row.table, code: row.code, name: row.name })),
          values: values.length > 200 ? { count: values.length } : values,
        },
      });
      return { rows: rows.length, values: values.length };
    });
  }
}
