import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, Migration } from 'typeorm';
import { isDuplicateKeyError, isRetryableTransactionError } from './transaction-runner';

/** Outside the migrations: it must exist before the first one runs. */
const LOCK_TABLE = 'schema_locks';
const LOCK_NAME = 'namndflode.migrations';
const LOCK_TIMEOUT_SECONDS = 120;
const LEASE_SECONDS = 30;

/**
 * Runs pending migrations while holding the migration lock, so that an api and a worker starting together
 * (or several replicas) never migrate at once. TypeORM itself does not lock.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  return withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
}

export async function revertLastMigrationLocked(dataSource: DataSource): Promise<void> {
  await withMigrationLock(dataSource, () => dataSource.undoLastMigration({ transaction: 'each' }));
}

/**
 * Holds the migration lock while `work` runs. The lock is a lease row, not `GET_LOCK`: a named
 * lock lives on one server only, and on a Galera cluster two apps starting against two nodes would
 * both get it. A row is certified across the cluster: of two nodes inserting it at once, one
 * commits and the other gets a deadlock or a duplicate key, and waits. The lease runs out
 * `LEASE_SECONDS` after its last renewal, so a migrator killed in the middle holds the others up
 * for half a minute at most.
 */
export async function withMigrationLock<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<T> {
  // Created once, by whoever migrates first; looked up first, so that a user who may only read
  // and write rows can take the lock when there is nothing to migrate.
  const found = (await dataSource.query('SHOW TABLES LIKE ?', [LOCK_TABLE])) as unknown[];
  if (found.length === 0) {
    await dataSource.query(
      `CREATE TABLE IF NOT EXISTS ${LOCK_TABLE} (
       name VARCHAR(64) NOT NULL PRIMARY KEY,
       owner VARCHAR(200) NOT NULL,
       expires_at DATETIME(3) NOT NULL
     ) ENGINE=InnoDB DEFAULT CHARSET=ascii`,
    );
  }
  const owner = `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
  const deadline = Date.now() + LOCK_TIMEOUT_SECONDS * 1000;
  while (!(await takeLease(dataSource, owner))) {
    if (Date.now() > deadline) {
      throw new Error(`Could not take the migration lock within ${LOCK_TIMEOUT_SECONDS} s`);
    }
    await sleep(100 + Math.random() * 200);
  }
  const renewal = setInterval(
    () => {
      dataSource
        .query(
          `UPDATE ${LOCK_TABLE} SET expires_at = NOW(3) + INTERVAL ${LEASE_SECONDS} SECOND
          WHERE name = ? AND owner = ?`,
          [LOCK_NAME, owner],
        )
        .catch(() => undefined);
    },
    (LEASE_SECONDS * 1000) / 3,
  );
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await dataSource.query(`DELETE FROM ${LOCK_TABLE} WHERE name = ? AND owner = ?`, [
      LOCK_NAME,
      owner,
    ]);
  }
}

/** Takes the lease if no one holds it (or the holder's ran out); false if someone else has it. */
async function takeLease(dataSource: DataSource, owner: string): Promise<boolean> {
  try {
    await dataSource.query(`DELETE FROM ${LOCK_TABLE} WHERE name = ? AND expires_at < NOW(3)`, [
      LOCK_NAME,
    ]);
    await dataSource.query(
      `INSERT INTO ${LOCK_TABLE} (name, owner, expires_at)
       VALUES (?, ?, NOW(3) + INTERVAL ${LEASE_SECONDS} SECOND)`,
      [LOCK_NAME, owner],
    );
    return true;
  } catch (error) {
    // Held (duplicate key), or taken on another node at the same moment (a certification conflict).
    if (isDuplicateKeyError(error) || isRetryableTransactionError(error)) return false;
    throw error;
  }
}
