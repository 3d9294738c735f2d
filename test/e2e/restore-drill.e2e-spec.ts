import { execFile } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppProcess, startProcess } from '../support/processes';
import { eventually, resetServices } from '../support/services';
import { jestWorkerId, testConfig, testEnvironment } from '../support/test-config';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/**
 * The restore drill, as an operator would run it: back up a running demo with scripts/backup.sh,
 * restore it with scripts/restore.sh into an empty database and files directory (and a Redis that
 * has none of its queues), start the apps on it, and find every case, every file (by SHA-256) and
 * the job that was pending there, and going on.
 */
describe('Backup and restore drill', () => {
  const worker = jestWorkerId();
  const config = testConfig();
  const original = testEnvironment();
  const restored = {
    DB_NAME: `namndflode_test_${worker}_restored`,
    FILES_DIR: join(tmpdir(), `namndflode-test-files-${worker}-restored`),
    REDIS_PREFIX: `{nf-restored-${worker}}`,
  };
  const backupDir = join(tmpdir(), `namndflode-test-backup-${worker}`);
  const processes: AppProcess[] = [];
  let db: DataSource;

  const shell = (script: string, env: Record<string, string>) =>
    run(join(ROOT, script), [backupDir], { env: { PATH: process.env.PATH ?? '', ...env } });
  const cli = async (env: Record<string, string>, ...args: string[]) =>
    run(process.execPath, [join(ROOT, 'dist/apps/cli/src/main.js'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...testEnvironment(env) },
    }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
  const rows = (database: string, sql: string, params: unknown[] = []) =>
    db.query(sql.replaceAll('{db}', `\`${database}\``), params) as Promise<
      Array<Record<string, unknown>>
    >;

  beforeAll(async () => {
    await resetServices(config);
    rmSync(original.FILES_DIR, { recursive: true, force: true });
    rmSync(restored.FILES_DIR, { recursive: true, force: true });
    rmSync(backupDir, { recursive: true, force: true });
    db = await new DataSource({
      type: 'mysql',
      host: config.db.host,
      port: config.db.port,
      username: config.db.user,
      password: config.db.password,
    }).initialize();
    await db.query(`DROP DATABASE IF EXISTS \`${restored.DB_NAME}\``);
  });

  afterAll(async () => {
    await Promise.all(processes.map((running) => running.kill9()));
    await db?.query(`DROP DATABASE IF EXISTS \`${restored.DB_NAME}\``);
    await db?.destroy();
    rmSync(restored.FILES_DIR, { recursive: true, force: true });
    rmSync(backupDir, { recursive: true, force: true });
  });

  it('backs up a running demo and restores it whole: cases, files by SHA-256, a pending job that goes on', async () => {
    // The demo, running: its jobs (kallelse and protocol PDFs among them) done by the worker.
    const port = String(3350 + worker);
    const api = await startProcess('api', { APP_PORT: port, APP_DEMO: 'true' });
    processes.push(api);
    const firstWorker = await startProcess('worker');
    processes.push(firstWorker);
    const http = request(`http://127.0.0.1:${port}`);
    const login = async (client: typeof http, username: string) =>
      (
        await client
          .post('/api/v1/auth/login')
          .send({ municipality: 'kalix', username, password: 'demo' })
          .expect(200)
      ).body.accessToken as string;
    const registrator = await login(http, 'registrator');
    const secretary = await login(http, 'sekreterare');
    // Settled: nothing waiting but mails (no SMTP server here; they retry) and jobs due later.
    const unsettled = async (database: string) =>
      Number(
        (
          await rows(
            database,
            `SELECT COUNT(*) AS n FROM {db}.outbox_messages
              WHERE status IN ('pending', 'published') AND job_name <> 'notifications.send-mail'
                AND available_at <= ?`,
            [new Date()],
          )
        )[0].n,
      );
    await eventually(async () => (await unsettled(original.DB_NAME)) === 0, {
      what: 'the demo’s jobs done',
      timeoutMs: 90_000,
      intervalMs: 250,
    });

    // The worker goes down; a case is withdrawn meanwhile: its job waits in the outbox.
    await firstWorker.kill9();
    const registered = await http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${registrator}`)
      .send({ title: 'Ärende som återkallas före säkerhetskopian' })
      .expect(201);
    const caseId = registered.body.id as number;
    await http
      .post(`/api/v1/cases/${caseId}/route`)
      .set('Authorization', `Bearer ${registrator}`)
      .send({ template: 'ks-direkt' })
      .expect(201);
    const outcome = await http
      .post(`/api/v1/cases/${caseId}/outcomes`)
      .set('Authorization', `Bearer ${secretary}`)
      .send({ kind: 'withdrawn', reason: 'Ärendet har återkallats' })
      .expect(202);
    const pending = await rows(
      original.DB_NAME,
      `SELECT id, status, job_name AS jobName FROM {db}.outbox_messages
        WHERE status IN ('pending', 'published') ORDER BY id`,
    );
    expect(pending.filter((row) => row.status === 'pending').map((row) => row.jobName)).toEqual([
      'workflow.apply-event',
    ]);
    // Jobs published to Redis but not done (mails that wait for SMTP, wake-ups due later) are in
    // the outbox too: the restored system's Redis has none of them, its sweeper publishes them
    // again once they are due.

    // The backup, with the api up.
    const dbEnv = {
      DB_HOST: config.db.host,
      DB_PORT: String(config.db.port),
      DB_USER: config.db.user,
    };
    await shell('scripts/backup.sh', {
      ...dbEnv,
      DB_NAME: original.DB_NAME,
      FILES_DIR: original.FILES_DIR,
    });
    expect(readdirSync(backupDir).sort()).toEqual(['MANIFEST', 'database.sql.gz', 'files.tar']);
    // Written after the backup: not in it.
    await http
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${registrator}`)
      .send({ title: 'Registrerat efter säkerhetskopian' })
      .expect(201);

    // The restore, into nothing; a second restore over it is refused.
    await shell('scripts/restore.sh', { ...dbEnv, ...restored });
    await expect(shell('scripts/restore.sh', { ...dbEnv, ...restored })).rejects.toMatchObject({
      stderr: expect.stringMatching(/restore into an empty one/),
    });

    const cases = (database: string) =>
      rows(database, 'SELECT id, municipality_id, dnr, title, status FROM {db}.cases ORDER BY id');
    const originalCases = await cases(original.DB_NAME);
    const restoredCases = await cases(restored.DB_NAME);
    expect(restoredCases).toEqual(originalCases.slice(0, -1));
    expect(originalCases.at(-1)?.title).toBe('Registrerat efter säkerhetskopian');
    expect(restoredCases.length).toBeGreaterThan(20);
    const files = async (database: string) =>
      Promise.all(
        ['document_files', 'kallelse_files', 'protocol_files'].map(async (table) =>
          rows(database, `SELECT id, sha256 FROM {db}.${table} ORDER BY id`),
        ),
      );
    const restoredFiles = await files(restored.DB_NAME);
    expect(restoredFiles).toEqual(await files(original.DB_NAME));
    const fileCount = restoredFiles.flat().length;
    expect(restoredFiles.map((list) => list.length > 0)).toEqual([true, true, true]);
    expect(
      await rows(
        restored.DB_NAME,
        `SELECT id, status, job_name AS jobName FROM {db}.outbox_messages
          WHERE status IN ('pending', 'published') ORDER BY id`,
      ),
    ).toEqual(pending);

    // Every file there, its bytes those its SHA-256 names.
    const verified = await cli(restored, 'files:verify');
    expect(verified.stdout).toContain(`files:verify: ${fileCount} checked, 0 missing, 0 corrupt`);
    expect(verified.code).toBe(0);

    // The apps on the restored system: a token issued before the backup still works, and the
    // pending job runs.
    await api.kill9();
    const restoredPort = String(3360 + worker);
    processes.push(
      await startProcess('api', { ...restored, APP_PORT: restoredPort, APP_DEMO: 'true' }),
    );
    processes.push(await startProcess('worker', restored));
    const restoredHttp = request(`http://127.0.0.1:${restoredPort}`);
    await restoredHttp
      .get(`/api/v1/cases/${caseId}`)
      .set('Authorization', `Bearer ${registrator}`)
      .expect(200);
    const routeStatus = async (database: string) =>
      (
        await rows(database, 'SELECT status FROM {db}.route_instances WHERE case_id = ?', [caseId])
      )[0]?.status;
    expect(await routeStatus(original.DB_NAME)).toBe('active');
    await eventually(async () => (await routeStatus(restored.DB_NAME)) === 'withdrawn', {
      what: 'the pending withdrawal applied on the restored system',
      timeoutMs: 30_000,
    });
    expect(
      await rows(restored.DB_NAME, 'SELECT status FROM {db}.outbox_messages WHERE id = ?', [
        pending.find((row) => row.jobName === 'workflow.apply-event')!.id,
      ]),
    ).toEqual([{ status: 'confirmed' }]);
    expect(outcome.body.id).toBeGreaterThan(0);
    // And new work gets the next numbers: the demo's series go on without a gap.
    const next = await restoredHttp
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${await login(restoredHttp, 'registrator')}`)
      .send({ title: 'Registrerat efter återläsningen' })
      .expect(201);
    expect(next.body.dnr).toBe(originalCases.at(-1)?.dnr);

    // files:verify names what is missing or corrupt, and fails.
    const stored = (key: string) => join(restored.FILES_DIR, key.slice(0, 2), key.slice(2, 4), key);
    // Two documents' files whose bytes no other row shares.
    const uses = new Map<string, number>();
    for (const row of restoredFiles.flat()) {
      uses.set(String(row.sha256), (uses.get(String(row.sha256)) ?? 0) + 1);
    }
    const [first, second] = (restoredFiles[0] as Array<{ id: number; sha256: string }>).filter(
      (row) => uses.get(row.sha256) === 1,
    );
    rmSync(stored(first.sha256));
    const corrupt = stored(second.sha256);
    expect(statSync(corrupt).size).toBeGreaterThan(0);
    writeFileSync(corrupt, 'inte den fil som registrerades');
    const broken = await cli(restored, 'files:verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(
      new RegExp(`missing  document_files#${first.id} .*${first.sha256}`),
    );
    expect(broken.stdout).toMatch(new RegExp(`corrupt  document_files#${second.id} `));
    expect(broken.stdout).toContain(`${fileCount} checked, 1 missing, 1 corrupt`);
  }, 240_000);
});
