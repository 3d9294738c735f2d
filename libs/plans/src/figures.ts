import { swedishNumber } from '@nf/documents';

/**
 * The arithmetic of plans and follow-ups, kept apart from storage so that it is tested alone: an
 * indicator's target met or not, a budget row's deviation, sums per level of an economic table.
 * A value that was never entered is `null` and stays missing everywhere: never counted as 0, never
 * met, printed as "–".
 */

export const DIRECTIONS = ['increase', 'decrease', 'maintain'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** A target for one year: a number ("Minst 70", "Högst 50") or a direction ("Öka"). */
export type Target =
  | { kind: 'min'; value: number }
  | { kind: 'max'; value: number }
  | { kind: 'direction'; direction: Direction };
export const TARGET_KINDS = ['min', 'max', 'direction'] as const;

const DIRECTION_WORDS: Record<Direction, string> = {
  increase: 'Öka',
  decrease: 'Minska',
  maintain: 'Bibehålla',
};

/** The target as the plans write it: "Minst 70", "Högst 50", "Öka". */
export function targetText(target: Target | null | undefined): string {
  if (!target) return '–';
  if (target.kind === 'direction') return DIRECTION_WORDS[target.direction];
  return `${target.kind === 'min' ? 'Minst' : 'Högst'} ${swedishNumber(target.value)}`;
}

/**
 * Whether a year's outcome meets its target: a number target by comparison (inclusive), a
 * direction against the year before (maintain: the same value). Null when the outcome, or for a
 * direction the year before, is missing: not met and not failed, but unknown.
 */
export function targetMet(
  target: Target | null | undefined,
  outcome: number | null,
  previous: number | null = null,
): boolean | null {
  if (!target || outcome === null) return null;
  switch (target.kind) {
    case 'min':
      return outcome >= target.value;
    case 'max':
      return outcome <= target.value;
    case 'direction':
      if (previous === null) return null;
      if (target.direction === 'increase') return outcome > previous;
      if (target.direction === 'decrease') return outcome < previous;
      return outcome === previous;
  }
}

/**
 * The deviation of a budget row: budget − outcome counted in costs, so that a positive deviation
 * is money left and a negative one an overrun. Amounts are kept as the Luleå reports print them,
 * as net results (a cost negative, an income positive), where the same deviation is outcome −
 * budget: a cost of 284.8 against a budget of 281.7 is −3.1. Missing when either is.
 */
export function deviation(budget: number | null, outcome: number | null): number | null {
  if (budget === null || outcome === null) return null;
  return roundTo(outcome - budget, 3);
}

/** A sum that is missing only when every part is; the parts that are missing add nothing. */
export function sumOf(values: Array<number | null>): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length === 0
    ? null
    : roundTo(
        present.reduce((a, b) => a + b, 0),
        3,
      );
}

export interface TableRow {
  code: string;
  name: string;
  parentCode: string | null;
  values: Record<string, number | null>;
}

export interface SummedRow extends TableRow {
  level: number;
  /** Whether the row's values are the sum of its children (none of its own were entered). */
  summed: boolean;
}

/**
 * The rows of a table with their level, and each row with children but no values of its own
 * given the sums of its children ("Sektor Ledning & stöd" from its kontor); children are parts of
 * their parent ("varav"), so the table's total is the sum of the top level only.
 */
export function sumTable(
  rows: TableRow[],
  measures: string[],
): { rows: SummedRow[]; total: Record<string, number | null> } {
  const children = new Map<string | null, TableRow[]>();
  for (const row of rows) {
    const parent =
      row.parentCode && rows.some((r) => r.code === row.parentCode) ? row.parentCode : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const out: SummedRow[] = [];
  const visit = (row: TableRow, level: number): Record<string, number | null> => {
    const entry: SummedRow = { ...row, values: { ...row.values }, level, summed: false };
    out.push(entry);
    const kids = children.get(row.code) ?? [];
    const sums = kids.map((kid) => visit(kid, level + 1));
    const own = measures.some((measure) => (row.values[measure] ?? null) !== null);
    if (kids.length > 0 && !own) {
      entry.summed = true;
      for (const measure of measures)
        entry.values[measure] = sumOf(sums.map((s) => s[measure] ?? null));
    }
    return entry.values;
  };
  const top = (children.get(null) ?? []).map((row) => visit(row, 0));
  const total = Object.fromEntries(
    measures.map((measure) => [measure, sumOf(top.map((values) => values[measure] ?? null))]),
  );
  return { rows: out, total };
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON * Math.sign(value)) * factor) / factor;
}
