import { Principal, Role } from '@nf/access';
import { kallelseDocument, renderPdf } from '@nf/documents';
import { CreateUser, IdentityModule } from '@nf/identity';
import {
  AddAgendaItem,
  CreateMeeting,
  MeetingQueries,
  MeetingsModule,
  KallelseContent,
} from '@nf/meetings';
import { WorkflowModule } from '@nf/workflow';
import { spawn } from 'node:child_process';
import { DataSource } from 'typeorm';
import { createRouteTenant } from '../test/support/workflow-harness';
import {
  benchApp,
  benchConfig,
  httpLoad,
  loginOverHttp,
  peakRssMbOf,
  percentile,
  resetBenchServices,
  startApiProcess,
} from './support';
import { seedReadyCases } from './transitions.bench';

const CLIENTS = 100;
const SECONDS = 10;
const ROUNDS = 3;
const HTTP_PORT = 3556;
const FLOOR_PORT = 3557;
const ITEMS = 40;
const PDF_ITEMS = 60;
const PDF_RUNS = 5;

const load = (url: string, tokens: string[] | null, seconds: number) =>
  httpLoad(url, tokens, seconds, CLIENTS);

/**
 * The floor of this machine: a bare node:http server in a process of its own that answers every
 * request with `body` (no framework, no database). Resolves with its URL and a stop function.
 */
async function startBareServer(body: string): Promise<{ url: string; stop(): void }> {
  const server = spawn(
    process.execPath,
    [
      '-e',
      `const body = Buffer.from(process.env.BODY);
       require('node:http')
         .createServer((request, response) => {
           response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
           response.end(body);
         })
         .listen(Number(process.env.PORT), '127.0.0.1', () => process.send('listening'));`,
    ],
    {
      env: { ...process.env, BODY: body, PORT: String(FLOOR_PORT) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  await new Promise((resolve, reject) => {
    server.once('message', resolve);
    server.once('exit', reject);
  });
  return { url: `http://127.0.0.1:${FLOOR_PORT}/`, stop: () => server.kill('SIGTERM') };
}

interface Round {
  agenda: number[];
  floor: number[];
}

/**
 * agenda: the secretary's read of a 40-item agenda (35 cases with their documents, 5 standing
 * items), GET /api/v1/meetings/:id over HTTP from 100 concurrent keep-alive clients (a session
 * each) for 10 s against the api in its own process, three times, each time after a bare node:http
 * server serving the same body (the machine's floor) under the same load; beside them GET
 * /health/live; and the time to render a 60-item kallelse PDF (median and slowest of 5).
 */
export async function agendaBench(): Promise<string> {
  const config = benchConfig({ AUTH_SCRYPT_N: '1024' });
  await resetBenchServices(config);
  const app = await benchApp(config, [IdentityModule, WorkflowModule, MeetingsModule]);
  const tenant = await createRouteTenant(app, 'bench');
  const caseIds = await seedReadyCases(app.get(DataSource), tenant, ITEMS - 5);
  const user = await app.get(CreateUser).execute(tenant, {
    username: 'bench.sekreterare',
    displayName: 'Benchmark',
    password: 'benchmark-lösenord-123',
    roles: [{ role: Role.Sekreterare, organId: tenant.organs.KSAPU }],
  });
  const secretary = new Principal(user.id, tenant.municipalityId, 'bench.sekreterare', 'person', [
    { role: Role.Sekreterare, organId: tenant.organs.KSAPU },
  ]);
  const createMeeting = app.get(CreateMeeting);
  const addItem = app.get(AddAgendaItem);
  const meeting = await createMeeting.execute(secretary, {
    organId: tenant.organs.KSAPU,
    startsAt: '2026-12-14T13:00',
    place: 'Sammanträdesrum',
  });
  for (const caseId of caseIds) {
    const { meeting: current } = await app.get(MeetingQueries).agenda(secretary, meeting.id);
    await addItem.execute(secretary, meeting.id, { kind: 'case', caseId }, current.version);
  }

  // The PDF of a 60-item kallelse.
  const content: KallelseContent = {
    municipality: 'Kalix kommun',
    organ: { code: 'KS', name: 'Kommunstyrelsen', kind: 'styrelse' },
    versionNo: 1,
    dateText: 'måndagen den 14 december 2026',
    timeText: 'kl 09:00',
    place: 'Förvaltningsbyggnaden, Sessionssalen',
    secretaryName: 'Helena Landström',
    items: Array.from({ length: PDF_ITEMS }, (_, index) => ({
      no: index + 1,
      kind: 'case' as const,
      title: `Ärende ${index + 1}: Ansökan om kommunal medfinansiering – trygghetsboende`,
      dnr: `2026-${String(index + 1).padStart(5, '0')} 04`,
      classificationCode: '04',
      proposalText:
        'Kommunstyrelsens arbets- och personalutskott föreslår, att kommunstyrelsen beslutar bevilja fortsatt kommunal medfinansiering för perioden 1 maj 2026 – 30 april 2027.',
      closedOsl: null,
    })),
  };
  const pdfTimes: number[] = [];
  for (let run = 0; run < PDF_RUNS; run++) {
    const started = performance.now();
    await renderPdf(kallelseDocument(content, 'members'), new Date());
    pdfTimes.push(performance.now() - started);
  }
  await app.close();

  // A hundred sessions log in from one address: above the login rate limit (20 a minute) that
  // guards a real api, which this bench does not measure.
  const api = await startApiProcess(config, HTTP_PORT, {
    DB_POOL_SIZE: '20',
    APP_RATE_LOGIN_PER_MINUTE: String(CLIENTS * 2),
  });
  try {
    const { base } = api;
    // Each client is a session of its own, as a hundred members each reading on their device.
    const tokens: string[] = [];
    for (let session = 0; session < CLIENTS; session++) {
      tokens.push(
        await loginOverHttp(base, 'bench', 'bench.sekreterare', 'benchmark-lösenord-123'),
      );
    }
    const check = await fetch(`${base}/api/v1/meetings/${meeting.id}`, {
      headers: { authorization: `Bearer ${tokens[0]}` },
    });
    const body = await check.text();
    const items = (JSON.parse(body) as { items: unknown[] }).items.length;
    if (items !== ITEMS) throw new Error(`the agenda has ${items} items, not ${ITEMS}`);
    // The agenda and the floor alternate, ROUNDS times, so that each agenda round is measured
    // beside a floor round of the same minute; the figures are the median round's.
    const agendaUrl = `${base}/api/v1/meetings/${meeting.id}`;
    const bare = await startBareServer(body);
    const rounds: Round[] = [];
    let trivial: number[];
    try {
      await load(`${base}/health/live`, null, 2); // warm-up
      trivial = await load(`${base}/health/live`, null, SECONDS);
      await load(bare.url, null, 2);
      await load(agendaUrl, tokens, 2);
      for (let round = 0; round < ROUNDS; round++) {
        const floor = await load(bare.url, null, SECONDS);
        rounds.push({ floor, agenda: await load(agendaUrl, tokens, SECONDS) });
      }
    } finally {
      bare.stop();
    }
    const apiRss = peakRssMbOf(api.pid);
    // The round whose p99 is the median, for the agenda and for the floor; and every round's p99.
    const p99 = (latencies: number[]) => Math.round(percentile(latencies, 99));
    const median = (key: keyof Round) =>
      rounds.map((round) => round[key]).sort((a, b) => p99(a) - p99(b))[Math.floor(ROUNDS / 2)];
    const each = (key: keyof Round) => rounds.map((round) => p99(round[key])).join('/');
    const agenda = median('agenda');
    const floor = median('floor');
    const sorted = [...pdfTimes].sort((a, b) => a - b);
    return (
      `agenda: p99=${Math.round(percentile(agenda, 99))}ms rps=${Math.round(agenda.length / SECONDS)} ` +
      `pdf=${Math.round(sorted[Math.floor(sorted.length / 2)])}ms ` +
      `(p50=${Math.round(percentile(agenda, 50))}ms; rounds p99=${each('agenda')}ms; ` +
      `trivial route p99=${Math.round(percentile(trivial, 99))}ms rps=${Math.round(trivial.length / SECONDS)}; ` +
      `bare node:http serving the same body p99=${Math.round(percentile(floor, 99))}ms ` +
      `rps=${Math.round(floor.length / SECONDS)}, rounds p99=${each('floor')}ms; ` +
      `${ITEMS} items (${Math.round(Buffer.byteLength(body) / 1024)} kB), ${CLIENTS} clients with a token each; ` +
      `pdf of ${PDF_ITEMS} items slowest=${Math.round(sorted.at(-1)!)}ms; api-rss=${apiRss}MB)`
    );
  } finally {
    await api.stop();
  }
}
