import { ValidationProblem } from '@nf/common';
import { MEASURES, type Measure, PERIODS, TABLE_KINDS, type TableKind } from './plan.entities';

export interface EconomyRowInput {
  table: TableKind;
  code: string;
  name: string;
  parentCode?: string | null;
  unit?: string;
}

export interface EconomyValueInput {
  table: TableKind;
  code: string;
  year: number;
  period?: string;
  measure: Measure;
  /** Null removes the value: it is missing again, not 0. */
  value: number | null;
}

const HEADER = ['table', 'code', 'name', 'parent', 'year', 'period', 'measure', 'value'];

/**
 * Reads economic figures from a CSV, one value a line: `table;code;name;parent;year;period;
 * measure;value` (table drift, investering or personal; period Y, T1–T3 or M01–M12; measure
 * budget, revised, outcome or forecast; amounts in tkr with a decimal comma or point). A row is
 * defined by its first line. Any bad line refuses the file, with its line and the reason.
 */
export function parseEconomyCsv(text: string): {
  rows: EconomyRowInput[];
  values: EconomyValueInput[];
} {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const separator = (lines[0] ?? '').includes(';') ? ';' : ',';
  const header = (lines[0] ?? '').split(separator).map((cell) => cell.trim().toLowerCase());
  if (HEADER.some((name, i) => header[i] !== name)) {
    throw new ValidationProblem(
      [{ field: 'csv[1]', message: `the header must be ${HEADER.join(separator)}` }],
      'The file is not in the layout of economic figures; nothing was imported.',
    );
  }
  const rows = new Map<string, EconomyRowInput>();
  const values: EconomyValueInput[] = [];
  const errors: Array<{ field: string; message: string }> = [];
  for (let at = 1; at < lines.length && errors.length < 50; at++) {
    if (lines[at].trim() === '') continue;
    const field = `csv[${at + 1}]`;
    const [table, code, name, parent, yearText, period, measure, valueText] = lines[at]
      .split(separator)
      .map((cell) => cell.trim());
    if (!(TABLE_KINDS as readonly string[]).includes(table)) {
      errors.push({ field, message: `"${table}" is not a table: ${TABLE_KINDS.join(', ')}` });
      continue;
    }
    if (!code || code.length > 32) {
      errors.push({ field, message: 'a row needs a code of at most 32 characters' });
      continue;
    }
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText ?? '')) {
      errors.push({ field, message: `"${yearText}" is not a year` });
      continue;
    }
    if (!(PERIODS as readonly string[]).includes(period)) {
      errors.push({ field, message: `"${period}" is not a period: Y, T1–T3 or M01–M12` });
      continue;
    }
    if (!(MEASURES as readonly string[]).includes(measure)) {
      errors.push({ field, message: `"${measure}" is not a measure: ${MEASURES.join(', ')}` });
      continue;
    }
    const normalized = (valueText ?? '').replace(/\s/g, '').replace(',', '.');
    if (normalized !== '' && !/^-?\d+(\.\d+)?$/.test(normalized)) {
      errors.push({ field, message: `"${valueText}" is not a number` });
      continue;
    }
    const key = `${table}:${code}`;
    if (!rows.has(key)) {
      rows.set(key, {
        table: table as TableKind,
        code,
        name: name || code,
        parentCode: parent || null,
      });
    }
    if (normalized === '') continue;
    values.push({
      table: table as TableKind,
      code,
      year,
      period,
      measure: measure as Measure,
      value: Number(normalized),
    });
  }
  if (errors.length > 0) {
    throw new ValidationProblem(errors, 'Lines of the file are wrong; nothing was imported.');
  }
  return { rows: [...rows.values()], values };
}
