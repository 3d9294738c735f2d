import { INestApplicationContext, Module, ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditModule } from '@nf/audit';
import { CommonModule } from '@nf/common';
import { AppConfig, ConfigModule, loadConfig } from '@nf/config';
import { DatabaseModule } from '@nf/database';
import { QueueModule } from '@nf/queue';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';

/** Benchmarks run against the real services, in a database and Redis db of their own. */
export function benchConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(process.env, benchEnvironment(overrides));
}

/** The environment behind `benchConfig`, for the api or worker run as a process of their own. */
export function benchEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    APP_ENV: 'test',
    APP_LOG_LEVEL: 'warn',
    DB_NAME: 'namndflode_bench',
    REDIS_DB: '15',
    REDIS_PREFIX: '{nf-bench}',
    ...overrides,
  };
}

export { resetServices as resetBenchServices } from '../test/support/services';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Peak resident set size of this process in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Peak resident set size of another process of ours (Linux), in MB. */
export function peakRssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

/** Runs `callers` loops of `work` for `seconds`; returns how many completed. */
export async function saturate(
  callers: number,
  seconds: number,
  work: (caller: number) => Promise<void>,
): Promise<number> {
  const until = Date.now() + seconds * 1000;
  const counts = await Promise.all(
    Array.from({ length: callers }, async (_, caller) => {
      let done = 0;
      while (Date.now() < until) {
        await work(caller);
        done++;
      }
      return done;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The built api in a process of its own, on the benchmark's database and Redis. */
export async function startApiProcess(
  config: AppConfig,
  port: number,
  env: Record<string, string> = {},
): Promise<{ base: string; pid: number; stop(): Promise<void> }> {
  const api = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_API_NODE_OPTIONS ?? '--max-semi-space-size=4')
        .split(' ')
        .filter(Boolean),
      // BENCH_API_PROFILE=<dir>: a CPU profile of the api, written when it is stopped.
      ...(process.env.BENCH_API_PROFILE
        ? ['-r', join(__dirname, '..', '..', 'scripts', 'cpu-profile.js')]
        : []),
      join(__dirname, '..', 'apps', 'api', 'src', 'main.js'),
    ],
    {
      env: {
        ...process.env,
        DB_NAME: config.db.name,
        REDIS_DB: String(config.redis.db),
        REDIS_PREFIX: config.redis.prefix,
        APP_PORT: String(port),
        APP_LOG_LEVEL: 'warn',
        APP_DEMO: 'false',
        AUTH_SCRYPT_N: '1024',
        APP_ROUTES_DIR: join(__dirname, '..', '..', 'config', 'routes'),
        APP_AGENDA_DIR: join(__dirname, '..', '..', 'config', 'agenda'),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${base}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 100) {
      api.kill('SIGTERM');
      throw new Error('the api did not start');
    }
    await sleep(200);
  }
  const exited = new Promise<void>((resolve) => api.once('exit', () => resolve()));
  return {
    base,
    pid: api.pid!,
    stop: () => {
      api.kill('SIGTERM');
      return exited;
    },
  };
}

/** Logs a user in over HTTP; the access token. */
export async function loginOverHttp(
  base: string,
  municipality: string,
  username: string,
  password: string,
): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipality, username, password }),
  });
  if (response.status !== 200) throw new Error(`login gave ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** The built worker in a process of its own, on the benchmark's database and Redis; resolves once started. */
export async function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const worker = spawn(
    process.execPath,
    [
      // E.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where the worker's time goes.
      ...(process.env.BENCH_WORKER_NODE_OPTIONS ?? '').split(' ').filter(Boolean),
      join(__dirname, '..', 'apps', 'worker', 'src', 'main.js'),
    ],
    {
      env: {
        ...process.env,
        ...benchEnvironment({
          ...env,
          APP_LOG_LEVEL: 'info',
          APP_ROUTES_DIR: join(__dirname, '..', '..', 'config', 'routes'),
          APP_AGENDA_DIR: join(__dirname, '..', '..', 'config', 'agenda'),
        }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    worker.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Worker started')) resolve();
    });
    worker.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
  });
  worker.stdout!.resume();
  return worker;
}

@Module({})
class BenchRoot {}

/**
 * The benchmark's own application in process: its configuration, the core modules (database,
 * audit, queues) and the bounded contexts it drives; started.
 */
export async function benchApp(
  config: AppConfig,
  contexts: NonNullable<ModuleMetadata['imports']>,
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    {
      module: BenchRoot,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        DatabaseModule.forRoot(),
        AuditModule,
        QueueModule.forRoot(),
        ...contexts,
      ],
    },
    { logger: ['warn', 'error'] },
  );
  await app.init();
  return app;
}

/**
 * `clients` loops of GET `url` for `seconds`, each on a keep-alive socket of its own and, where
 * `tokens` are given, with a bearer token of its own (as many members each read the agenda); the
 * latencies in ms. Each client writes a prepared request and reads the answer's head for its length, as wrk
 * does: the load generator shares the two vCPUs with the server it measures, so it has to cost
 * little. (Under fetch a bare server reached 4,000 requests/s; under node:http's client 16,000/s;
 * with these sockets 23,000–27,000/s.) Any answer but a 200 with a Content-Length fails the run.
 */
export async function httpLoad(
  url: string,
  tokens: string[] | null,
  seconds: number,
  clients: number,
): Promise<number[]> {
  const { hostname, port, pathname } = new URL(url);
  const requestOf = (client: number) =>
    Buffer.from(
      `GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
        (tokens ? `Authorization: Bearer ${tokens[client % tokens.length]}\r\n` : '') +
        '\r\n',
    );
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  const client = (_: unknown, index: number) =>
    new Promise<void>((resolve, reject) => {
      const request = requestOf(index);
      const socket = net.connect(Number(port), hostname);
      socket.setNoDelay(true);
      let started = 0;
      let received: Buffer = Buffer.alloc(0);
      let answerLength = -1;
      let done = false;
      const fail = (error: Error) => {
        done = true;
        socket.destroy();
        reject(error);
      };
      const next = () => {
        if (Date.now() >= until) {
          done = true;
          socket.end();
          resolve();
          return;
        }
        started = performance.now();
        socket.write(request);
      };
      socket.on('connect', next);
      socket.on('error', fail);
      socket.on('close', () => {
        if (!done) fail(new Error(`${url} closed the connection`));
      });
      socket.on('data', (chunk: Buffer) => {
        received = received.length ? Buffer.concat([received, chunk]) : chunk;
        for (;;) {
          if (answerLength < 0) {
            const headEnd = received.indexOf('\r\n\r\n');
            if (headEnd < 0) return;
            const head = received.subarray(0, headEnd).toString('latin1');
            const length = /\r\ncontent-length: *(\d+)/i.exec(head);
            if (!head.startsWith('HTTP/1.1 200 ') || !length) {
              fail(new Error(`${url} answered ${head.split('\r\n')[0]}`));
              return;
            }
            answerLength = headEnd + 4 + Number(length[1]);
          }
          if (received.length < answerLength) return;
          received = received.subarray(answerLength);
          answerLength = -1;
          latencies.push(performance.now() - started);
          next();
        }
      });
    });
  await Promise.all(Array.from({ length: clients }, client));
  return latencies;
}
