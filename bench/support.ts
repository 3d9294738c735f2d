import { AppConfig, loadConfig } from '@nf/config';
import { readFileSync } from 'node:fs';

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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
