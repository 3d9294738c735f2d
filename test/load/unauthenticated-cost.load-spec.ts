import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { AppProcess, startProcess } from '../support/processes';
import { resetServices } from '../support/services';
import { jestWorkerId, testConfig } from '../support/test-config';

const MB = 1024 * 1024;

/**
 * The load check of issue 17: a flood of anonymous work against a real api process, measured for
 * its memory, its audit rows and the latency of /health/live. It runs after the other suites and
 * alone (`npm test` runs the `load` project by itself), since a latency bound means nothing on two
 * cores that other suites keep busy.
 */
describe('Unauthenticated cost: a flood against a running api', () => {
  const port = String(3500 + jestWorkerId());
  let api: AppProcess;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = testConfig();
    await resetServices(config);
    api = await startProcess('api', {
      APP_PORT: port,
      APP_DEMO: 'true',
      APP_LOG_LEVEL: 'warn',
      APP_RATE_ANONYMOUS_PER_MINUTE: '300',
      APP_RATE_LOGIN_PER_MINUTE: '20',
      APP_AUDIT_ANONYMOUS_EVENTS_PER_MINUTE: '5',
    });
    dataSource = new DataSource({
      type: 'mysql',
      host: config.db.host,
      port: config.db.port,
      username: config.db.user,
      password: config.db.password,
      database: config.db.name,
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await api?.stop();
    await dataSource?.destroy();
  });

  it('200 anonymous 1 MB bodies and 200 failed logins: RSS grows under 50 MB, under 10 audit rows per source and minute, /health/live under 100 ms throughout', async () => {
    const base = `http://127.0.0.1:${port}`;
    const rss = () =>
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${api.child.pid}/status`, 'utf8'))![1]) *
      1024;
    const body = Buffer.alloc(MB, 0x41);
    const upload = (path: string, contentType: string) =>
      fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': contentType } })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch(() => 0);
    const failedLogin = (n: number) =>
      fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          municipality: 'kalix',
          username: n % 2 ? 'registrator' : `okand${n}`,
          password: 'fel lösenord',
        }),
      }).then(async (response) => {
        await response.arrayBuffer();
        return response.status;
      });
    /** Runs `count` calls, `parallel` at a time (kept modest: the test shares two cores with the api). */
    const flood = async (count: number, call: (n: number) => Promise<number>, parallel = 4) => {
      const statuses: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          while (next < count) statuses.push(await call(next++));
        }),
      );
      return statuses;
    };

    // Warm up every path the flood takes (from another address, so that its limits are the
    // flood's own), let the process settle, then take the baseline: the check is of the api
    // under a flood, not of a process compiling its code for the first time.
    const warmUp = (path: string, contentType: string, payload: string | Buffer) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        body: payload,
        headers: { 'content-type': contentType, 'x-forwarded-for': '10.8.0.1' },
      }).then((response) => response.arrayBuffer());
    for (let round = 0; round < 3; round++) {
      await Promise.all([
        ...Array.from({ length: 5 }, () => warmUp('/api/v1/cases', 'application/json', body)),
        ...Array.from({ length: 5 }, () =>
          warmUp('/api/v1/documents/1/files', 'application/pdf', body),
        ),
        ...Array.from({ length: 5 }, (_, n) =>
          warmUp(
            '/api/v1/auth/login',
            'application/json',
            JSON.stringify({ municipality: 'kalix', username: `varm${round}${n}`, password: 'x' }),
          ),
        ),
        fetch(`${base}/health/live`).then((response) => response.arrayBuffer()),
      ]);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [{ lastId }] = await dataSource.query(
      'SELECT COALESCE(MAX(id), 0) AS lastId FROM audit_log',
    );
    const baseline = rss();

    let peak = baseline;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak = Math.max(peak, rss());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    // /health/live is polled from a thread of its own, so that the test's own busy event loop
    // (it sends the flood) does not count as the api's latency.
    const poller = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       let slowest = 0, failures = 0, polling = true;
       parentPort.on('message', () => { polling = false; });
       (async () => {
         // The thread's first fetch loads the HTTP client: not the api's time.
         await (await fetch(workerData.url)).arrayBuffer();
         parentPort.postMessage('ready');
         while (polling) {
           const started = performance.now();
           try {
             const response = await fetch(workerData.url);
             await response.arrayBuffer();
             if (response.status !== 200) failures++;
           } catch { failures++; }
           slowest = Math.max(slowest, performance.now() - started);
           await new Promise((resolve) => setTimeout(resolve, 20));
         }
         parentPort.postMessage({ slowest, failures });
       })();`,
      { eval: true, workerData: { url: `${base}/health/live` } },
    );
    await new Promise((resolve) => poller.once('message', resolve));
    const polled = new Promise<{ slowest: number; failures: number }>((resolve) =>
      poller.once('message', resolve),
    );
    const [documents, cases, logins] = await Promise.all([
      flood(100, () => upload('/api/v1/documents/1/files', 'application/pdf')),
      flood(100, () => upload('/api/v1/cases', 'application/json')),
      flood(200, failedLogin),
    ]);
    poller.postMessage('stop');
    const { slowest, failures } = await polled;
    await poller.terminate();
    sampling = false;
    await sampler;
    peak = Math.max(peak, rss());
    expect(failures).toBe(0);

    // The api closes the connection of a body sent without credentials once it has answered: a
    // client still sending may see that (0) rather than the answer, but never anything else.
    const uploads = [...documents, ...cases];
    expect(uploads.filter((status) => ![0, 401, 429].includes(status))).toEqual([]);
    expect(uploads.filter((status) => status === 401 || status === 429).length).toBeGreaterThan(
      uploads.length / 2,
    );
    expect(logins.every((status) => status === 401 || status === 429)).toBe(true);
    // At most 20 checked a minute; the flood may straddle two of the limiter's minutes.
    expect(logins.filter((status) => status === 401).length).toBeLessThanOrEqual(2 * 20);
    expect(logins.filter((status) => status === 429).length).toBeGreaterThanOrEqual(200 - 2 * 20);
    expect(peak - baseline).toBeLessThan(50 * MB);
    expect(slowest).toBeLessThan(100);

    // The minute's repeats are written when the api stops (or its minute is over).
    await api.stop();
    const rows = (await dataSource.query(
      `SELECT JSON_UNQUOTE(JSON_EXTRACT(after_state, '$.source')) AS source,
              DATE_FORMAT(occurred_at, '%Y-%m-%d %H:%i') AS minute, COUNT(*) AS n
         FROM audit_log WHERE id > ? GROUP BY source, minute`,
      [lastId],
    )) as Array<{ source: string | null; minute: string; n: number | string }>;
    expect(rows.length).toBeGreaterThan(0);
    // Every source (an address, or the system's own summary) under ten rows in every minute.
    expect(rows.filter((row) => Number(row.n) >= 10)).toEqual([]);
  });
});
