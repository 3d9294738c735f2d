import { INestApplicationContext } from '@nestjs/common';
import { Principal, Role } from '@nf/access';
import { AppConfig } from '@nf/config';
import { CreateUser, IdentityModule } from '@nf/identity';
import { AddAgendaItem, CreateMeeting, MeetingQueries, MeetingsModule } from '@nf/meetings';
import { CaseQueries, DnrSeriesQueries, RegisterCase, RegistryModule } from '@nf/registry';
import { CreateMunicipality, CreateMunicipalityCommand } from '@nf/tenancy';
import { WorkflowModule } from '@nf/workflow';
import { DataSource } from 'typeorm';
import { createRouteTenant } from '../test/support/workflow-harness';
import { elt, PLACES, SUBJECTS, timeSearches, TOPICS, typicalSearches } from './search.bench';
import {
  benchApp,
  benchConfig,
  httpLoad,
  loginOverHttp,
  peakRssMb,
  peakRssMbOf,
  percentile,
  resetBenchServices,
  saturate,
  startApiProcess,
} from './support';
import { seedReadyCases } from './transitions.bench';

/** Sweden's 290 municipalities and some: the tenants of one installation. */
const TENANTS = Number(process.env.BENCH_TENANTS ?? 300);
/** Ten years of a Kalix-sized registry (about 1,000 cases a year) each. */
const YEARS = 10;
const PER_YEAR = 1_000;
const FIRST_YEAR = 2016;
const CHUNK = 150_000;
const SEARCH_ROUNDS = 30;
const CALLERS = 32;
const DNR_SECONDS = 10;
const ITEMS = 60;
const CLIENTS = 50;
const AGENDA_SECONDS = 10;
const AGENDA_ROUNDS = 3;
const HTTP_PORT = 3559;
const BUFFER_POOL = 2 * 2 ** 30;

/**
 * tenants: one installation with TENANTS municipalities of ten years' registry each (3,000,000
 * cases and 300,000 documents at 300), their cases interleaved by id as they are when all register
 * at once; then one municipality's work while the others' data is there: its typical searches
 * (p95), registrations through the use case from 32 callers (per second, gapless), and reads of
 * its 60-item agenda over HTTP by 50 members (p99, the median of three rounds).
 */
export async function tenantsBench(): Promise<string> {
  const config = benchConfig({ DB_POOL_SIZE: String(CALLERS + 4), AUTH_SCRYPT_N: '1024' });
  await resetBenchServices(config);
  const app = await benchApp(config, [
    RegistryModule,
    IdentityModule,
    WorkflowModule,
    MeetingsModule,
  ]);
  const dataSource = app.get(DataSource);
  // 3,000,000 cases and their indexes are some 1.5 GB: a MariaDB serving 300 municipalities keeps
  // them in its buffer pool, so the bench gives it one that holds them (2 GB) for its run, and
  // gives the machine's setting back at the end.
  const [{ pool }] = await dataSource.query('SELECT @@innodb_buffer_pool_size AS pool');
  const bufferPool = Number(pool);
  if (bufferPool < BUFFER_POOL) {
    await dataSource.query(`SET GLOBAL innodb_buffer_pool_size = ${BUFFER_POOL}`);
  }
  try {
    return await measure(app, dataSource, config, bufferPool);
  } finally {
    if (bufferPool < BUFFER_POOL) {
      await dataSource
        .query(`SET GLOBAL innodb_buffer_pool_size = ${bufferPool}`)
        .catch(() => undefined);
    }
    await app.close();
  }
}

async function measure(
  app: INestApplicationContext,
  dataSource: DataSource,
  config: AppConfig,
  bufferPool: number,
): Promise<string> {
  // The municipalities: the measured one in the middle, with the organs of its agenda.
  const measuredAt = Math.floor(TENANTS / 2);
  const measured = await createRouteTenant(app, 'matt');
  const seriesOf = async (municipalityId: number) =>
    (await app.get(DnrSeriesQueries).defaultFor({ municipalityId })).id;
  const tenants: Array<{ municipalityId: number; seriesId: number }> = [];
  for (let index = 0; index < TENANTS; index++) {
    const municipalityId =
      index === measuredAt
        ? measured.municipalityId
        : (
            await app
              .get(CreateMunicipality)
              .execute(new CreateMunicipalityCommand(`bench-${index}`, `Kommun ${index}`))
          ).id;
    tenants.push({ municipalityId, seriesId: await seriesOf(municipalityId) });
  }
  await dataSource.query(
    'CREATE TABLE bench_tenants (t INT PRIMARY KEY, municipality_id BIGINT, series_id BIGINT)',
  );
  await dataSource.query(
    `INSERT INTO bench_tenants VALUES ${tenants.map(() => '(?, ?, ?)').join(', ')}`,
    tenants.flatMap((tenant, index) => [index, tenant.municipalityId, tenant.seriesId]),
  );

  // Its agenda, before the fill: 60 cases on KSAPU's next meeting (2026's first numbers, imported).
  const caseIds = await seedReadyCases(dataSource, measured, ITEMS);
  await dataSource.query(
    'INSERT INTO dnr_counters (series_id, year, next_serial) VALUES (?, ?, ?)',
    [tenants[measuredAt].seriesId, 2026, ITEMS + 1],
  );
  const user = await app.get(CreateUser).execute(measured, {
    username: 'bench.sekreterare',
    displayName: 'Benchmark',
    password: 'benchmark-lösenord-123',
    roles: [{ role: Role.Sekreterare, organId: measured.organs.KSAPU }],
  });
  const secretary = new Principal(user.id, measured.municipalityId, 'bench.sekreterare', 'person', [
    { role: Role.Sekreterare, organId: measured.organs.KSAPU },
  ]);
  const meeting = await app.get(CreateMeeting).execute(secretary, {
    organId: measured.organs.KSAPU,
    startsAt: '2026-12-14T13:00',
    place: 'Sammanträdesrum',
  });
  for (const caseId of caseIds) {
    const { meeting: current } = await app.get(MeetingQueries).agenda(secretary, meeting.id);
    await app
      .get(AddAgendaItem)
      .execute(secretary, meeting.id, { kind: 'case', caseId }, current.version);
  }

  // The fill: case n belongs to municipality n mod TENANTS, so every municipality's cases are
  // spread over the whole id range, as when they all register day by day.
  const total = TENANTS * YEARS * PER_YEAR;
  const filled = Date.now();
  await dataSource.query(
    'ALTER TABLE cases DROP INDEX ft_cases_title, DROP INDEX ft_cases_public_title',
  );
  await dataSource.query('ALTER TABLE documents DROP INDEX ft_documents_description');
  for (let from = 1; from <= total; from += CHUNK) {
    await dataSource.query(
      `INSERT INTO cases (municipality_id, series_id, year, serial, dnr, imported, title, public_title, classification_code,
         organ_id, responsible_user_id, status, registered_at, secrecy_osl, created_at, updated_at, version)
       SELECT bt.municipality_id, bt.series_id, n.y, n.s, CONCAT(n.y, '-', LPAD(n.s, 5, '0')), 0,
         CONCAT(${elt('n.seq * 7', SUBJECTS)}, ' ', ${elt('n.seq * 13', ['om', 'för', 'gällande', 'avseende'])}, ' ', ${elt('n.seq * 11', TOPICS)}, ' i ', ${elt('n.seq * 3', PLACES)}, IF(n.seq % 997 = 0, ' och skyddsrum', '')),
         IF(n.seq % 50 = 0, 'Ärende enligt socialtjänstlagen', NULL),
         ${elt('n.seq', ['00', '04', '10', '101', '102', '103', '14'])},
         1 + n.seq % 5, IF(n.seq % 4 = 0, NULL, 1 + n.seq % 40), ${elt('n.seq * 5', ['open', 'decided', 'decided', 'closed'])},
         TIMESTAMP(MAKEDATE(n.y, 1 + (n.s * 364) DIV ${PER_YEAR}), '10:00:00'),
         IF(n.seq % 50 = 0, 'OSL 26 kap. 1 §', NULL), NOW(3), NOW(3), 1
       FROM (SELECT seq, (seq - 1) % ${TENANTS} AS t,
                    ${FIRST_YEAR} + ((seq - 1) DIV ${TENANTS}) DIV ${PER_YEAR} AS y,
                    1 + ((seq - 1) DIV ${TENANTS}) % ${PER_YEAR} AS s
               FROM seq_${from}_to_${Math.min(from + CHUNK - 1, total)}) AS n
       STRAIGHT_JOIN bench_tenants bt ON bt.t = n.t
       ORDER BY n.seq`,
    );
  }
  // One document in ten cases.
  await dataSource.query(
    `INSERT INTO documents (municipality_id, case_id, ordinal, direction, document_date, sender_recipient, description, type,
       secrecy_osl, registered_at, created_at, updated_at, version)
     SELECT c.municipality_id, c.id, 1, 'inkommande', DATE(c.registered_at), 'Länsstyrelsen i Norrbotten',
       CONCAT(${elt('c.id * 17', ['Yttrande', 'Beslut', 'Skrivelse', 'Protokoll', 'Rapport'])}, ' från ', ${elt('c.id * 19', ['Länsstyrelsen', 'Trafikverket', 'Region Norrbotten', 'Skolverket', 'Boverket', 'Naturvårdsverket'])}, ' om ', ${elt('c.id * 23', TOPICS)}),
       'skrivelse', NULL, c.registered_at, NOW(3), NOW(3), 1
     FROM cases c WHERE c.serial % 10 = 0`,
  );
  await dataSource.query(
    'ALTER TABLE cases ADD FULLTEXT INDEX ft_cases_title (title), ADD FULLTEXT INDEX ft_cases_public_title (public_title)',
  );
  await dataSource.query(
    'ALTER TABLE documents ADD FULLTEXT INDEX ft_documents_description (description)',
  );
  await dataSource.query('ANALYZE TABLE cases, documents');
  const fillSeconds = Math.round((Date.now() - filled) / 1000);
  const [{ cases, documents }] = await dataSource.query(
    'SELECT (SELECT COUNT(*) FROM cases) AS cases, (SELECT COUNT(*) FROM documents) AS documents',
  );

  // 1. Search, in the measured municipality's registry among all the others'.
  const searches = await timeSearches(
    typicalSearches(app.get(CaseQueries), measured, {
      firstYear: FIRST_YEAR,
      years: YEARS,
      perYear: PER_YEAR,
    }),
    SEARCH_ROUNDS,
  );

  // 2. Registrations, from 32 callers at once.
  const register = app.get(RegisterCase);
  const registered = await saturate(CALLERS, DNR_SECONDS, async (caller) => {
    await register.execute(measured, null, { title: `Inkommen skrivelse från anropare ${caller}` });
  });
  const [serials] = await dataSource.query(
    `SELECT COUNT(*) AS n, COUNT(DISTINCT serial) AS distinct_serials, MIN(serial) AS lo, MAX(serial) AS hi
       FROM cases WHERE series_id = ? AND year = 2026`,
    [tenants[measuredAt].seriesId],
  );
  const gaps = Number(serials.hi) - Number(serials.lo) + 1 - Number(serials.distinct_serials);
  const duplicates = Number(serials.n) - Number(serials.distinct_serials);

  // 3. The agenda over HTTP, 50 members each with a session of their own.
  const api = await startApiProcess(config, HTTP_PORT, {
    DB_POOL_SIZE: '20',
    APP_RATE_LOGIN_PER_MINUTE: String(CLIENTS * 2),
  });
  let agendaRounds: number[][] = [];
  let apiRss = NaN;
  try {
    const tokens: string[] = [];
    for (let session = 0; session < CLIENTS; session++) {
      tokens.push(
        await loginOverHttp(api.base, 'matt', 'bench.sekreterare', 'benchmark-lösenord-123'),
      );
    }
    const url = `${api.base}/api/v1/meetings/${meeting.id}`;
    const body = (await (
      await fetch(url, { headers: { authorization: `Bearer ${tokens[0]}` } })
    ).json()) as { items: unknown[] };
    if (body.items.length < ITEMS) throw new Error(`the agenda has ${body.items.length} items`);
    await httpLoad(url, tokens, 2, CLIENTS); // warm-up
    for (let round = 0; round < AGENDA_ROUNDS; round++) {
      agendaRounds.push(await httpLoad(url, tokens, AGENDA_SECONDS, CLIENTS));
    }
    apiRss = peakRssMbOf(api.pid);
  } finally {
    await api.stop();
  }
  const p99 = (latencies: number[]) => percentile(latencies, 99);
  agendaRounds = agendaRounds.sort((a, b) => p99(a) - p99(b));
  const agenda = agendaRounds[Math.floor(AGENDA_ROUNDS / 2)];

  return (
    `tenants: search-p95=${percentile(searches.timings, 95).toFixed(1)}ms ` +
    `dnr=${Math.round(registered / DNR_SECONDS)}/s agenda-p99=${Math.round(p99(agenda))}ms ` +
    `(${TENANTS} municipalities, ${Number(cases)} cases, ${Number(documents)} documents, fill ${fillSeconds}s; ` +
    `search p50=${percentile(searches.timings, 50).toFixed(1)}ms, p95 by kind: ${searches.byKind.join(' ')}; ` +
    `dnr gaps=${gaps} duplicates=${duplicates}; ` +
    `agenda rounds p99=${agendaRounds.map((round) => Math.round(p99(round))).join('/')}ms ` +
    `rps=${Math.round(agenda.length / AGENDA_SECONDS)}; buffer pool ${Math.round(Math.max(bufferPool, BUFFER_POOL) / 2 ** 20)}MB` +
    `${bufferPool < BUFFER_POOL ? ` (the machine's ${Math.round(bufferPool / 2 ** 20)}MB raised for the run)` : ''}; ` +
    `rss bench=${peakRssMb()}MB api=${apiRss}MB)`
  );
}
