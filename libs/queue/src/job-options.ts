import type { DefaultJobOptions } from 'bullmq';

/**
 * Defaults for every queue: retries with exponential backoff (1 s, 2 s, 4 s … ≈ 4 min in all),
 * completed jobs dropped after a day, failed jobs kept a month for inspection.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
