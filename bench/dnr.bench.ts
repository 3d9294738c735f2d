import { Role } from '@nf/access';
import { CreateUser, IdentityModule } from '@nf/identity';
import { DnrSeriesQueries, RegisterCase, RegistryModule } from '@nf/registry';
import { CreateMunicipality, CreateMunicipalityCommand } from '@nf/tenancy';
import { createPool } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import {
  benchApp,
  benchConfig,
  loginOverHttp,
  peakRssMb,
  peakRssMbOf,
  resetBenchServices,
  saturate,
  startApiProcess,
  startWorkerProcess,
} from './support';
import { startRoundRobinProxy } from '../test/support/round-robin-proxy';

const CALLERS = 32;
const SECONDS = 10;
const HTTP_PORT = 3555;

/**
 * dnr: registrations per second through the registration use case (full transaction: counter row,
 * case row, audit row) from 32 concurrent callers on one series, beside the same database's raw
 * limit (a counter-row increment with one insert per transaction, no ORM), and over HTTP.
 */
export async function dnrBench(): Promise<string> {
  const config = benchConfig({ DB_POOL_SIZE: String(CALLERS + 4), AUTH_SCRYPT_N: '1024' });
  await resetBenchServices(config);
  const app = await benchApp(config, [RegistryModule]);
  const municipality = await app
    .get(CreateMunicipality)
    .execute(new CreateMunicipalityCommand('bench', 'Benchmark kommun'));
  const tenant = { municipalityId: municipality.id };
  const series = await app.get(DnrSeriesQueries).defaultFor(tenant);

  // The limit: the same shape of work in raw SQL on the same database.
  const pool = createPool({
    host: config.db.host,
    port: config.db.port,
    user: config.db.user,
    password: config.db.password,
    database: config.db.name,
    connectionLimit: CALLERS,
  });
  await pool.query(
    'CREATE TABLE bench_counter (id INT PRIMARY KEY, next_serial INT NOT NULL) ENGINE=InnoDB',
  );
  await pool.query(
    'CREATE TABLE bench_rows (serial INT PRIMARY KEY, title VARCHAR(100)) ENGINE=InnoDB',
  );
  await pool.query('INSERT INTO bench_counter VALUES (1, 1)');
  const limitCount = await saturate(CALLERS, SECONDS, async () => {
    const connection = await pool.getConnection();
    try {
      await connection.beginTransaction();
      const [rows] = (await connection.query(
        'SELECT next_serial FROM bench_counter WHERE id = 1 FOR UPDATE',
      )) as unknown as [Array<{ next_serial: number }>];
      await connection.query('INSERT INTO bench_rows VALUES (?, ?)', [rows[0].next_serial, 'x']);
      await connection.query('UPDATE bench_counter SET next_serial = next_serial + 1 WHERE id = 1');
      await connection.commit();
    } finally {
      connection.release();
    }
  });
  await pool.end();

  // In process, through the use case.
  const register = app.get(RegisterCase);
  const registered = await saturate(CALLERS, SECONDS, async (caller) => {
    await register.execute(tenant, null, { title: `Benchmarkärende från anropare ${caller}` });
  });
  const dataSource = app.get(DataSource);
  const check = async () => {
    const [row] = await dataSource.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT serial) AS distinct_serials, MIN(serial) AS lo, MAX(serial) AS hi FROM cases WHERE series_id = ?',
      [series.id],
    );
    const n = Number(row.n);
    return {
      n,
      gaps: Number(row.hi) - Number(row.lo) + 1 - Number(row.distinct_serials),
      duplicates: n - Number(row.distinct_serials),
    };
  };
  const inProcess = await check();
  if (inProcess.n !== registered)
    throw new Error(`registered ${registered} but found ${inProcess.n} cases`);

  // Over HTTP: the real api in its own process, 32 keep-alive clients.
  await app.get(CreateUser).execute(tenant, {
    username: 'bench.registrator',
    displayName: 'Benchmark',
    password: 'benchmark-lösenord-123',
    roles: [{ role: Role.Registrator }],
  });
  const api = await startApiProcess(config, HTTP_PORT, { DB_POOL_SIZE: String(CALLERS + 4) });
  let httpCount = 0;
  let apiRss = NaN;
  try {
    const { base } = api;
    const accessToken = await loginOverHttp(
      base,
      'bench',
      'bench.registrator',
      'benchmark-lösenord-123',
    );
    httpCount = await saturate(CALLERS, SECONDS, async (caller) => {
      const response = await fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ title: `HTTP-ärende från anropare ${caller}` }),
      });
      if (response.status !== 201)
        throw new Error(`registration over HTTP gave ${response.status}`);
      await response.arrayBuffer();
    });
    apiRss = peakRssMbOf(api.pid);
  } finally {
    await api.stop();
  }
  const total = await check();
  await app.close();

  const perSecond = Math.round(registered / SECONDS);
  const limit = Math.round(limitCount / SECONDS);
  return (
    `dnr: ${perSecond} registrations/s gaps=${total.gaps} duplicates=${total.duplicates} (limit ${limit}/s, ${Math.round((100 * perSecond) / limit)}%) ` +
    `http=${Math.round(httpCount / SECONDS)}/s rss=${peakRssMb()}MB api-rss=${apiRss}MB`
  );
}

/**
 * dnr --processes N: registrations over HTTP from 32 callers through a round-robin proxy in front
 * of N api processes (with N workers beside them, as deployed), all on one series of one
 * municipality, one MariaDB and one Redis; the series checked for gaps and duplicates after.
 */
export async function dnrProcessesBench(processes: number): Promise<string> {
  const config = benchConfig({ DB_POOL_SIZE: '8', AUTH_SCRYPT_N: '1024' });
  await resetBenchServices(config);
  const app = await benchApp(config, [RegistryModule, IdentityModule]);
  const municipality = await app
    .get(CreateMunicipality)
    .execute(new CreateMunicipalityCommand('bench', 'Benchmark kommun'));
  const tenant = { municipalityId: municipality.id };
  const series = await app.get(DnrSeriesQueries).defaultFor(tenant);
  await app.get(CreateUser).execute(tenant, {
    username: 'bench.registrator',
    displayName: 'Benchmark',
    password: 'benchmark-lösenord-123',
    roles: [{ role: Role.Registrator }],
  });
  const apiEnv = { DB_POOL_SIZE: String(Math.ceil(CALLERS / processes) + 4) };
  const apis = await Promise.all(
    Array.from({ length: processes }, (_, index) =>
      startApiProcess(config, HTTP_PORT + 10 + index, apiEnv),
    ),
  );
  const proxy = await startRoundRobinProxy(apis.map((_, index) => HTTP_PORT + 10 + index));
  const workers = await Promise.all(
    Array.from({ length: processes }, () => startWorkerProcess({ DB_POOL_SIZE: '8' })),
  );
  const base = `http://127.0.0.1:${proxy.port}`;
  try {
    const token = await loginOverHttp(base, 'bench', 'bench.registrator', 'benchmark-lösenord-123');
    const count = await saturate(CALLERS, SECONDS, async (caller) => {
      const response = await fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ title: `HTTP-ärende från anropare ${caller}` }),
      });
      if (response.status !== 201)
        throw new Error(`registration over HTTP gave ${response.status}`);
      await response.arrayBuffer();
    });
    const apiRss = apis.map((api) => peakRssMbOf(api.pid));
    const [row] = await app
      .get(DataSource)
      .query(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT serial) AS distinct_serials, MIN(serial) AS lo, MAX(serial) AS hi FROM cases WHERE series_id = ?',
        [series.id],
      );
    const gaps = Number(row.hi) - Number(row.lo) + 1 - Number(row.distinct_serials);
    const duplicates = Number(row.n) - Number(row.distinct_serials);
    if (Number(row.n) !== count) throw new Error(`registered ${count} but found ${row.n} cases`);
    return (
      `dnr: ${Math.round(count / SECONDS)} registrations/s gaps=${gaps} duplicates=${duplicates} ` +
      `(processes: ${processes} api + ${processes} worker behind a round-robin proxy; over HTTP, ` +
      `${CALLERS} callers, ${SECONDS} s; rss api=${apiRss.join('+')}MB)`
    );
  } finally {
    for (const worker of workers) worker.kill('SIGTERM');
    await proxy.close();
    await Promise.all(apis.map((api) => api.stop()));
    await app.close();
  }
}
