import { Injectable } from '@nestjs/common';
import { Tenant } from '@nf/common';
import { DataSource } from 'typeorm';
import {
  deviation,
  type Direction,
  sumTable,
  type SummedRow,
  targetMet,
  targetText,
} from './figures';
import {
  EconomyRow,
  type Measure,
  type PlanContent,
  type TableKind,
  type YearTarget,
} from './plan.entities';

export interface IndicatorSeries {
  id: number;
  kpiId: string | null;
  name: string;
  unit: string;
  source: string;
  direction: Direction;
  bySex: boolean;
  /** Outcomes for all (T) per year; a year without one is absent. */
  outcomes: Array<{ year: number; value: number; enteredBy: number | null; enteredAt: string }>;
  /** Outcomes by sex (K, M) per year, where the source splits them. */
  bySexOutcomes: Array<{ year: number; gender: 'K' | 'M'; value: number }>;
}

/** An indicator as a follow-up shows it: the year's outcome beside its target, met or not. */
export interface IndicatorAssessment extends IndicatorSeries {
  year: number;
  outcome: number | null;
  previous: number | null;
  target: YearTarget | null;
  targetText: string;
  met: boolean | null;
}

export interface EconomyTable {
  kind: TableKind;
  year: number;
  period: string;
  unit: string;
  measures: Measure[];
  rows: Array<
    Omit<SummedRow, 'values'> & {
      values: Record<Measure, number | null>;
      deviation: number | null;
      forecastDeviation: number | null;
    }
  >;
  total: Record<Measure, number | null> & {
    deviation: number | null;
    forecastDeviation: number | null;
  };
}

type Row = Record<string, unknown>;
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** Reads of a board's figures: indicators with their outcomes, the economic tables. */
@Injectable()
export class FigureQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** The board's indicators (or those named), each with every outcome entered. */
  async indicators(tenant: Tenant, organId: number, ids?: number[]): Promise<IndicatorSeries[]> {
    if (ids && ids.length === 0) return [];
    const indicators = (await this.dataSource.query(
      `SELECT id, kpi_id AS kpiId, name, unit, source, direction, by_sex AS bySex FROM indicators
        WHERE municipality_id = ? AND organ_id = ? ${ids ? 'AND id IN (?)' : ''} ORDER BY id`,
      ids ? [tenant.municipalityId, organId, ids] : [tenant.municipalityId, organId],
    )) as Row[];
    if (indicators.length === 0) return [];
    const values = (await this.dataSource.query(
      `SELECT indicator_id AS indicatorId, year, gender, value, entered_by AS enteredBy, entered_at AS enteredAt
         FROM indicator_values WHERE municipality_id = ? AND indicator_id IN (?) ORDER BY year`,
      [tenant.municipalityId, indicators.map((row) => Number(row.id))],
    )) as Row[];
    return indicators.map((row) => {
      const own = values.filter((value) => Number(value.indicatorId) === Number(row.id));
      return {
        id: Number(row.id),
        kpiId: (row.kpiId as string | null) ?? null,
        name: String(row.name),
        unit: String(row.unit),
        source: String(row.source),
        direction: String(row.direction) as Direction,
        bySex: Boolean(Number(row.bySex)),
        outcomes: own
          .filter((value) => value.gender === 'T')
          .map((value) => ({
            year: Number(value.year),
            value: Number(value.value),
            enteredBy: num(value.enteredBy),
            enteredAt: (value.enteredAt as Date).toISOString(),
          })),
        bySexOutcomes: own
          .filter((value) => value.gender !== 'T')
          .map((value) => ({
            year: Number(value.year),
            gender: value.gender as 'K' | 'M',
            value: Number(value.value),
          })),
      };
    });
  }

  /** Each goal's indicators in a plan with the year's outcome against the year's target. */
  async assessments(
    tenant: Tenant,
    organId: number,
    content: PlanContent,
    year: number,
  ): Promise<Map<string, IndicatorAssessment[]>> {
    const ids = [
      ...new Set(content.goals.flatMap((goal) => goal.indicators.map((i) => i.indicatorId))),
    ];
    const series = new Map(
      (await this.indicators(tenant, organId, ids)).map((indicator) => [indicator.id, indicator]),
    );
    const byGoal = new Map<string, IndicatorAssessment[]>();
    for (const goal of content.goals) {
      byGoal.set(
        goal.key,
        goal.indicators
          .filter((link) => series.has(link.indicatorId))
          .map((link) => {
            const indicator = series.get(link.indicatorId)!;
            const at = (y: number) => indicator.outcomes.find((o) => o.year === y)?.value ?? null;
            const target = link.targets.find((t) => t.year === year) ?? null;
            const outcome = at(year);
            const previous = at(year - 1);
            return {
              ...indicator,
              year,
              outcome,
              previous,
              target,
              targetText: targetText(target),
              met: targetMet(target, outcome, previous),
            };
          }),
      );
    }
    return byGoal;
  }

  /**
   * The figures of a follow-up drawn from a plan: the plan's goals with their indicators' outcomes
   * for the year against its targets, and the board's drift, investment and personnel tables for
   * the year and period (a delårsrapport's with the forecast for the year).
   */
  async reportFigures(
    tenant: Tenant,
    plan: { id: number; organId: number; title: string; content: PlanContent },
    year: number,
    period: string,
  ): Promise<ReportFigures> {
    const assessments = await this.assessments(tenant, plan.organId, plan.content, year);
    const tables: EconomyTable[] = [];
    for (const kind of ['drift', 'investering', 'personal'] as const) {
      const table = await this.table(
        tenant,
        plan.organId,
        kind,
        year,
        kind === 'personal' ? 'Y' : period,
      );
      // A row without a figure this year (an ansvar added later or closed) is left out, as a
      // printed report would; its parent's sum does not depend on it.
      const rows = table.rows.filter((row) =>
        table.measures.some((measure) => row.values[measure] !== null),
      );
      if (rows.length > 0) tables.push({ ...table, rows });
    }
    return {
      year,
      period,
      planId: plan.id,
      planTitle: plan.title,
      goals: plan.content.goals.map((goal) => ({
        key: goal.key,
        indicators: assessments.get(goal.key) ?? [],
      })),
      tables,
    };
  }

  /** The rows of one of the board's tables, in order. */
  async rows(tenant: Tenant, organId: number, kind: TableKind): Promise<EconomyRow[]> {
    return this.dataSource.manager.find(EconomyRow, {
      where: { municipalityId: tenant.municipalityId, organId, tableKind: kind },
      order: { position: 'ASC', id: 'ASC' },
    });
  }

  /**
   * One of the board's tables for a year and period: every row with its budget, revised budget,
   * outcome and forecast, the deviations (of the outcome and of the forecast), rows without
   * values of their own summed from their children, and the table's total. A period's table (a
   * tertial, a month) takes the year's budget where the period has none of its own, as a
   * delårsrapport sets its forecast against the budget for the year; its outcome is then not
   * compared (a deviation of eight months against twelve means nothing), only its forecast.
   */
  async table(
    tenant: Tenant,
    organId: number,
    kind: TableKind,
    year: number,
    period = 'Y',
  ): Promise<EconomyTable> {
    const rows = await this.rows(tenant, organId, kind);
    const values = rows.length
      ? ((await this.dataSource.query(
          `SELECT row_id AS rowId, measure, period, value FROM economy_values
            WHERE municipality_id = ? AND row_id IN (?) AND year = ? AND period IN (?, 'Y')`,
          [tenant.municipalityId, rows.map((row) => row.id), year, period],
        )) as Row[])
      : [];
    const measures: Measure[] = ['budget', 'revised', 'outcome', 'forecast'];
    const valueOf = new Map(
      values
        .filter((v) => v.period === period)
        .map((v) => [`${Number(v.rowId)}:${String(v.measure)}`, num(v.value)]),
    );
    let yearsBudget = false;
    if (period !== 'Y') {
      for (const v of values) {
        const key = `${Number(v.rowId)}:${String(v.measure)}`;
        if (v.period === 'Y' && (v.measure === 'budget' || v.measure === 'revised')) {
          if (!valueOf.has(key)) {
            valueOf.set(key, num(v.value));
            yearsBudget = true;
          }
        }
      }
    }
    const summed = sumTable(
      rows.map((row) => ({
        code: row.code,
        name: row.name,
        parentCode: row.parentCode,
        values: Object.fromEntries(
          measures.map((measure) => [measure, valueOf.get(`${row.id}:${measure}`) ?? null]),
        ),
      })),
      measures,
    );
    const withDeviation = <T extends Record<string, number | null>>(values: T) => {
      const budget = values.revised ?? values.budget ?? null;
      return {
        deviation: yearsBudget ? null : deviation(budget, values.outcome ?? null),
        forecastDeviation: deviation(budget, values.forecast ?? null),
      };
    };
    return {
      kind,
      year,
      period,
      unit: rows[0]?.unit ?? (kind === 'personal' ? '' : 'tkr'),
      measures,
      rows: summed.rows.map((row) => ({
        ...row,
        values: row.values as Record<Measure, number | null>,
        ...withDeviation(row.values),
      })),
      total: {
        ...(summed.total as Record<Measure, number | null>),
        ...withDeviation(summed.total),
      },
    };
  }
}

/** What a follow-up shows beside its text: each goal's indicators, and the economic tables. */
export interface ReportFigures {
  year: number;
  period: string;
  planId: number;
  planTitle: string;
  goals: Array<{ key: string; indicators: IndicatorAssessment[] }>;
  tables: EconomyTable[];
}
