import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Worker } from 'node:worker_threads';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiHarness, startApi } from '../support/api-harness';
import { AppProcess, startProcess } from '../support/processes';
import { resetServices } from '../support/services';
import { jestWorkerId, testConfig } from '../support/test-config';

const MB = 1024 * 1024;

/** What the server answers to the request head alone, or undefined when it waits for the body. */
function answerToHead(port: number, head: string, waitMs = 1500): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received || undefined);
    }, waitMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      if (received.includes('\r\n\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', () => undefined);
  });
}

describe('Unauthenticated cost: limits and checks before a body is read', () => {
  const config = testConfig({
    APP_DEMO: 'true',
    APP_RATE_ANONYMOUS_PER_MINUTE: '6',
    APP_RATE_LOGIN_PER_MINUTE: '3',
  });
  let api: ApiHarness;
  let port: number;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as { port: number }).port;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers a large anonymous upload with 401 from its head alone, never reading the body', async () => {
    const answer = await answerToHead(
      port,
      'POST /api/v1/documents/1/files HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\n' +
        `Content-Length: ${20 * MB}\r\nX-Forwarded-For: 10.9.0.1\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    const forged = await answerToHead(
      port,
      'POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer nfa_forged\r\nContent-Length: ${MB}\r\nX-Forwarded-For: 10.9.0.1\r\n\r\n`,
    );
    expect(forged).toMatch(/^HTTP\/1\.1 401/);
  });

  it('limits a client address’s anonymous requests and login attempts a minute, with 429 and Retry-After', async () => {
    // The limiter counts in wall-clock minutes: start well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000)
      await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const fromA = (path: string) => http().get(path).set('X-Forwarded-For', '10.9.0.2');
    const statuses = [];
    for (let n = 0; n < 8; n++) statuses.push((await fromA('/api/v1/public/kalix/anslag')).status);
    expect(statuses.slice(6)).toEqual([429, 429]);
    const refused = await fromA('/api/v1/public/kalix/anslag');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body).toMatchObject({ status: 429, code: 'too-many-requests' });
    // Another address is not held back; health never is.
    expect((await http().get('/health/live').set('X-Forwarded-For', '10.9.0.2')).status).toBe(200);
    const logins = [];
    for (let n = 0; n < 4; n++) {
      logins.push(
        (
          await http()
            .post('/api/v1/auth/login')
            .set('X-Forwarded-For', '10.9.0.3')
            .send({ municipality: 'kalix', username: `prov${n}`, password: 'fel' })
        ).status,
      );
    }
    expect(logins).toEqual([401, 401, 401, 429]);
  });

  it('answers a 5,000-deep JSON body with 400, not a server error', async () => {
    const response = await http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', '10.9.0.4')
      .send(`${'['.repeat(5_000)}${']'.repeat(5_000)}`);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('body-too-deep');
  });
});

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
    const flood = async (count: number, call: (n: number) => Promise<number>, parallel = 8) => {
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

    expect([...documents, ...cases].every((status) => status === 401 || status === 429)).toBe(true);
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
