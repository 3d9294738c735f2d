import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalised)) return true;
  if (['false', '0', 'no', 'off', ''].includes(normalised)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string' || value.trim() === '') return value;
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
};

/** `host:port,host:port`, or nothing. */
const HOST_PORT_LIST = /^$|^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/;

/**
 * Every environment variable the system reads, with its default. `.env.example` documents each one;
 * a variable added here must be added there too.
 */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  APP_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65535)
  APP_PORT = 3000;

  @Transform(toBoolean)
  @IsBoolean()
  APP_DEMO = false;

  @Transform(toBoolean)
  @IsBoolean()
  APP_RUN_MIGRATIONS = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  APP_LOG_LEVEL = 'info';

  /** `auto`: readable lines when stdout is a terminal, JSON lines otherwise. */
  @IsIn(['auto', 'json', 'pretty'])
  APP_LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'APP_ADMIN_TOKEN must be at least 16 characters' })
  APP_ADMIN_TOKEN?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  APP_BODY_LIMIT_BYTES = 1024 * 1024;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(10_000)
  APP_READ_CACHE_MS = 1000;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  APP_RATE_ANONYMOUS_PER_MINUTE = 300;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  APP_RATE_LOGIN_PER_MINUTE = 20;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  APP_AUDIT_ANONYMOUS_EVENTS_PER_MINUTE = 5;

  @IsString()
  @MinLength(1)
  DB_HOST = '127.0.0.1';

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65535)
  DB_PORT = 3306;

  @IsString()
  @MinLength(1)
  DB_USER = 'root';

  @IsString()
  DB_PASSWORD = '';

  /** A separate user for migrations (DDL); unset: migrations run as DB_USER. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  DB_MIGRATION_USER?: string;

  @IsString()
  DB_MIGRATION_PASSWORD = '';

  /** For `cli db:create-users` only: the application's own user, made with DML rights only. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  DB_APP_USER?: string;

  @IsString()
  DB_APP_PASSWORD = '';

  @IsString()
  @Matches(/^[A-Za-z0-9_]{1,64}$/, { message: 'DB_NAME may hold only letters, digits and _' })
  DB_NAME = 'namndflode';

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(500)
  DB_POOL_SIZE = 10;

  @IsString()
  @MinLength(1)
  REDIS_HOST = '127.0.0.1';

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65535)
  REDIS_PORT = 6379;

  @IsOptional()
  @IsString()
  REDIS_PASSWORD?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(15)
  REDIS_DB = 0;

  @IsString()
  @Matches(/^\{[A-Za-z0-9_-]{1,40}\}$/, {
    message: 'REDIS_PREFIX must be a Redis Cluster hash tag such as {nf}',
  })
  REDIS_PREFIX = '{nf}';

  /** Redis Sentinels (`host:port,host:port,…`); when set, REDIS_HOST and REDIS_PORT are not read. */
  @Matches(HOST_PORT_LIST, { message: 'REDIS_SENTINELS must be host:port pairs, comma-separated' })
  REDIS_SENTINELS = '';

  /** The primary's name the sentinels monitor (`sentinel monitor <name> …`). */
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'REDIS_SENTINEL_NAME must be a sentinel name' })
  REDIS_SENTINEL_NAME = 'mymaster';

  @IsOptional()
  @IsString()
  REDIS_SENTINEL_PASSWORD?: string;

  /** Seed nodes of a Redis Cluster (`host:port,…`); when set, REDIS_HOST and REDIS_PORT are not read. */
  @Matches(HOST_PORT_LIST, {
    message: 'REDIS_CLUSTER_NODES must be host:port pairs, comma-separated',
  })
  REDIS_CLUSTER_NODES = '';

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(500)
  WORKER_CONCURRENCY = 20;

  @Transform(toInteger)
  @IsInt()
  @Min(1_000)
  @Max(600_000)
  WORKER_LOCK_DURATION_MS = 30_000;

  @Transform(toInteger)
  @IsInt()
  @Min(500)
  @Max(600_000)
  WORKER_STALLED_INTERVAL_MS = 30_000;

  /** The worker's own health port (`/health/live`, `/health/ready`) for probes; 0: none. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 0;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(20)
  WEBHOOK_MAX_ATTEMPTS = 6;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_PAUSE_AFTER_FAILED = 3;

  @IsString()
  @MinLength(1)
  APP_ROUTES_DIR = './config/routes';

  @IsString()
  @MinLength(1)
  APP_AGENDA_DIR = './config/agenda';

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(365)
  APP_APPEAL_PERIOD_DAYS = 21;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(30)
  APP_ANSLAG_POST_WITHIN_DAYS = 2;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(60)
  APP_JUSTERING_WITHIN_DAYS = 14;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(60)
  APP_KF_ANNOUNCE_DAYS_BEFORE = 7;

  @Matches(/^(\d{1,3})(,\d{1,3})*$|^$/)
  APP_DEADLINE_REMIND_DAYS = '3';

  @Matches(/^(\d{1,2})(,\d{1,2})*$|^$/)
  APP_MOTION_REMIND_MONTHS = '9,11';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(366)
  APP_MOTION_REPORT_HORIZON_DAYS = 183;

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(365)
  APP_DEADLINE_LATE_GRACE_DAYS = 7;

  @Transform(toInteger)
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_MS = 100;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(5_000)
  OUTBOX_BATCH_SIZE = 200;

  @Transform(toInteger)
  @IsInt()
  @Min(1_000)
  OUTBOX_SWEEP_INTERVAL_MS = 30_000;

  @Transform(toInteger)
  @IsInt()
  @Min(1_000)
  OUTBOX_SWEEP_AFTER_MS = 120_000;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS = 30;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  APP_PUBLIC_URL?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(1_048_576)
  AUTH_SCRYPT_N = 32_768;

  @Transform(toInteger)
  @IsInt()
  @Min(60)
  @Max(86_400)
  AUTH_ACCESS_TOKEN_TTL_S = 3_600;

  @Transform(toInteger)
  @IsInt()
  @Min(300)
  @Max(365 * 86_400)
  AUTH_REFRESH_TOKEN_TTL_S = 30 * 86_400;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100)
  AUTH_MAX_FAILED_LOGINS = 5;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(86_400)
  AUTH_LOCKOUT_S = 900;

  @IsString()
  @MinLength(1)
  FILES_DIR = './var/files';

  /** The built web app (`npm run build`), served at `/`; the api serves none where it is missing. */
  @IsString()
  @MinLength(1)
  WEB_DIR = './dist/web';

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(1024 * 1024 * 1024)
  FILES_MAX_BYTES = 25 * 1024 * 1024;

  @IsString()
  @MinLength(1)
  SMTP_HOST = '127.0.0.1';

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(65_535)
  SMTP_PORT = 1025;

  @Transform(toBoolean)
  @IsBoolean()
  SMTP_SECURE = false;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string;

  @IsString()
  @MinLength(3)
  SMTP_FROM = 'Nämndflöde <noreply@namndflode.local>';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the raw environment; throws a ConfigError naming every bad variable. */
export function validateEnvironment(source: Record<string, string | undefined>): Environment {
  const known = Object.keys(new Environment());
  const relevant: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (
      value !== undefined &&
      (known.includes(key) || /^(APP|DB|REDIS|WORKER|OUTBOX|AUTH|FILES|SMTP)_/.test(key))
    ) {
      relevant[key] = value;
    }
  }
  const env = plainToInstance(Environment, relevant, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: false, forbidUnknownValues: true });
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (message) =>
        `${error.property}=${JSON.stringify(relevant[error.property] ?? '')}: ${message}`,
    ),
  );
  if (env.REDIS_SENTINELS !== '' && env.REDIS_CLUSTER_NODES !== '') {
    problems.push('REDIS_SENTINELS and REDIS_CLUSTER_NODES: set one of them, not both');
  }
  if (env.REDIS_CLUSTER_NODES !== '' && Number(env.REDIS_DB) !== 0) {
    problems.push(
      `REDIS_DB=${JSON.stringify(relevant.REDIS_DB ?? '')}: Redis Cluster has database 0 only`,
    );
  }
  const unknown = Object.keys(relevant).filter((key) => !known.includes(key));
  for (const key of unknown) problems.push(`${key}: not a variable this system reads (typo?)`);
  if (problems.length > 0) throw new ConfigError(problems);
  return env;
}
