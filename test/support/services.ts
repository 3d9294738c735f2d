import { AppConfig } from '@nf/config';
import { dropDatabase } from '@nf/database';
import { createRedis } from '@nf/queue';
import Redis, { Cluster } from 'ioredis';

/**
 * Starts a test file from nothing: drops this worker's database (the app creates and migrates it
 * again at boot, so every run tests the migrations) and empties this worker's Redis db.
 */
export async function resetServices(config: AppConfig): Promise<void> {
  await dropDatabase(config);
  const redis = redisClient(config);
  try {
    if (redis instanceof Cluster) {
      await redis.ping();
      await Promise.all(redis.nodes('master').map((node) => node.flushdb()));
    } else {
      await redis.flushdb();
    }
  } finally {
    redis.disconnect();
  }
}

/** A client of the test's Redis, whichever topology the configuration names. */
export function redisClient(config: AppConfig): Redis | Cluster {
  return createRedis(config);
}

/** Polls until `check` returns true, or fails with what it last saw. */
export async function eventually(
  check: () => Promise<boolean>,
  { timeoutMs = 15_000, intervalMs = 25, what = 'condition' } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
