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

/**
 * The same, connected as the user who runs migrations (DB_MIGRATION_USER, when the apps' own user
 * may not change the schema), with two connections: one holds the migration lock, one migrates.
 */
export function migrationDataSourceOptions(config: AppConfig): DataSourceOptions {
  const migration = config.db.migration;
  if (!migration) return dataSourceOptions(config);
  return {
    ...dataSourceOptions(config),
    username: migration.user,
    password: migration.password,
    poolSize: 2,
    subscribers: [],
  } as DataSourceOptions;
}

/** Runs statements on a connection to the server itself (no database selected). */
async function onServer(config: AppConfig, sql: string): Promise<void> {
  const owner = config.db.migration ?? { user: config.db.user, password: config.db.password };
  const connection = await createConnection({
    host: config.db.host,
    port: config.db.port,
    user: owner.user,
    password: owner.password,
  });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

/**
 * Creates the database if it is missing, so that a fresh machine needs no manual step (as the
 * migrations' user, when there is one).
 */
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
