import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import type { ConnectionOptions } from 'bullmq';
import Redis, { Cluster, RedisOptions } from 'ioredis';

/**
 * The options of one Redis client for the configured topology: one server, or whichever server the
 * sentinels name as primary now. ioredis asks the sentinels again on every reconnect and, with the
 * failover detector, as soon as they announce a new primary.
 */
export function redisOptions(config: AppConfig, extra: RedisOptions = {}): RedisOptions {
  const { redis } = config;
  const common: RedisOptions = { password: redis.password, db: redis.db, ...extra };
  if (redis.sentinel === null) return { host: redis.host, port: redis.port, ...common };
  return {
    ...common,
    sentinels: redis.sentinel.nodes,
    name: redis.sentinel.name,
    sentinelPassword: redis.sentinel.password,
    failoverDetector: true,
  };
}

/**
 * A Redis client for the configured topology: a Cluster client when cluster nodes are set, else a
 * client of one server or of the sentinels' primary. `extra` holds per-connection options (timeouts,
 * retries, lazyConnect).
 */
export function createRedis(config: AppConfig, extra: RedisOptions = {}): Redis | Cluster {
  if (config.redis.cluster === null) return new Redis(redisOptions(config, extra));
  const { lazyConnect, ...perNode } = extra;
  return new Cluster(config.redis.cluster, {
    lazyConnect,
    redisOptions: { password: config.redis.password, ...perNode },
    // Slots move when a primary fails over: follow the cluster's redirections and refresh.
    maxRedirections: 32,
    clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
  });
}

/**
 * What BullMQ connects with. For one server or Sentinel, options: BullMQ opens (and closes) a
 * client per queue and worker. BullMQ cannot make a Cluster client from options, so for a cluster
 * it gets one shared client (`SharedRedis`), which it duplicates for its blocking connections.
 */
export function bullConnection(config: AppConfig, shared: SharedRedis): ConnectionOptions {
  if (config.redis.cluster === null) {
    return redisOptions(config, { maxRetriesPerRequest: null }) as ConnectionOptions;
  }
  return shared.cluster();
}

/**
 * The one Cluster client the queues share, closed when the application shuts down. Nest shuts
 * modules down in the reverse order it scanned them; QueueModule is scanned before the BullMQ
 * modules it imports, so this hook runs after the queues and workers have closed.
 */
@Injectable()
export class SharedRedis implements OnApplicationShutdown {
  private client: Cluster | undefined;

  constructor(private readonly config: AppConfig) {}

  cluster(): Cluster {
    this.client ??= createRedis(this.config, { maxRetriesPerRequest: null }) as Cluster;
    return this.client;
  }

  async onApplicationShutdown(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.quit().catch(() => client.disconnect());
  }
}
