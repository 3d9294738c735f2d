import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from './services';
import { jestWorkerId } from './test-config';

const run = promisify(execFile);

/**
 * Real Redis servers (Debian's redis-server) on local ports of this Jest worker's own, for the
 * tests of Redis Sentinel and Redis Cluster. Nothing is kept on disk but what Sentinel and Cluster
 * write of their own state, in a temporary directory removed at the end.
 */
export interface RedisServer {
  port: number;
  child: ChildProcess;
  output(): string;
  /** SIGKILL: what a crashed machine does. */
  kill9(): Promise<void>;
  /** SIGSTOP / SIGCONT: a server that hangs, and comes back. */
  freeze(): void;
  thaw(): void;
}

/** The first of the 40 ports this Jest worker may use (7140, 7180, …; Cluster's bus adds 10000). */
export function redisBasePort(): number {
  return 7100 + 40 * jestWorkerId();
}

export async function redisCli(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args]);
  return stdout.trim();
}

async function startServer(port: number, args: string[], dir: string): Promise<RedisServer> {
  const child = spawn('redis-server', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited:\n${output}`);
      return (await redisCli(port, 'PING').catch(() => '')) === 'PONG';
    },
    { what: `redis-server on port ${port}`, timeoutMs: 10_000 },
  );
  return {
    port,
    child,
    output: () => output,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
  };
}

const DATA_NODE = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];

export interface SentinelGroup {
  name: string;
  primary: RedisServer;
  replica: RedisServer;
  sentinels: RedisServer[];
  /** `REDIS_SENTINELS` for the apps. */
  addresses: string;
  /** The port of the server the sentinels name as primary now. */
  primaryPort(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * A primary, one replica and three sentinels (quorum two) that count a server down after one
 * second without an answer.
 */
export async function startSentinelGroup(base = redisBasePort()): Promise<SentinelGroup> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-sentinel-'));
  const name = 'nf-primary';
  const servers: RedisServer[] = [];
  try {
    const primary = await startServer(base, ['--port', String(base), ...DATA_NODE], dir);
    servers.push(primary);
    const replica = await startServer(
      base + 1,
      ['--port', String(base + 1), ...DATA_NODE, '--replicaof', '127.0.0.1', String(base)],
      dir,
    );
    servers.push(replica);
    await eventually(
      async () =>
        (await redisCli(base + 1, 'INFO', 'replication')).includes('master_link_status:up'),
      { what: 'the replica in sync' },
    );
    const sentinels: RedisServer[] = [];
    for (const port of [base + 2, base + 3, base + 4]) {
      const file = join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        file,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${base} 2`,
          `sentinel down-after-milliseconds ${name} 1000`,
          `sentinel failover-timeout ${name} 5000`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      const sentinel = await startServer(port, [file, '--sentinel'], dir);
      servers.push(sentinel);
      sentinels.push(sentinel);
    }
    // Each sentinel knows the replica and the two other sentinels before anything is killed.
    await eventually(
      async () => {
        for (const sentinel of sentinels) {
          const replicas = await redisCli(sentinel.port, 'SENTINEL', 'REPLICAS', name);
          const peers = await redisCli(sentinel.port, 'SENTINEL', 'SENTINELS', name);
          if (!replicas.includes(String(base + 1))) return false;
          if (peers.split('\n').filter((line) => line === 'runid').length !== 2) return false;
        }
        return true;
      },
      { what: 'the sentinels to find the replica and each other', timeoutMs: 30_000 },
    );
    return {
      name,
      primary,
      replica,
      sentinels,
      addresses: sentinels.map((sentinel) => `127.0.0.1:${sentinel.port}`).join(','),
      async primaryPort() {
        const reply = await redisCli(
          sentinels[0].port,
          'SENTINEL',
          'GET-MASTER-ADDR-BY-NAME',
          name,
        );
        return Number(reply.split('\n')[1]);
      },
      stop: () => stopAll(servers, dir),
    };
  } catch (error) {
    await stopAll(servers, dir);
    throw error;
  }
}

export interface RedisClusterNodes {
  primaries: RedisServer[];
  /** `REDIS_CLUSTER_NODES` for the apps. */
  addresses: string;
  stop(): Promise<void>;
}

/** Three primaries with the 16384 slots split between them, no replicas. */
export async function startRedisCluster(base = redisBasePort() + 10): Promise<RedisClusterNodes> {
  const dir = mkdtempSync(join(tmpdir(), 'nf-cluster-'));
  const primaries: RedisServer[] = [];
  try {
    for (const port of [base, base + 1, base + 2]) {
      primaries.push(
        await startServer(
          port,
          [
            '--port',
            String(port),
            ...DATA_NODE,
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--cluster-node-timeout',
            '2000',
          ],
          dir,
        ),
      );
    }
    const addresses = primaries.map((node) => `127.0.0.1:${node.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-yes']);
    await eventually(
      async () => {
        for (const node of primaries) {
          if (!(await redisCli(node.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) {
            return false;
          }
        }
        return true;
      },
      { what: 'the cluster to agree on its slots', timeoutMs: 30_000 },
    );
    return { primaries, addresses: addresses.join(','), stop: () => stopAll(primaries, dir) };
  } catch (error) {
    await stopAll(primaries, dir);
    throw error;
  }
}

async function stopAll(servers: RedisServer[], dir: string): Promise<void> {
  for (const server of servers) server.thaw();
  await Promise.all(servers.map((server) => server.kill9()));
  rmSync(dir, { recursive: true, force: true });
}
