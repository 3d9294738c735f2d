import { generatedIdColumn, idColumn } from '@nf/database';
import { Column, Entity, VersionColumn } from 'typeorm';
import { type Direction, type Target } from './figures';

export const PLAN_STATUSES = ['draft', 'adopted', 'superseded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const ASSIGNERS = ['KF', 'KS'] as const;

/** A target of an indicator in one year of the plan. */
export type YearTarget = Target & { year: number };

/**
 * What a verksamhetsplan holds, in the structure of Luleå's plans: KF's målområden (prioriterade
 * områden), the board's goals under them, each with the KF goal it serves, its description and
 * financing, its activities (what, who, when) and its indicators with their targets per year;
 * KF's and KS's assignments (uppdrag) to the board; and the plan's narrative sections.
 */
export interface PlanContent {
  sections: Array<{ title: string; text: string }>;
  areas: Array<{ key: string; title: string }>;
  goals: Array<{
    key: string;
    areaKey: string | null;
    title: string;
    kfGoal: string | null;
    description: string;
    financing: string;
    activities: Array<{
      what: string;
      who: string;
      startsOn: string | null;
      endsOn: string | null;
    }>;
    indicators: Array<{ indicatorId: number; targets: YearTarget[] }>;
  }>;
  assignments: Array<{
    key: string;
    title: string;
    givenBy: (typeof ASSIGNERS)[number];
    goalKey: string | null;
    dueOn: string | null;
  }>;
}

/** One version of a board's verksamhetsplan for a year or a period (2025–2027). */
@Entity({ name: 'plans' })
export class Plan {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'first_year', type: 'smallint', unsigned: true })
  firstYear: number;

  @Column({ name: 'last_year', type: 'smallint', unsigned: true })
  lastYear: number;

  /** 1 for the plan as first drafted, 2 for its first revision, … */
  @Column({ type: 'smallint', unsigned: true })
  revision: number;

  @Column({ type: 'varchar', length: 16 })
  status: PlanStatus;

  /** The case (with its dnr) in which the board decides the plan. */
  @Column(idColumn('case_id', true))
  caseId: number | null;

  @Column(idColumn('supersedes_id', true))
  supersedesId: number | null;

  @Column({ type: 'json' })
  content: PlanContent;

  @Column({ name: 'adopted_at', type: 'datetime', precision: 3, nullable: true })
  adoptedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column(idColumn('updated_by', true))
  updatedBy: number | null;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

export const GENDERS = ['T', 'K', 'M'] as const;
export type Gender = (typeof GENDERS)[number];

/** A board's indicator (mätetal), kept across its plans so that its outcomes form a series. */
@Entity({ name: 'indicators' })
export class Indicator {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  /** Kolada's KPI id (e.g. N00945), when the outcomes come from Kolada. */
  @Column({ name: 'kpi_id', type: 'varchar', length: 32, nullable: true })
  kpiId: string | null;

  @Column({ type: 'varchar', length: 500 })
  name: string;

  /** "%", "antal", "plats", "NKI", … */
  @Column({ type: 'varchar', length: 32 })
  unit: string;

  /** Where the outcomes come from: Kolada, SCB:s medborgarundersökning, the payroll system, … */
  @Column({ type: 'varchar', length: 200 })
  source: string;

  @Column({ type: 'varchar', length: 16 })
  direction: Direction;

  /** Whether the source splits the outcomes by sex (kvinnor, män). */
  @Column({ name: 'by_sex', type: 'boolean', default: false })
  bySex: boolean;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @VersionColumn({ type: 'int', unsigned: true })
  version: number;
}

export const ORIGINS = ['manual', 'kolada-csv', 'csv'] as const;

/** One outcome of an indicator: a year, a sex (T for all), who entered it and when. */
@Entity({ name: 'indicator_values' })
export class IndicatorValue {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('indicator_id'))
  indicatorId: number;

  @Column({ type: 'smallint', unsigned: true })
  year: number;

  @Column({ type: 'char', length: 1 })
  gender: Gender;

  @Column({ type: 'decimal', precision: 18, scale: 4 })
  value: string;

  @Column({ type: 'varchar', length: 16 })
  origin: (typeof ORIGINS)[number];

  @Column(idColumn('entered_by', true))
  enteredBy: number | null;

  @Column({ name: 'entered_at', type: 'datetime', precision: 3 })
  enteredAt: Date;
}

/** The economic tables of a board's plan and follow-ups. */
export const TABLE_KINDS = ['drift', 'investering', 'personal'] as const;
export type TableKind = (typeof TABLE_KINDS)[number];
/** Budget, revised budget, outcome (utfall) and forecast (prognos). */
export const MEASURES = ['budget', 'revised', 'outcome', 'forecast'] as const;
export type Measure = (typeof MEASURES)[number];
/** The year (Y), a tertial (T1–T3) or a month (M01–M12); an outcome per period is cumulative. */
export const PERIODS = [
  'Y',
  'T1',
  'T2',
  'T3',
  ...Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`),
] as const;

/** A row of an economic table: a verksamhet or ansvar (kontor), an investment, a personnel figure. */
@Entity({ name: 'economy_rows' })
export class EconomyRow {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('organ_id'))
  organId: number;

  @Column({ name: 'table_kind', type: 'varchar', length: 16 })
  tableKind: TableKind;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  /** The row this one is part of (a kontor of its sektor, "varav" of a post). */
  @Column({ name: 'parent_code', type: 'varchar', length: 32, nullable: true })
  parentCode: string | null;

  /** tkr for amounts; %, antal, … for personnel figures. */
  @Column({ type: 'varchar', length: 16 })
  unit: string;

  @Column({ type: 'int', unsigned: true })
  position: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}

@Entity({ name: 'economy_values' })
export class EconomyValue {
  @Column(generatedIdColumn())
  id: number;

  @Column(idColumn('municipality_id'))
  municipalityId: number;

  @Column(idColumn('row_id'))
  rowId: number;

  @Column({ type: 'smallint', unsigned: true })
  year: number;

  @Column({ type: 'varchar', length: 3 })
  period: string;

  @Column({ type: 'varchar', length: 12 })
  measure: Measure;

  @Column({ type: 'decimal', precision: 18, scale: 3 })
  value: string;

  @Column({ type: 'varchar', length: 16 })
  origin: (typeof ORIGINS)[number];

  @Column(idColumn('entered_by', true))
  enteredBy: number | null;

  @Column({ name: 'entered_at', type: 'datetime', precision: 3 })
  enteredAt: Date;
}
