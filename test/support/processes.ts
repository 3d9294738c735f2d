import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './services';
import { testEnvironment } from './test-config';

const ROOT = join(__dirname, '..', '..');

export interface AppProcess {
  child: ChildProcess;
  /** What the process wrote, for the failure message of a test. */
  output(): string;
  /** SIGKILL: no shutdown hooks, no graceful close; what a power cut does. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for a graceful exit. */
  stop(): Promise<void>;
}

/**
 * Runs the built api or worker (`npm run build`; `npm test` builds first) as a real process on the
 * test's database and Redis. Resolves when it is ready: the worker has logged that it started, the
 * api answers /health/ready.
 */
export async function startProcess(
  app: 'api' | 'worker',
  overrides: Record<string, string> = {},
): Promise<AppProcess> {
  const main = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(main)) {
    throw new Error(`${main} is missing: run \`npm run build\` (npm test does) first`);
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...testEnvironment({
      APP_LOG_LEVEL: 'info',
      APP_ROUTES_DIR: join(ROOT, 'config', 'routes'),
      ...overrides,
    }),
  };
  // The api runs with the young generation it has in production (scripts/start.js, the
  // Dockerfile, docker-compose): its memory under load is the memory the tests check.
  const flags = app === 'api' ? ['--max-semi-space-size=4'] : [];
  const child = spawn(process.execPath, [...flags, main], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: AppProcess = {
    child,
    output: () => output,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${app} exited:\n${output}`);
        if (app === 'worker') return output.includes('Worker started');
        const port = env.APP_PORT;
        return fetch(`http://127.0.0.1:${port}/health/ready`)
          .then((response) => response.ok)
          .catch(() => false);
      },
      { timeoutMs: 30_000, intervalMs: 50, what: `${app} to start` },
    );
  } catch (error) {
    await handle.kill9();
    throw new Error(`${String(error)}\n${output.slice(-3000)}`);
  }
  return handle;
}
