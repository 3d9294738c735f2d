import type { AppConfig } from '@nf/config';
import { createConnection } from 'mysql2/promise';
import { DATABASE_CHARSET, DATABASE_COLLATION } from './database-options';

export interface DatabaseAccount {
  user: string;
  password: string;
}

/** `'name'@'%'`, quoted for a GRANT. */
function account(user: string): string {
  if (!/^[A-Za-z0-9_.-]{1,80}$/.test(user)) throw new Error(`Not a user name for MariaDB: ${user}`);
  return `'${user}'@'%'`;
}

/**
 * A least-privilege installation: the migrations' user owns the schema (creates and alters tables
 * and triggers); the apps' user reads and writes rows and nothing else. So the running apps cannot
 * DROP, ALTER or TRUNCATE anything (TRUNCATE needs DROP), nor drop the audit log's triggers, which
 * refuse every UPDATE and DELETE of it: the audit log stays append-only against the app itself.
 */
export function leastPrivilegeStatements(
  database: string,
  app: DatabaseAccount,
  migration: DatabaseAccount,
): Array<{ sql: string; values?: string[] }> {
  const schema = `\`${database}\`.*`;
  return [
    {
      sql: `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET ${DATABASE_CHARSET} COLLATE ${DATABASE_COLLATION}`,
    },
    ...[migration, app].flatMap(({ user, password }) => [
      { sql: `CREATE USER IF NOT EXISTS ${account(user)} IDENTIFIED BY ?`, values: [password] },
      { sql: `ALTER USER ${account(user)} IDENTIFIED BY ?`, values: [password] },
    ]),
    { sql: `GRANT ALL PRIVILEGES ON ${schema} TO ${account(migration.user)}` },
    { sql: `GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema} TO ${account(app.user)}` },
  ];
}

/** Runs leastPrivilegeStatements as DB_USER (an administrator: root on a fresh server). */
export async function createLeastPrivilegeUsers(
  config: AppConfig,
  app: DatabaseAccount,
  migration: DatabaseAccount,
): Promise<void> {
  const connection = await createConnection({
    host: config.db.host,
    port: config.db.port,
    user: config.db.user,
    password: config.db.password,
  });
  try {
    for (const statement of leastPrivilegeStatements(config.db.name, app, migration)) {
      await connection.query(statement.sql, statement.values);
    }
  } finally {
    await connection.end();
  }
}
