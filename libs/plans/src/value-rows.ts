import { EntityManager } from 'typeorm';

/** The columns of an indicator's value, in the order `upsertValues` takes each row. */
export const INDICATOR_VALUE_COLUMNS = [
  'municipality_id',
  'indicator_id',
  'year',
  'gender',
  'value',
  'origin',
  'entered_by',
  'entered_at',
];

/** Rows per INSERT: large enough to import tens of thousands of values a second. */
const BATCH = 1_000;

/**
 * Writes values in batches of multi-row INSERT … ON DUPLICATE KEY UPDATE: a value entered again
 * replaces the one before, with who entered it and when. `columns` are in the order of each row.
 */
export async function upsertValues(
  tx: EntityManager,
  table: 'indicator_values' | 'economy_values',
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const updated = ['value', 'origin', 'entered_by', 'entered_at']
    .map((column) => `${column} = VALUES(${column})`)
    .join(', ');
  const placeholder = `(${columns.map(() => '?').join(', ')})`;
  for (let at = 0; at < rows.length; at += BATCH) {
    const batch = rows.slice(at, at + BATCH);
    await tx.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch.map(() => placeholder).join(', ')}
       ON DUPLICATE KEY UPDATE ${updated}`,
      batch.flat(),
    );
  }
}
