import { type LocalDate, localDate } from '@nf/common';

/** Reading raw query rows: mysql2 gives BIGINT ids as strings, DATE as Date or string, JSON as text. */

export const idOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/** A DATE column as a local date (mysql2 reads it as midnight UTC, or as text with dateStrings). */
export function dateOf(value: unknown): LocalDate | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value.slice(0, 10) : localDate(value as Date, 'UTC');
}

/** A JSON column: MariaDB keeps JSON as LONGTEXT, so it may come back as text. */
export function jsonOf<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}
