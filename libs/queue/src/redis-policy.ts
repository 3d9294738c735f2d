import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import Redis, { Cluster } from 'ioredis';
import { createRedis } from './redis-connection';

/**
 * A small client of its own for health checks and the eviction-policy check, with short timeouts
 * so that a dead Redis makes /health/ready answer 503 quickly instead of hanging.
 */
@Injectable()
export class RedisProbe implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Redis');
  readonly client: Redis | Cluster;

  constructor(config: AppConfig) {
    this.client = createRedis(config, {
      connectTimeout: 2_000,
      commandTimeout: 2_000,
      maxRetriesPerRequest: 1,
      lazyConnect: true,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    this.client.on('error', () => undefined); // reported by ping() and the health endpoint
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  /**
   * BullMQ loses jobs silently when Redis evicts keys. Warn loudly at boot unless the policy is
   * `noeviction`. (Managed Redis may refuse CONFIG; then say that it could not be checked.)
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const reply = (await this.client.config('GET', 'maxmemory-policy')) as string[];
      const policy = reply?.[1];
      if (policy !== 'noeviction') {
        this.logger.warn(
          `!!! Redis maxmemory-policy is "${policy}", not "noeviction": queued jobs can be evicted and lost. Set maxmemory-policy noeviction. !!!`,
        );
      }
    } catch (error) {
      this.logger.warn(
        `Could not read Redis maxmemory-policy (${String(error)}); make sure it is noeviction`,
      );
    }
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
