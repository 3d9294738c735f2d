import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

const RETRYABLE_ERRNOS = new Set([
  1213, // ER_LOCK_DEADLOCK
  1205, // ER_LOCK_WAIT_TIMEOUT
]);

export function isRetryableTransactionError(error: unknown): boolean {
  const errno =
    (error as { errno?: number; driverError?: { errno?: number } })?.driverError?.errno ??
    (error as { errno?: number })?.errno;
  return errno !== undefined && RETRYABLE_ERRNOS.has(errno);
}

export function isDuplicateKeyError(error: unknown): boolean {
  const errno =
    (error as { driverError?: { errno?: number } })?.driverError?.errno ??
    (error as { errno?: number })?.errno;
  return errno === 1062;
}

/**
 * Runs work in one database transaction and retries it from the start on deadlock, as InnoDB
 * expects. The work must therefore be safe to repeat: it may not have effects outside the
 * transaction (publish through the outbox instead).
 */
@Injectable()
export class TransactionRunner {
  private readonly logger = new Logger(TransactionRunner.name);
  /** Pooled connections whose session is READ COMMITTED already. */
  private readonly readCommitted = new WeakSet<object>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * On a Galera cluster written on several nodes, a transaction that loses certification to
   * another node's gets the same deadlock error, often more than once when many write one counter
   * row: hence ten attempts, with a jittered backoff doubling from 10 ms to at most 640 ms (some
   * 2.5 s in all, at worst).
   */
  async run<T>(work: (manager: EntityManager) => Promise<T>, maxAttempts = 10): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(work);
      } catch (error) {
        if (attempt >= maxAttempts || !isRetryableTransactionError(error)) throw error;
        this.logger.warn(`Transaction attempt ${attempt} hit a lock conflict; retrying`);
        const backoff = 5 * 2 ** Math.min(attempt, 7);
        await new Promise((resolve) => setTimeout(resolve, backoff * (0.5 + Math.random())));
      }
    }
  }

  /**
   * One READ COMMITTED transaction. The isolation level is set once per pooled connection (for its
   * session) rather than before every transaction: one round trip fewer on every command.
   */
  private async once<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const connection = (await runner.connect()) as object;
      if (!this.readCommitted.has(connection)) {
        await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
        this.readCommitted.add(connection);
      }
      await runner.startTransaction();
      try {
        const result = await work(runner.manager);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }
}
