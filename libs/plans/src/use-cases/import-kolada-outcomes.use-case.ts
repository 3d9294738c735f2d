import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Municipalities, Organs } from '@nf/tenancy';
import { parseKoladaCsv } from '../kolada-csv';
import { INDICATOR_VALUE_COLUMNS, upsertValues } from '../value-rows';

/**
 * Imports a board's indicator outcomes from a Kolada export (CSV): every row's KPI must be one of
 * the board's indicators and its municipality this one (by kommunkod). All or nothing: one bad
 * row refuses the file with every bad row's line and reason, and nothing is written.
 */
@Injectable()
export class ImportKoladaOutcomes {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly organs: Organs,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, organId: number, csv: string) {
    await this.organs.get(principal, organId);
    const { kommunkod } = await this.municipalities.getById(principal.municipalityId);
    if (!kommunkod) {
      throw new ConflictProblem(
        'kommunkod-missing',
        'The municipality has no kommunkod set, by which Kolada names it: set it first.',
      );
    }
    const { rows, empty } = parseKoladaCsv(csv);
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      const indicators = (await tx.query(
        `SELECT id, kpi_id AS kpiId FROM indicators
          WHERE municipality_id = ? AND organ_id = ? AND kpi_id IS NOT NULL FOR UPDATE`,
        [principal.municipalityId, organId],
      )) as Array<{ id: number | string; kpiId: string }>;
      const byKpi = new Map(indicators.map((row) => [row.kpiId.toUpperCase(), Number(row.id)]));
      const errors: Array<{ field: string; message: string }> = [];
      for (const row of rows) {
        if (errors.length >= 50) break;
        if (!byKpi.has(row.kpi.toUpperCase())) {
          errors.push({
            field: `csv[${row.line}]`,
            message: `KPI ${row.kpi} is not one of the board's indicators`,
          });
        } else if (row.municipality !== kommunkod) {
          errors.push({
            field: `csv[${row.line}]`,
            message: `municipality ${row.municipality} is not this one (${kommunkod})`,
          });
        }
      }
      if (errors.length > 0) {
        throw new ValidationProblem(errors, 'Rows of the file are wrong; nothing was imported.');
      }
      await upsertValues(
        tx,
        'indicator_values',
        INDICATOR_VALUE_COLUMNS,
        rows.map((row) => [
          principal.municipalityId,
          byKpi.get(row.kpi.toUpperCase()),
          row.year,
          row.gender,
          row.value,
          'kolada-csv',
          principal.userId,
          now,
        ]),
      );
      const kpis = [...new Set(rows.map((row) => row.kpi))];
      await this.audit.record(tx, {
        action: 'indicator.values-imported',
        entityType: 'organ',
        entityId: organId,
        municipalityId: principal.municipalityId,
        after: {
          origin: 'kolada-csv',
          imported: rows.length,
          empty,
          kpis,
          years: [...new Set(rows.map((row) => row.year))].sort(),
        },
      });
      return { imported: rows.length, empty, indicators: kpis.length };
    });
  }
}
