import { DataSource, Migration } from 'typeorm';

const LOCK_NAME = 'namndflode.migrations';
const LOCK_TIMEOUT_SECONDS = 120;

/**
 * Runs pending migrations while holding a named lock, so that an api and a worker starting together
 * (or several replicas) never migrate at once. TypeORM itself does not lock.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<Migration[]> {
  return withMigrationLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
}

export async function revertLastMigrationLocked(dataSource: DataSource): Promise<void> {
  await withMigrationLock(dataSource, () => dataSource.undoLastMigration({ transaction: 'each' }));
}

export async function withMigrationLock<T>(
  dataSource: DataSource,
  work: () => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [
      LOCK_NAME,
      LOCK_TIMEOUT_SECONDS,
    ])) as Array<{ acquired: number | null }>;
    if (Number(row?.acquired) !== 1) {
      throw new Error(`Could not take the migration lock within ${LOCK_TIMEOUT_SECONDS} s`);
    }
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}
