import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedisProbe } from './redis-policy';

const withTimeout = <T>(work: Promise<T>, milliseconds: number, fallback: T): Promise<T> =>
  Promise.race([
    work,
    new Promise<T>((resolve) => setTimeout(() => resolve(fallback), milliseconds).unref()),
  ]);

/**
 * Whether the database and Redis answer, each within a short time: what the api's and the
 * worker's readiness probes ask.
 */
@Injectable()
export class DependencyChecks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisProbe,
  ) {}

  async check(): Promise<{ database: boolean; redis: boolean }> {
    const [database, redis] = await Promise.all([
      withTimeout(
        this.dataSource.query('SELECT 1').then(
          () => true,
          () => false,
        ),
        2_000,
        false,
      ),
      withTimeout(this.redis.ping(), 2_500, false),
    ]);
    return { database, redis };
  }
}
