import { AppConfig } from '@nf/config';
import { dropDatabase } from '@nf/database';
import Redis from 'ioredis';

/**
 * Starts a test file from nothing: drops this worker's database (the app creates and migrates it
 * again at boot, so every run tests the migrations) and empties this worker's Redis db.
 */
export async function resetServices(config: AppConfig): Promise<void> {
  await dropDatabase(config);
  const redis = new Redis({
    host: config.redis.host,
    port: config.redis.port,
    db: config.redis.db,
  });
  try {
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}

export function redisClient(config: AppConfig): Redis {
  return new Redis({
    host: config.redis.host,
    port: config.redis.port,
    password: config.redis.password,
    db: config.redis.db,
  });
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
