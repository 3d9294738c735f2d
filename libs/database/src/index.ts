export { TABLE_OWNERS } from './table-owners';
export type { OwnedTable } from './table-owners';
export { commitGeneration } from './commit-generation';
export { ReadCache } from './read-cache';
export type { LoadTicket } from './read-cache';
export { DatabaseModule } from './database.module';
export {
  DATABASE_COLLATION,
  dataSourceOptions,
  dropDatabase,
  ensureDatabase,
  migrationDataSourceOptions,
} from './database-options';
export { createLeastPrivilegeUsers, leastPrivilegeStatements } from './privileges';
export type { DatabaseAccount } from './privileges';
export { revertLastMigrationLocked, runMigrationsLocked, withMigrationLock } from './migrate';
export { MIGRATIONS } from './migrations';
export {
  isDuplicateKeyError,
  isRetryableTransactionError,
  TransactionRunner,
} from './transaction-runner';
export { TenantRepository } from './tenant-repository';
export { bigintAsNumber, generatedIdColumn, idColumn } from './columns';
export { keysetWhere } from './keyset';
export type { ChangeWindow, KeysetPage } from './keyset';
