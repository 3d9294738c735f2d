import { Environment, validateEnvironment } from './env';

/**
 * The validated, typed configuration. Injected by class (`constructor(config: AppConfig)`);
 * nothing outside `config/` reads `process.env`.
 */
export class AppConfig {
  readonly app: {
    env: Environment['APP_ENV'];
    port: number;
    demo: boolean;
    runMigrations: boolean;
    logLevel: string;
    /** How logs are written: `auto` is `pretty` on a terminal and `json` elsewhere. */
    logFormat: 'auto' | 'json' | 'pretty';
    adminToken: string | undefined;
    bodyLimitBytes: number;
    /** How long a read served from memory (the agenda, and the token's principal) is trusted; 0: off. */
    readCacheMs: number;
    /** Requests without credentials one client address may send a minute (per process). */
    anonymousPerMinute: number;
    /** Login attempts one client address may make a minute (per process). */
    loginsPerMinute: number;
    /** Distinct security events of one address written a minute; the rest go to one summary. */
    auditAnonymousEventsPerMinute: number;
    publicUrl: string | undefined;
  };
  readonly db: {
    host: string;
    port: number;
    user: string;
    password: string;
    /** Who runs migrations (DDL), when that is not `user`. */
    migration: { user: string; password: string } | null;
    /** The application's own user that `cli db:create-users` makes, if set. */
    app: { user: string; password: string } | null;
    name: string;
    poolSize: number;
  };
  readonly redis: {
    host: string;
    port: number;
    password: string | undefined;
    db: number;
    prefix: string;
    /** Where the primary is found: set for Redis Sentinel (then host and port are not used). */
    sentinel: { nodes: RedisNode[]; name: string; password: string | undefined } | null;
    /** Seed nodes of a Redis Cluster (then host, port and db are not used). */
    cluster: RedisNode[] | null;
  };
  readonly worker: {
    concurrency: number;
    lockDurationMs: number;
    stalledIntervalMs: number;
    /** Where the worker answers health probes; 0: it does not. */
    healthPort: number;
  };
  /** The change feed: tries per event (with the job's backoff), failed events in a row before a pause. */
  readonly webhooks: { maxAttempts: number; pauseAfterFailed: number };
  /** Route templates (JSON), `default.json` plus `<municipality slug>.json` overrides. */
  readonly workflow: { routesDir: string };
  /**
   * Standing agenda items by organ, `default.json` plus `<municipality slug>.json`; and which
   * undecided motions KF's motion report lists (those whose year ends within the horizon).
   */
  readonly meetings: { agendaDir: string; motionReportHorizonDays: number };
  /** Legal periods of the notice of an adjusted protocol (KL 8:12, 13:5), in days. */
  readonly anslag: { appealDays: number; postWithinDays: number };
  /** Legal deadlines and their reminders (the follow-ups context keeps them). */
  readonly deadlines: {
    justeringWithinDays: number;
    kfAnnounceDaysBefore: number;
    remindDaysBefore: number[];
    motionRemindMonths: number[];
    lateGraceDays: number;
  };
  readonly files: { dir: string; maxBytes: number };
  /** Where the built web app is (served at `/`). */
  readonly web: { dir: string };
  readonly smtp: {
    host: string;
    port: number;
    secure: boolean;
    user: string | undefined;
    password: string | undefined;
    from: string;
  };
  readonly auth: {
    scryptN: number;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    maxFailedLogins: number;
    lockoutSeconds: number;
  };
  readonly outbox: {
    pollMs: number;
    batchSize: number;
    sweepIntervalMs: number;
    sweepAfterMs: number;
    retentionDays: number;
  };

  constructor(env: Environment) {
    this.app = {
      env: env.APP_ENV,
      port: env.APP_PORT,
      demo: env.APP_DEMO,
      runMigrations: env.APP_RUN_MIGRATIONS,
      logLevel: env.APP_LOG_LEVEL,
      logFormat: env.APP_LOG_FORMAT,
      adminToken: env.APP_ADMIN_TOKEN,
      bodyLimitBytes: env.APP_BODY_LIMIT_BYTES,
      readCacheMs: env.APP_READ_CACHE_MS,
      anonymousPerMinute: env.APP_RATE_ANONYMOUS_PER_MINUTE,
      loginsPerMinute: env.APP_RATE_LOGIN_PER_MINUTE,
      auditAnonymousEventsPerMinute: env.APP_AUDIT_ANONYMOUS_EVENTS_PER_MINUTE,
      publicUrl: env.APP_PUBLIC_URL,
    };
    this.db = {
      host: env.DB_HOST,
      port: env.DB_PORT,
      user: env.DB_USER,
      password: env.DB_PASSWORD,
      migration: env.DB_MIGRATION_USER
        ? { user: env.DB_MIGRATION_USER, password: env.DB_MIGRATION_PASSWORD }
        : null,
      app: env.DB_APP_USER ? { user: env.DB_APP_USER, password: env.DB_APP_PASSWORD } : null,
      name: env.DB_NAME,
      poolSize: env.DB_POOL_SIZE,
    };
    this.redis = {
      host: env.REDIS_HOST,
      port: env.REDIS_PORT,
      password: env.REDIS_PASSWORD,
      db: env.REDIS_DB,
      prefix: env.REDIS_PREFIX,
      sentinel:
        env.REDIS_SENTINELS === ''
          ? null
          : {
              nodes: redisNodes(env.REDIS_SENTINELS),
              name: env.REDIS_SENTINEL_NAME,
              password: env.REDIS_SENTINEL_PASSWORD,
            },
      cluster: env.REDIS_CLUSTER_NODES === '' ? null : redisNodes(env.REDIS_CLUSTER_NODES),
    };
    this.worker = {
      concurrency: env.WORKER_CONCURRENCY,
      lockDurationMs: env.WORKER_LOCK_DURATION_MS,
      stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
      healthPort: env.WORKER_HEALTH_PORT,
    };
    this.webhooks = {
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      pauseAfterFailed: env.WEBHOOK_PAUSE_AFTER_FAILED,
    };
    this.workflow = { routesDir: env.APP_ROUTES_DIR };
    this.meetings = {
      agendaDir: env.APP_AGENDA_DIR,
      motionReportHorizonDays: env.APP_MOTION_REPORT_HORIZON_DAYS,
    };
    this.anslag = {
      appealDays: env.APP_APPEAL_PERIOD_DAYS,
      postWithinDays: env.APP_ANSLAG_POST_WITHIN_DAYS,
    };
    const numbers = (list: string) =>
      list === '' ? [] : [...new Set(list.split(',').map(Number))].sort((a, b) => a - b);
    this.deadlines = {
      justeringWithinDays: env.APP_JUSTERING_WITHIN_DAYS,
      kfAnnounceDaysBefore: env.APP_KF_ANNOUNCE_DAYS_BEFORE,
      remindDaysBefore: numbers(env.APP_DEADLINE_REMIND_DAYS),
      motionRemindMonths: numbers(env.APP_MOTION_REMIND_MONTHS),
      lateGraceDays: env.APP_DEADLINE_LATE_GRACE_DAYS,
    };
    this.files = { dir: env.FILES_DIR, maxBytes: env.FILES_MAX_BYTES };
    this.web = { dir: env.WEB_DIR };
    this.smtp = {
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure: env.SMTP_SECURE,
      user: env.SMTP_USER,
      password: env.SMTP_PASSWORD,
      from: env.SMTP_FROM,
    };
    this.auth = {
      scryptN: env.AUTH_SCRYPT_N,
      accessTokenTtlSeconds: env.AUTH_ACCESS_TOKEN_TTL_S,
      refreshTokenTtlSeconds: env.AUTH_REFRESH_TOKEN_TTL_S,
      maxFailedLogins: env.AUTH_MAX_FAILED_LOGINS,
      lockoutSeconds: env.AUTH_LOCKOUT_S,
    };
    this.outbox = {
      pollMs: env.OUTBOX_POLL_MS,
      batchSize: env.OUTBOX_BATCH_SIZE,
      sweepIntervalMs: env.OUTBOX_SWEEP_INTERVAL_MS,
      sweepAfterMs: env.OUTBOX_SWEEP_AFTER_MS,
      retentionDays: env.OUTBOX_RETENTION_DAYS,
    };
    Object.freeze(this);
  }
}

export interface RedisNode {
  host: string;
  port: number;
}

function redisNodes(list: string): RedisNode[] {
  return list.split(',').map((pair) => {
    const at = pair.lastIndexOf(':');
    return { host: pair.slice(0, at), port: Number(pair.slice(at + 1)) };
  });
}

/** Reads and validates configuration from the process environment (or a given source). */
export function loadConfig(
  source: Record<string, string | undefined> = process.env,
  overrides: Record<string, string | undefined> = {},
): AppConfig {
  return new AppConfig(validateEnvironment({ ...source, ...overrides }));
}
