import { RegistryModule } from '@nf/registry';
import { TenancyModule } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { createTenant } from '../test/support/registry-harness';
import {
  benchApp,
  benchConfig,
  peakRssMbOf,
  percentile,
  resetBenchServices,
  sleep,
  startWorkerProcess,
} from './support';

const OBLIGATIONS = Number(process.env.BENCH_REMINDERS ?? 100_000);
/** The reminders fall due evenly over this window, starting LEAD_S after they are scheduled. */
const WINDOW_S = Number(process.env.BENCH_REMINDERS_WINDOW_S ?? 300);
/** Time for the worker's relay to arm every delayed job before the first falls due. */
const LEAD_S = Number(process.env.BENCH_REMINDERS_LEAD_S ?? 60);
const ON_TIME_MS = 2_000;
const OFFICIALS = 100;

const WORKER_ENV = {
  WORKER_CONCURRENCY: '32',
  DB_POOL_SIZE: '40',
  OUTBOX_BATCH_SIZE: '1000',
  OUTBOX_POLL_MS: '20',
};

/**
 * reminders: 100,000 obligations, each with an open occurrence and one reminder, scheduled (bulk
 * SQL: the obligation, occurrence and wake-up rows and the outbox row that arms each delayed job,
 * as `FollowUpScheduler.plan` writes them) to fall due evenly over WINDOW_S seconds. The worker
 * process relays the outbox into BullMQ delayed jobs and fires each reminder (inbox message and
 * audit entry, claimed under a row lock at its version); its sweep runs as in production. Printed:
 * how many fired within 2 s of their time, the p99 lateness, and duplicates (reminders told twice).
 */
export async function remindersBench(): Promise<string> {
  const config = benchConfig(WORKER_ENV);
  await resetBenchServices(config);
  const app = await benchApp(config, [TenancyModule, RegistryModule]);
  const dataSource = app.get(DataSource);
  const tenant = await createTenant(app, 'bench');
  const m = tenant.municipalityId;
  const now = new Date();
  await dataSource.query(
    `INSERT INTO users (municipality_id, username, display_name, created_at, updated_at)
     SELECT ?, CONCAT('handlaggare', seq), CONCAT('Handläggare ', seq), ?, ? FROM seq_1_to_${OFFICIALS}`,
    [m, now, now],
  );
  const [{ firstUser }] = await dataSource.query(
    'SELECT MIN(id) AS firstUser FROM users WHERE municipality_id = ?',
    [m],
  );

  const scheduledAt = Date.now();
  const firstDue = scheduledAt + LEAD_S * 1000;
  const stepMs = (WINDOW_S * 1000) / OBLIGATIONS;
  await dataSource.query(
    `INSERT INTO obligations (id, municipality_id, kind, title, responsible_user_id, rrule, first_due,
                              lead_days, reminder_days, status, created_at, updated_at)
     SELECT seq, ?, 'follow-up', CONCAT('Uppföljning ', seq), ? + seq % ${OFFICIALS}, NULL,
            '2099-06-30', 30, '[14]', 'active', ?, ?
       FROM seq_1_to_${OBLIGATIONS}`,
    [m, Number(firstUser), now, now],
  );
  await dataSource.query(
    `INSERT INTO obligation_occurrences (id, municipality_id, obligation_id, due_on, opens_on, status, opened_at)
     SELECT seq, ?, seq, '2099-06-30', '2099-05-31', 'open', ? FROM seq_1_to_${OBLIGATIONS}`,
    [m, now],
  );
  await dataSource.query(
    `INSERT INTO wakeups (id, municipality_id, occurrence_id, kind, offset_days, fires_at, status, version)
     SELECT seq, ?, seq, 'remind', 14, FROM_UNIXTIME((? + (seq - 1) * ?) / 1000), 'pending', 1
       FROM seq_1_to_${OBLIGATIONS}`,
    [m, firstDue, stepMs],
  );
  await dataSource.query(
    `INSERT INTO outbox_messages (municipality_id, queue, job_name, payload, created_at, available_at)
     SELECT ?, 'schedules', 'followups.wake',
            JSON_OBJECT('municipalityId', ?, 'wakeupId', id, 'version', 1), ?, fires_at
       FROM wakeups WHERE municipality_id = ? ORDER BY id`,
    [m, m, now, m],
  );
  const scheduleS = (Date.now() - scheduledAt) / 1000;

  const worker = await startWorkerProcess(WORKER_ENV);
  const fired = async () =>
    Number(
      (
        await dataSource.query(
          "SELECT COUNT(*) AS n FROM wakeups WHERE municipality_id = ? AND status = 'done'",
          [m],
        )
      )[0].n,
    );
  const deadline = firstDue + WINDOW_S * 1000 + 120_000;
  while ((await fired()) < OBLIGATIONS && Date.now() < deadline) await sleep(500);
  const workerRss = peakRssMbOf(worker.pid!);
  worker.kill('SIGTERM');

  const lateness = (
    (await dataSource.query(
      `SELECT TIMESTAMPDIFF(MICROSECOND, fires_at, fired_at) / 1000 AS ms
         FROM wakeups WHERE municipality_id = ? AND status = 'done'`,
      [m],
    )) as Array<{ ms: string | number }>
  ).map((row) => Number(row.ms));
  const onTime = lateness.filter((ms) => ms <= ON_TIME_MS).length;
  const [{ told, audited }] = await dataSource.query(
    `SELECT (SELECT COUNT(*) FROM inbox_messages WHERE municipality_id = ?) AS told,
            (SELECT COUNT(*) FROM audit_log WHERE municipality_id = ? AND action = 'obligation.remind') AS audited`,
    [m, m],
  );
  const duplicates = Math.max(Number(told), Number(audited)) - lateness.length;
  await app.close();
  const pct = (100 * onTime) / OBLIGATIONS;
  return (
    `reminders: ${OBLIGATIONS} scheduled fired-on-time=${pct.toFixed(2)}% ` +
    `late-p99=${Math.round(percentile(lateness, 99))}ms duplicates=${duplicates} ` +
    `(fired ${lateness.length}, due evenly over ${WINDOW_S}s = ${Math.round(OBLIGATIONS / WINDOW_S)}/s ` +
    `from ${LEAD_S}s after scheduling; on time: within ${ON_TIME_MS}ms; ` +
    `late-p50=${Math.round(percentile(lateness, 50))}ms max=${Math.round(lateness.reduce((a, b) => Math.max(a, b), 0))}ms; ` +
    `scheduling took ${scheduleS.toFixed(1)}s; worker rss=${workerRss}MB)`
  );
}
