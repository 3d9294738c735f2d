import { RegistryModule } from '@nf/registry';
import { DnrSeriesQueries } from '@nf/registry';
import { CreateMunicipality, CreateMunicipalityCommand } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import {
  benchApp,
  benchConfig,
  httpLoad,
  peakRssMbOf,
  percentile,
  resetBenchServices,
  startApiProcess,
} from './support';

const PAPERS = 100_000;
const MEETINGS = 2_000;
const ITEMS_PER_MEETING = 20;
const CHANGES = 1_000;
const PAGE = 500;
const HTTP_PORT = 3558;
const PORTAL_CLIENTS = 100;
const PORTAL_SECONDS = 10;

/**
 * A body of PAPERS cases, MEETINGS meetings of three organs and 20 agenda items each (40,000, on
 * the first 40,000 cases), written straight into the tables (as a migration of an older system's
 * records would), with the api in a process of its own, started with no limit per address.
 */
async function fillBody() {
  const config = benchConfig({ DB_POOL_SIZE: '10' });
  await resetBenchServices(config);
  const app = await benchApp(config, [RegistryModule]);
  const dataSource = app.get(DataSource);
  const municipality = await app
    .get(CreateMunicipality)
    .execute(new CreateMunicipalityCommand('bench', 'Benchmark kommun'));
  const tenant = { municipalityId: municipality.id };
  const series = await app.get(DnrSeriesQueries).defaultFor(tenant);
  for (const [code, name, kind] of [
    ['KF', 'Kommunfullmäktige', 'fullmäktige'],
    ['KS', 'Kommunstyrelsen', 'styrelse'],
    ['KSAPU', 'Kommunstyrelsens arbetsutskott', 'utskott'],
  ]) {
    await dataSource.query(
      `INSERT INTO organs (municipality_id, code, name, kind, created_at, updated_at)
       VALUES (?, ?, ?, ?, NOW(3), NOW(3))`,
      [tenant.municipalityId, code, name, kind],
    );
  }
  for (let from = 1; from <= PAPERS; from += 50_000) {
    await dataSource.query(
      `INSERT INTO cases (municipality_id, series_id, year, serial, dnr, title, status, registered_at,
         created_at, updated_at)
       SELECT ?, ?, 2016 + (seq - 1) DIV 10000, 1 + (seq - 1) % 10000,
         CONCAT(2016 + (seq - 1) DIV 10000, '-', LPAD(1 + (seq - 1) % 10000, 5, '0')),
         CONCAT('Ärende ', seq, ' om ', ELT(1 + seq % 4, 'förskola', 'bredband', 'hamnen', 'budget')),
         ELT(1 + seq % 3, 'open', 'decided', 'closed'),
         TIMESTAMP(MAKEDATE(2016 + (seq - 1) DIV 10000, 1 + (seq % 360)), '10:00:00'),
         NOW(3) - INTERVAL 1 DAY, NOW(3) - INTERVAL 1 DAY
       FROM seq_${from}_to_${Math.min(from + 49_999, PAPERS)}`,
      [tenant.municipalityId, series.id],
    );
  }
  await dataSource.query(
    `INSERT INTO meetings (municipality_id, organ_id, starts_at, place, status, created_at, updated_at)
     SELECT ?, (SELECT id FROM organs WHERE municipality_id = ? ORDER BY id LIMIT 1 OFFSET 0) + seq % 3,
       TIMESTAMP('2016-01-04 13:00:00') + INTERVAL (seq * 36) HOUR, 'Sessionssalen',
       ELT(1 + seq % 2, 'held', 'planned'), NOW(3) - INTERVAL 1 DAY, NOW(3) - INTERVAL 1 DAY
     FROM seq_1_to_${MEETINGS}`,
    [tenant.municipalityId, tenant.municipalityId],
  );
  await dataSource.query(
    `INSERT INTO agenda_items (municipality_id, meeting_id, ordinal, kind, title, case_id, created_at)
     SELECT ?, m.id, 1 + (c.rn - 1) % ${ITEMS_PER_MEETING}, 'case', c.title, c.id, NOW(3) - INTERVAL 1 DAY
       FROM (SELECT id, title, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM cases
              WHERE municipality_id = ? ORDER BY id LIMIT ${MEETINGS * ITEMS_PER_MEETING}) c
       JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS mn FROM meetings WHERE municipality_id = ?) m
         ON m.mn = 1 + (c.rn - 1) DIV ${ITEMS_PER_MEETING}`,
    [tenant.municipalityId, tenant.municipalityId, tenant.municipalityId],
  );
  await dataSource.query('ANALYZE TABLE cases, meetings, agenda_items');
  return { config, app, dataSource, tenant };
}

interface Harvest {
  objects: number;
  pages: number[];
  ms: number;
}

/** Reads every list of the body from its first page to its last, one page at a time. */
async function harvest(base: string, window = ''): Promise<Harvest> {
  const started = performance.now();
  const pages: number[] = [];
  let objects = 0;
  const get = async (url: string) => {
    const at = performance.now();
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    const body = (await response.json()) as Record<string, unknown>;
    pages.push(performance.now() - at);
    return body;
  };
  const system = await get(`${base}/oparl/v1`);
  const bodies = (await get(system.body as string)) as { data: Array<Record<string, string>> };
  for (const body of bodies.data) {
    for (const list of ['organization', 'person', 'membership', 'meeting', 'agendaItem', 'paper']) {
      let next: string | undefined = `${body[list]}?limit=${PAGE}${window}`;
      while (next) {
        const page = (await get(next)) as { data: unknown[]; links: { next?: string } };
        objects += page.data.length;
        next = page.links.next;
      }
    }
  }
  return { objects, pages, ms: performance.now() - started };
}

/**
 * oparl: a harvester reads the whole body (100,000 papers, 2,000 meetings with their 40,000
 * agenda items embedded, and the agenda items' own list) over HTTP from empty, 500 to a page, one
 * page at a time; then 1,000 changes are made (audited, as every change is: 800 cases renamed,
 * 200 agenda items retitled) and it harvests again by modified_since from before them.
 */
export async function oparlBench(): Promise<string> {
  const { config, app, dataSource, tenant } = await fillBody();
  const api = await startApiProcess(config, HTTP_PORT, {
    DB_POOL_SIZE: '10',
    APP_RATE_ANONYMOUS_PER_MINUTE: '1000000',
    APP_PUBLIC_URL: `http://127.0.0.1:${HTTP_PORT}`,
  });
  try {
    // The projection of what there was (nothing audited: written straight in) and a warm-up.
    await fetch(`${api.base}/oparl/v1/bodies/bench/papers?limit=1`);
    const full = await harvest(api.base);
    const expected = PAPERS + MEETINGS + MEETINGS * ITEMS_PER_MEETING + 3;
    if (full.objects < expected) {
      throw new Error(`the harvest read ${full.objects} objects, not ${expected}`);
    }

    const since = new Date(Date.now() - 1000).toISOString();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // 1,000 changes, audited as the use cases audit them (the projection reads the audit log).
    await dataSource.query(
      `UPDATE cases SET title = CONCAT(title, ' (ändrad)'), updated_at = NOW(3)
        WHERE municipality_id = ? AND id % 125 = 0`,
      [tenant.municipalityId],
    );
    await dataSource.query(
      `INSERT INTO audit_log (municipality_id, kind, occurred_at, actor_type, action, entity_type,
         entity_id, after_state)
       SELECT municipality_id, 'change', NOW(3), 'system', 'case.updated', 'case', id,
              JSON_OBJECT('title', title)
         FROM cases WHERE municipality_id = ? AND id % 125 = 0`,
      [tenant.municipalityId],
    );
    await dataSource.query(
      `INSERT INTO audit_log (municipality_id, kind, occurred_at, actor_type, action, entity_type,
         entity_id, before_state, after_state)
       SELECT i.municipality_id, 'change', NOW(3), 'system', 'agenda.item-updated', 'meeting',
              i.meeting_id, JSON_OBJECT('itemId', i.id), JSON_OBJECT('itemId', i.id, 'caseId', NULL)
         FROM agenda_items i WHERE i.municipality_id = ? AND i.id % 200 = 0`,
      [tenant.municipalityId],
    );
    const [{ changes }] = (await dataSource.query(
      "SELECT COUNT(*) AS changes FROM audit_log WHERE municipality_id = ? AND kind = 'change' AND occurred_at >= ?",
      [tenant.municipalityId, new Date(since)],
    )) as Array<{ changes: number | string }>;
    if (Math.abs(Number(changes) - CHANGES) > 10) {
      throw new Error(`made ${changes} changes, not ${CHANGES}`);
    }
    const incremental = await harvest(api.base, `&modified_since=${encodeURIComponent(since)}`);

    const rss = peakRssMbOf(api.pid);
    return (
      `oparl: full=${Math.round(full.objects / (full.ms / 1000))}/s ` +
      `page-p95=${Math.round(percentile(full.pages, 95))}ms ` +
      `incremental=${Math.round(incremental.ms)}ms ` +
      `(${full.objects} objects in ${full.pages.length} pages of ${PAGE} in ${Math.round(full.ms / 1000)} s, ` +
      `page p50=${Math.round(percentile(full.pages, 50))}ms; after ${Number(changes)} changes ` +
      `${incremental.objects} objects in ${incremental.pages.length} pages; api peak RSS ${rss} MB)`
    );
  } finally {
    await api.stop();
    await app.close();
  }
}

/**
 * portal: the public page of a meeting (20 items) read by 100 residents at once, each on a
 * keep-alive connection of its own, for 10 s, on the same body as the oparl bench.
 */
export async function portalBench(): Promise<string> {
  const { config, app, dataSource, tenant } = await fillBody();
  const api = await startApiProcess(config, HTTP_PORT, {
    DB_POOL_SIZE: '10',
    APP_RATE_ANONYMOUS_PER_MINUTE: '1000000',
  });
  try {
    const [{ meetingId }] = (await dataSource.query(
      'SELECT MIN(id) AS meetingId FROM meetings WHERE municipality_id = ?',
      [tenant.municipalityId],
    )) as Array<{ meetingId: number | string }>;
    const url = `${api.base}/portal/bench/moten/${Number(meetingId)}`;
    const page = await fetch(url);
    const text = await page.text();
    if (
      page.status !== 200 ||
      (text.match(/<li class="card">/g) ?? []).length !== ITEMS_PER_MEETING
    ) {
      throw new Error(
        `the meeting page answered ${page.status} without its ${ITEMS_PER_MEETING} items`,
      );
    }
    await httpLoad(url, null, 2, PORTAL_CLIENTS);
    const latencies = await httpLoad(url, null, PORTAL_SECONDS, PORTAL_CLIENTS);
    return (
      `portal: p99=${Math.round(percentile(latencies, 99))}ms rps=${Math.round(latencies.length / PORTAL_SECONDS)} ` +
      `(the public meeting page, ${ITEMS_PER_MEETING} items, ${Math.round(Buffer.byteLength(text) / 1024)} kB, ` +
      `${PORTAL_CLIENTS} concurrent clients for ${PORTAL_SECONDS} s; p50=${Math.round(percentile(latencies, 50))}ms; ` +
      `api peak RSS ${peakRssMbOf(api.pid)} MB)`
    );
  } finally {
    await api.stop();
    await app.close();
  }
}
