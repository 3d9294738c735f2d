import { DataSource } from 'typeorm';
import { AppProcess, startProcess } from '../support/processes';
import { RoundRobinProxy, startRoundRobinProxy } from '../support/round-robin-proxy';
import { eventually, resetServices } from '../support/services';
import { jestWorkerId, testConfig } from '../support/test-config';

/** Short lock and stall periods, so that a killed worker's jobs run again within seconds. */
const WORKER_ENV = {
  WORKER_LOCK_DURATION_MS: '2000',
  WORKER_STALLED_INTERVAL_MS: '1000',
  OUTBOX_SWEEP_INTERVAL_MS: '1000',
  OUTBOX_SWEEP_AFTER_MS: '3000',
};

/**
 * Beyond one process: two api processes behind a round-robin proxy and two worker processes, all
 * real, on one MariaDB and one Redis, under registrations and transitions from several clients at
 * once. One api and one worker are killed with SIGKILL in the middle. Nothing is lost or doubled:
 * the dnr series has no gap and no number twice, every transition is applied once, every wake-up
 * fires once, and an agenda changed through one api shows on the other within the cache's bound.
 */
describe('Two apis and two workers, one of each killed under load', () => {
  const config = testConfig();
  const ports = [3370 + 2 * jestWorkerId(), 3371 + 2 * jestWorkerId()];
  /** The workers' health probes (WORKER_HEALTH_PORT). */
  const healthPorts = [3390 + 2 * jestWorkerId(), 3391 + 2 * jestWorkerId()];
  const apiEnv = (port: number) => ({
    APP_PORT: String(port),
    APP_DEMO: 'true',
    APP_READ_CACHE_MS: '1000',
  });
  const processes: AppProcess[] = [];
  let proxy: RoundRobinProxy;
  let db: DataSource;

  beforeAll(async () => {
    await resetServices(config);
    // The first api loads the demo as it starts; the second finds it there.
    processes.push(await startProcess('api', apiEnv(ports[0])));
    processes.push(await startProcess('api', apiEnv(ports[1])));
    for (const port of healthPorts) {
      processes.push(
        await startProcess('worker', { ...WORKER_ENV, WORKER_HEALTH_PORT: String(port) }),
      );
    }
    proxy = await startRoundRobinProxy(ports);
    db = await new DataSource({
      type: 'mysql',
      host: config.db.host,
      port: config.db.port,
      username: config.db.user,
      password: config.db.password,
      database: config.db.name,
    }).initialize();
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all(processes.map((running) => running.kill9()));
    await db?.destroy();
  });

  /** A request through the proxy; tried again when the connection breaks (an api died under it). */
  async function call(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    base = `http://127.0.0.1:${proxy.port}`,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : {} };
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  const login = async (username: string) => {
    const answer = await call('POST', '/api/v1/auth/login', null, {
      municipality: 'kalix',
      username,
      password: 'demo',
    });
    expect(answer.status).toBe(200);
    return String(answer.body.accessToken);
  };

  it('answers the workers’ health probes', async () => {
    for (const port of healthPorts) {
      const live = await fetch(`http://127.0.0.1:${port}/health/live`);
      expect(live.status).toBe(200);
      // Ready once the database and Redis answer it (a worker busy with the demo's first jobs may
      // keep its pool busy for a moment).
      let ready: { status: number; body: unknown } = { status: 0, body: null };
      await eventually(
        async () => {
          const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
          ready = { status: response.status, body: await response.json() };
          return ready.status === 200;
        },
        { what: 'the worker ready', timeoutMs: 30_000, intervalMs: 200 },
      ).catch((error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(ready)}`);
      });
      expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
    }
  });

  it('loses nothing and doubles nothing', async () => {
    const registrator = await login('registrator');
    const secretary = await login('sekreterare');
    const [{ municipalityId }] = await db.query(
      "SELECT id AS municipalityId FROM municipalities WHERE slug = 'kalix'",
    );

    // Six clients: four take cases through registration, a route and a withdrawal (a transition
    // the workers apply), two only register. Once a third of the work is done, one api and one
    // worker die.
    const withdrawn: number[] = [];
    const registered: Array<{ id: number; dnr: string }> = [];
    let done = 0;
    const total = 4 * 25 + 2 * 40;
    let killed: Promise<void> | undefined;
    const progress = () => {
      done++;
      if (done === Math.round(total / 3)) {
        killed = Promise.all([processes[1].kill9(), processes[2].kill9()]).then(() => undefined);
      }
    };
    const register = async (title: string) => {
      const answer = await call('POST', '/api/v1/cases', registrator, { title });
      expect(answer.status).toBe(201);
      const made = { id: Number(answer.body.id), dnr: String(answer.body.dnr) };
      registered.push(made);
      return made;
    };
    const flows = Array.from({ length: 4 }, async (_, lane) => {
      for (let index = 0; index < 25; index++) {
        const { id } = await register(`Återkallat ärende ${lane}.${index}`);
        // 409: a retried request after a broken connection found the route started already.
        const route = await call('POST', `/api/v1/cases/${id}/route`, registrator, {
          template: 'ks-direkt',
        });
        expect([201, 409]).toContain(route.status);
        const outcome = await call('POST', `/api/v1/cases/${id}/outcomes`, secretary, {
          kind: 'withdrawn',
          reason: 'Ärendet har återkallats',
        });
        expect([202, 409]).toContain(outcome.status);
        withdrawn.push(id);
        progress();
      }
    });
    const registrations = Array.from({ length: 2 }, async (_, lane) => {
      for (let index = 0; index < 40; index++) {
        await register(`Inkommet brev ${lane}.${index}`);
        progress();
      }
    });
    await Promise.all([...flows, ...registrations]);
    await killed;
    expect(processes[1].child.signalCode).toBe('SIGKILL');
    expect(processes[2].child.signalCode).toBe('SIGKILL');
    // Both apis took connections before one died.
    expect(proxy.given.every((count) => count > 0)).toBe(true);

    // dnr: every answered registration is there, and the year's series has no gap and no twin.
    expect(registered).toHaveLength(180);
    const year = registered[0].dnr.match(/\d{4}/)![0];
    const serials = (
      (await db.query(
        `SELECT c.id, c.serial FROM cases c JOIN dnr_series s ON s.id = c.series_id
          WHERE c.municipality_id = ? AND c.year = ? AND c.imported = 0 ORDER BY c.serial`,
        [municipalityId, Number(year)],
      )) as Array<{ id: number | string; serial: number | string }>
    ).map((row) => ({ id: Number(row.id), serial: Number(row.serial) }));
    expect(serials.map((row) => row.serial)).toEqual(serials.map((_, index) => index + 1));
    const ids = new Set(serials.map((row) => row.id));
    expect(registered.every(({ id }) => ids.has(id))).toBe(true);

    // Every withdrawal applied, once, by whichever worker lived.
    await eventually(
      async () =>
        Number(
          (
            await db.query(
              `SELECT COUNT(*) AS n FROM route_instances WHERE case_id IN (?) AND status = 'withdrawn'`,
              [withdrawn],
            )
          )[0].n,
        ) === withdrawn.length,
      { what: 'every withdrawal applied', timeoutMs: 60_000, intervalMs: 250 },
    );
    const routes = (await db.query('SELECT id, version FROM route_instances WHERE case_id IN (?)', [
      withdrawn,
    ])) as Array<{ id: number | string; version: number | string }>;
    expect(routes).toHaveLength(100);
    expect(routes.filter((route) => Number(route.version) !== 2)).toEqual([]);
    const advanced = (await db.query(
      `SELECT entity_id AS id, COUNT(*) AS times FROM audit_log
        WHERE action = 'route.advanced' AND entity_id IN (?) GROUP BY entity_id`,
      [routes.map((route) => String(route.id))],
    )) as Array<{ id: string; times: number | string }>;
    expect(advanced).toHaveLength(100);
    expect(advanced.filter((row) => Number(row.times) !== 1)).toEqual([]);

    // Wake-ups (the demo's follow-ups and deadlines): each one due has fired, none twice.
    await eventually(
      async () =>
        Number(
          (
            await db.query(
              `SELECT COUNT(*) AS n FROM wakeups
                WHERE status = 'pending' AND fires_at < NOW(3) - INTERVAL 5 SECOND`,
            )
          )[0].n,
        ) === 0,
      { what: 'every due wake-up fired', timeoutMs: 60_000, intervalMs: 250 },
    );
    const fired = (await db.query(
      `SELECT entity_id AS id, COUNT(*) AS times FROM audit_log
        WHERE entity_type = 'wakeup' AND action <> 'obligation.wakeup-rescheduled'
        GROUP BY entity_id`,
    )) as Array<{ id: string; times: number | string }>;
    expect(fired.length).toBeGreaterThan(0);
    expect(fired.filter((row) => Number(row.times) !== 1)).toEqual([]);

    // The agenda read cache across the two apis: the killed one started again, both have read
    // the agenda, a change through one shows on the other within twice APP_READ_CACHE_MS.
    processes[1] = await startProcess('api', apiEnv(ports[1]));
    const direct = ports.map((port) => `http://127.0.0.1:${port}`);
    const [{ id: meetingId }] = await db.query(
      `SELECT m.id FROM meetings m JOIN organs o ON o.id = m.organ_id
        WHERE m.municipality_id = ? AND o.code = 'KS' ORDER BY m.id LIMIT 1`,
      [municipalityId],
    );
    const agendaOn = async (base: string) =>
      (await call('GET', `/api/v1/meetings/${meetingId}`, secretary, undefined, base)).body as {
        version: number;
        items: Array<{ id: number; title: string }>;
      };
    const before = await agendaOn(direct[0]);
    await agendaOn(direct[1]);
    await agendaOn(direct[1]);
    const item = before.items[0];
    const changed = await call(
      'PATCH',
      `/api/v1/meetings/${meetingId}/items/${item.id}`,
      secretary,
      { title: 'Ändrad genom den första apin', version: before.version },
      direct[0],
    );
    expect(changed.status).toBe(200);
    const committedAt = Date.now();
    await eventually(
      async () =>
        (await agendaOn(direct[1])).items.find((candidate) => candidate.id === item.id)?.title ===
        'Ändrad genom den första apin',
      { what: 'the change on the other api', timeoutMs: 5_000, intervalMs: 50 },
    );
    // Within 2 × 1 s, with room for a loaded machine.
    expect(Date.now() - committedAt).toBeLessThan(3_000);
  }, 240_000);
});
