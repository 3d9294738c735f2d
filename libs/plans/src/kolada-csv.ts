import { ValidationProblem } from '@nf/common';

/** An outcome read from a Kolada export: KPI id, municipality (kommunkod), year, sex, value. */
export interface KoladaRow {
  /** The line in the file (the header is line 1). */
  line: number;
  kpi: string;
  municipality: string;
  year: number;
  /** T (totalt), K (kvinnor), M (män), as Kolada writes them. */
  gender: 'T' | 'K' | 'M';
  value: number;
}

const COLUMNS = {
  kpi: ['kpi', 'kpi_id', 'kpi id'],
  municipality: ['municipality', 'municipality_id', 'kommun', 'kommunkod'],
  year: ['period', 'year', 'år'],
  gender: ['gender', 'kön'],
  value: ['value', 'värde'],
} as const;
type Column = keyof typeof COLUMNS;

/** How many row errors a refusal lists; the rest are counted. */
const MAX_LISTED_ERRORS = 50;

/**
 * Reads a CSV in Kolada's export layout — `kpi,municipality,period,gender,value` (the names of
 * Kolada's API; `year` is taken for `period`) — with a comma or semicolon between fields and a
 * decimal point or comma (the Swedish Excel export). An empty value is a value Kolada does not
 * have: left out, never read as 0. Any bad row refuses the whole file, each listed with its
 * line and the reason, so that nothing is imported from a file that is not what it says.
 */
export function parseKoladaCsv(text: string): { rows: KoladaRow[]; empty: number } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerLine = lines[0] ?? '';
  const separator = headerLine.includes(';') ? ';' : ',';
  const header = splitLine(headerLine, separator).map((cell) => cell.trim().toLowerCase());
  const index = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const [column, names] of Object.entries(COLUMNS) as Array<[Column, readonly string[]]>) {
    const at = header.findIndex((cell) => names.includes(cell));
    if (at < 0) missing.push(names[0]);
    index[column] = at;
  }
  if (missing.length > 0) {
    throw new ValidationProblem(
      [
        {
          field: 'csv[1]',
          message: `the header lacks ${missing.join(', ')}: expected kpi${separator}municipality${separator}period${separator}gender${separator}value`,
        },
      ],
      'The file is not in Kolada’s export layout; nothing was imported.',
    );
  }
  const rows: KoladaRow[] = [];
  const errors: Array<{ field: string; message: string }> = [];
  let empty = 0;
  let failed = 0;
  const fail = (line: number, message: string) => {
    failed++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push({ field: `csv[${line}]`, message });
  };
  for (let at = 1; at < lines.length; at++) {
    const line = at + 1;
    if (lines[at].trim() === '') continue;
    const cells = splitLine(lines[at], separator);
    const cell = (column: Column) => (cells[index[column]] ?? '').trim();
    const kpi = cell('kpi');
    const municipality = cell('municipality');
    const yearText = cell('year');
    const gender = cell('gender').toUpperCase();
    const valueText = cell('value');
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(kpi)) {
      fail(line, `"${kpi}" is not a KPI id`);
      continue;
    }
    if (!/^\d{4}$/.test(municipality)) {
      fail(line, `"${municipality}" is not a kommunkod (four digits)`);
      continue;
    }
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1950 || year > 2100) {
      fail(line, `"${yearText}" is not a year`);
      continue;
    }
    if (gender !== 'T' && gender !== 'K' && gender !== 'M') {
      fail(line, `"${gender}" is not a sex: T, K or M`);
      continue;
    }
    if (valueText === '') {
      empty++;
      continue;
    }
    const normalized =
      separator === ';' ? valueText.replace(/\s/g, '').replace(',', '.') : valueText;
    if (!/^-?\d+(\.\d+)?$/.test(normalized)) {
      fail(line, `"${valueText}" is not a number`);
      continue;
    }
    rows.push({ line, kpi, municipality, year, gender, value: Number(normalized) });
  }
  if (failed > 0) {
    throw new ValidationProblem(
      failed > errors.length
        ? [...errors, { field: 'csv', message: `and ${failed - errors.length} more rows` }]
        : errors,
      `${failed} row(s) of the file are wrong; nothing was imported.`,
    );
  }
  return { rows, empty };
}

/** One CSV line's fields; a field in double quotes may hold the separator and "" for a quote. */
function splitLine(line: string, separator: string): string[] {
  if (!line.includes('"')) return line.split(separator);
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}
