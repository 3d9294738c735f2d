import { AppConfig } from '@nf/config';
import { createConnection } from 'mysql2/promise';
import { DataSourceOptions } from 'typeorm';
import { CommitGenerationSubscriber } from './commit-generation';
import { MIGRATIONS } from './migrations';

/** utf8mb4 everywhere; Swedish collation so that å, ä, ö sort after z for people. */
export const DATABASE_CHARSET = 'utf8mb4';
export const DATABASE_COLLATION = 'utf8mb4_swedish_ci';

export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  return {
    type: 'mariadb',
    host: config.db.host,
    port: config.db.port,
    username: config.db.user,
    password: config.db.password,
    database: config.db.name,
    charset: DATABASE_COLLATION,
    // DATETIME columns hold UTC; local (Stockholm) dates are computed by the clock helpers.
    timezone: 'Z',
    poolSize: config.db.poolSize,
    // mysql2 otherwise captures a stack trace on every query for the rare one that fails (3 % of
    // the api's CPU under load); a failed query's error still names the statement and the code.
    trace: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    subscribers: [CommitGenerationSubscriber],
    // Failed queries reach the caller as errors; in tests TypeORM's own echo of them is noise.
    logging: config.app.env === 'test' ? false : ['error'],
  };
}

/** Runs statements on a connection to the server itself (no database selected). */
async function onServer(config: AppConfig, sql: string): Promise<void> {
  const connection = await createConnection({
    host: config.db.host,
    port: config.db.port,
    user: config.db.user,
    password: config.db.password,
  });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

/** Creates the database if it is missing, so that a fresh machine needs no manual step. */
export async function ensureDatabase(config: AppConfig): Promise<void> {
  await onServer(
    config,
    `CREATE DATABASE IF NOT EXISTS \`${config.db.name}\` CHARACTER SET ${DATABASE_CHARSET} COLLATE ${DATABASE_COLLATION}`,
  );
}

/** Drops the database; for tests and the demo reset only. */
export async function dropDatabase(config: AppConfig): Promise<void> {
  await onServer(config, `DROP DATABASE IF EXISTS \`${config.db.name}\``);
}
