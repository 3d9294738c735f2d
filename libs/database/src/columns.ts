import { ColumnOptions, ValueTransformer } from 'typeorm';

/**
 * BIGINT keys as JavaScript numbers. TypeORM hands generated BIGINT keys back as strings; ours stay
 * far below 2^53, and one type for ids everywhere spares every caller a conversion.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: unknown) => (value === null || value === undefined ? value : Number(value)),
};

/** Options of an unsigned BIGINT id or reference column. */
export function idColumn(name?: string, nullable = false): ColumnOptions {
  return {
    ...(name ? { name } : {}),
    type: 'bigint',
    unsigned: true,
    nullable,
    transformer: bigintAsNumber,
  };
}

/** An AUTO_INCREMENT primary key as a number (for tables whose ids need not be gapless). */
export function generatedIdColumn(): ColumnOptions {
  return {
    type: 'bigint',
    unsigned: true,
    primary: true,
    generated: 'increment',
    transformer: bigintAsNumber,
  };
}
