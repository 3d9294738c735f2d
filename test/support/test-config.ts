import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, loadConfig } from '@nf/config';

/** Which Jest worker this is (1…N); each has its own database, Redis db index and queue prefix. */
export function jestWorkerId(): number {
  return Number(process.env.JEST_WORKER_ID ?? '1');
}

export const TEST_OPERATOR_TOKEN = 'test-operator-token-0123456789';

/** Configuration for tests: the machine's services, isolated per Jest worker. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(process.env, testEnvironment(overrides));
}

/** The environment behind `testConfig`, for the api and worker run as real processes. */
export function testEnvironment(overrides: Record<string, string> = {}): Record<string, string> {
  const worker = jestWorkerId();
  return {
    APP_ENV: 'test',
    APP_DEMO: 'false',
    APP_LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    APP_ADMIN_TOKEN: TEST_OPERATOR_TOKEN,
    DB_NAME: `namndflode_test_${worker}`,
    REDIS_DB: String(worker % 15),
    REDIS_PREFIX: `{nf-test-${worker}}`,
    OUTBOX_POLL_MS: '20',
    // Password hashes at a cost the tests can afford; production uses the default.
    AUTH_SCRYPT_N: '1024',
    // The suites log in and call from one address far more than a person; the load check sets its own.
    APP_RATE_ANONYMOUS_PER_MINUTE: '1000000',
    APP_RATE_LOGIN_PER_MINUTE: '1000000',
    APP_AUDIT_ANONYMOUS_EVENTS_PER_MINUTE: '1000000',
    FILES_DIR: join(tmpdir(), `namndflode-test-files-${worker}`),
    ...overrides,
  };
}
