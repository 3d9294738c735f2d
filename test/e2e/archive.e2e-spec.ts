import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiHarness, startApi } from '../support/api-harness';
import { binary } from '../support/binary';
import { seedClosedCases } from '../support/archive-seed';
import { seedTenant, Tenant } from '../support/identity';
import { recordsClient } from '../support/records-client';
import { eventually, resetServices } from '../support/services';
import {
  csipProblems,
  ermsSchemaErrors,
  ermsSchematronFailures,
  readPackage,
  type ReadPackage,
} from '../support/sip';
import { testConfig, testEnvironment } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js');
const NOTE = 'Min privata anteckning: fråga om hamnens budget';
const OSL = 'OSL 21 kap. 1 §';

/** The CLI as a real process, with its output and, on Linux, its resident memory sampled. */
function runCli(args: string[], env: Record<string, string>) {
  // As `npm run cli` runs it (package.json).
  const child = spawn(process.execPath, ['--max-semi-space-size=4', CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const rss: number[] = [];
  let startedRss: number | null = null;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
      if (kb) rss.push(kb / 1024);
    } catch {
      // gone
    }
  };
  const sampler = setInterval(sample, 10);
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    // The export begins after the application has booted: memory is measured from here.
    if (startedRss === null && /archive: delivery/.test(stderr)) {
      sample();
      startedRss = rss[rss.length - 1] ?? null;
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      clearInterval(sampler);
      resolve(code);
    }),
  );
  return {
    child,
    exited,
    output: () => `${stdout}\n${stderr}`,
    stdout: () => stdout,
    casesDone: () =>
      Math.max(0, ...[...stderr.matchAll(/archive: (\d+)\//g)].map((m) => Number(m[1]))),
    rssGrowthMb: () => Math.max(...rss) - (startedRss ?? Infinity),
  };
}

describe('Records: deliveries to the e-archive (FGS Paketstruktur / E-ARK CSIP, CITS ERMS v3)', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let client: ReturnType<typeof recordsClient>;
  const folder = mkdtempSync(join(tmpdir(), 'nf-archive-'));
  const auditActions = async (action: string) =>
    (await api.dataSource.query(
      'SELECT entity_id AS id, after_state AS `after` FROM audit_log WHERE municipality_id = ? AND action = ? ORDER BY id',
      [kalix.municipalityId, action],
    )) as Array<{ id: string; after: Record<string, unknown> }>;
  const ermsOf = (read: ReadPackage) =>
    [...read.files.entries()].find(([path]) => path.endsWith('/metadata/descriptive/erms.xml'))![1];

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix');
    worker = await startWorker(config, { runOutbox: true });
    client = recordsClient(api, kalix);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('delivers the closed cases of the Kalix demo as a package that validates (XSD, Schematron, CSIP), with a receipt per case', async () => {
    const { http, as } = client;
    // The registrator closes the demo's cases that hold documents; one of them is secret, one
    // gets a file (bytes with characters XML must escape), and a member keeps a private note.
    const demoCases = (await api.dataSource.query(
      `SELECT c.id, c.dnr FROM cases c WHERE c.municipality_id = ?
          AND EXISTS (SELECT 1 FROM documents d WHERE d.case_id = c.id) ORDER BY c.id`,
      [kalix.municipalityId],
    )) as Array<{ id: string; dnr: string }>;
    expect(demoCases.length).toBeGreaterThan(10);
    const [secret, withFile] = demoCases;
    await http()
      .put(`/api/v1/cases/${secret.id}/secrecy`)
      .set(as())
      .send({ osl: OSL, publicTitle: 'Ärende om en enskild' })
      .expect(200);
    const [document] = await client.documentsOf(Number(withFile.id));
    const fileBytes = Buffer.from('Yttrande <över> "förslaget" & bilagor\n');
    await http()
      .post(`/api/v1/documents/${document.id}/files?filename=yttrande.txt`)
      .set(as())
      .set('Content-Type', 'text/plain')
      .send(fileBytes)
      .expect(201);
    const [item] = (await api.dataSource.query(
      `SELECT i.id, i.meeting_id AS meetingId FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
        WHERE m.municipality_id = ? AND i.case_id IS NOT NULL ORDER BY i.id LIMIT 1`,
      [kalix.municipalityId],
    )) as Array<{ id: string; meetingId: string }>;
    await http()
      .put(`/api/v1/meetings/${item.meetingId}/items/${item.id}/my-note`)
      .set(as('ledamot'))
      .send({ text: NOTE })
      .expect(200);
    for (const record of demoCases) await client.close(Number(record.id));

    await http().post('/api/v1/archive-deliveries').set(as('handlaggare')).send({}).expect(403);
    const refused = await http()
      .post('/api/v1/archive-deliveries')
      .set(as())
      .send({ closedBefore: '2026-13-01' })
      .expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const requested = await http()
      .post('/api/v1/archive-deliveries')
      .set(as())
      .send({})
      .expect(202);
    expect(requested.body).toMatchObject({ status: 'queued', casesDone: 0 });
    const id = requested.body.id as number;
    await http().get(`/api/v1/archive-deliveries/${id}/package`).set(as()).expect(409);
    let delivery: Record<string, unknown> = {};
    await eventually(
      async () => {
        delivery = (await http().get(`/api/v1/archive-deliveries/${id}`).set(as()).expect(200))
          .body;
        return delivery.status === 'delivered' || delivery.status === 'failed';
      },
      { timeoutMs: 30_000, what: 'the delivery written' },
    );
    expect(delivery).toMatchObject({
      status: 'delivered',
      casesTotal: demoCases.length,
      casesDone: demoCases.length,
      attempts: 1,
      error: null,
    });

    const downloaded = await http()
      .get(`/api/v1/archive-deliveries/${id}/package`)
      .set(as())
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(downloaded.headers['content-type']).toBe('application/zip');
    const zipPath = join(folder, 'demo.zip');
    writeFileSync(zipPath, downloaded.body);
    const sha = createHash('sha256').update(downloaded.body).digest('hex');
    expect(sha).toBe(delivery.packageSha256);

    const read = await readPackage(zipPath);
    expect(csipProblems(read)).toEqual([]);
    // Every file the closed cases held when the delivery was asked for is in it (the demo's jobs
    // render extracts and notices meanwhile), and the counts agree.
    const registered = (await api.dataSource.query(
      `SELECT f.sha256 FROM document_files f JOIN documents d ON d.id = f.document_id
        WHERE d.case_id IN (?) AND f.created_at <= ?`,
      [demoCases.map((record) => Number(record.id)), new Date(requested.body.requestedAt)],
    )) as Array<{ sha256: string }>;
    const packaged = [...read.files.entries()].filter(([path]) => path.includes('/data/'));
    expect(packaged).toHaveLength(delivery.filesDone as number);
    expect(registered.length).toBeGreaterThan(1);
    const packagedHashes = new Set(
      packaged.map(([, bytes]) => createHash('sha256').update(bytes).digest('hex')),
    );
    for (const file of registered) expect(packagedHashes.has(file.sha256)).toBe(true);
    const erms = ermsOf(read);
    expect(ermsSchemaErrors(erms)).toBe('');
    expect(ermsSchematronFailures(erms)).toEqual([]);
    const xml = erms.toString('utf8');
    expect(xml.match(/<aggregation /g)).toHaveLength(demoCases.length);
    for (const record of demoCases) expect(xml).toContain(`<objectId>${record.dnr}</objectId>`);
    // The secret case keeps its secrecy as a restriction, with its public title beside its title.
    const secretCase = xml.slice(xml.indexOf(`systemIdentifier="case-${secret.id}"`));
    expect(secretCase.slice(0, secretCase.indexOf('</aggregation>'))).toMatch(
      new RegExp(
        `<otherTitle titleType="offentlig_titel">Ärende om en enskild</otherTitle><status value="closed"/><restriction restrictionType="confidential">.*<regulation>${OSL}</regulation>`,
      ),
    );
    // The file, as uploaded, under its case's dnr, and named in its record's appendix.
    const stored = [...read.files.entries()].find(([path]) =>
      path.includes(`/representations/rep1/data/${withFile.dnr}/`),
    )!;
    expect(stored[1].equals(fileBytes)).toBe(true);
    expect(xml).toContain(
      `path="${stored[0].split('/').slice(1).join('/')}" fileFormat="text/plain"`,
    );
    // Private notes are the member's own: never in a package.
    for (const bytes of read.files.values()) expect(bytes.toString('utf8')).not.toContain(NOTE);

    const receipt = await http()
      .get(`/api/v1/archive-deliveries/${id}/receipt`)
      .set(as())
      .expect(200);
    expect(receipt.body.packageSha256).toBe(sha);
    expect(receipt.body.cases.map((record: { dnr: string }) => record.dnr).sort()).toEqual(
      demoCases.map((record) => record.dnr).sort(),
    );
    expect((await auditActions('archive-delivery.delivered'))[0].after).toMatchObject({
      cases: demoCases.length,
      files: delivery.filesDone,
      sha256: sha,
    });

    // Delivered cases are not delivered again: the same selection now holds nothing.
    const again = await http().post('/api/v1/archive-deliveries').set(as()).send({}).expect(202);
    await eventually(
      async () =>
        (await http().get(`/api/v1/archive-deliveries/${again.body.id}`).set(as())).body.status ===
        'failed',
      { timeoutMs: 60_000, what: 'the empty delivery refused' },
    );
    const failed = (await http().get(`/api/v1/archive-deliveries/${again.body.id}`).set(as())).body;
    expect(failed.error).toContain('inga avslutade ärenden');
    expect(existsSync(join(config.files.dir, 'deliveries', `${failed.packageId}.zip`))).toBe(false);
  });

  it('suggests closing a decided case once its decision is expedited (a protokollsutdrag registered since)', async () => {
    const { http, as } = client;
    const suggested = async () =>
      (
        (await http().get('/api/v1/closing-suggestions').set(as()).expect(200)).body
          .cases as Array<{
          caseId: number;
        }>
      ).map((record) => record.caseId);
    await http().get('/api/v1/closing-suggestions').set(as('handlaggare')).expect(403);
    const decide = async (title: string) => {
      const seeded = await client.registerCase(title, '00', []);
      const patched = await http()
        .patch(`/api/v1/cases/${seeded.id}`)
        .set(as())
        .send({ status: 'decided', version: seeded.version })
        .expect(200);
      return { ...seeded, version: patched.body.version as number };
    };
    const expedited = await decide('Avgjort och expedierat');
    const notYet = await decide('Avgjort men inte expedierat');
    await http()
      .post(`/api/v1/cases/${expedited.id}/documents`)
      .set(as())
      .send({
        direction: 'utgaende',
        date: '2026-12-06',
        description: 'Protokollsutdrag KS § 12',
        type: 'protokollsutdrag',
      })
      .expect(201);
    let ids = await suggested();
    expect(ids).toContain(expedited.id);
    expect(ids).not.toContain(notYet.id);
    await client.close(expedited.id);
    ids = await suggested();
    expect(ids).not.toContain(expedited.id);
  });

  it('a delivery of 1,000 cases and 3,000 files killed halfway is never delivered half; run again it finishes, with memory flat', async () => {
    const [{ seriesId }] = (await api.dataSource.query(
      'SELECT id AS seriesId FROM dnr_series WHERE municipality_id = ? ORDER BY id LIMIT 1',
      [kalix.municipalityId],
    )) as Array<{ seriesId: string }>;
    const seeded = await seedClosedCases(
      api.dataSource,
      config.files.dir,
      { municipalityId: kalix.municipalityId, seriesId: Number(seriesId), year: 2019 },
      { cases: 1_000, filesPerCase: 3 },
    );
    expect(seeded.files).toBe(3_000);
    const out = join(folder, 'leverans-2019.zip');
    const args = ['archive:export', 'kalix', '--out', out, '--years', '2019'];
    const env = testEnvironment({ APP_LOG_LEVEL: 'warn' });

    const first = runCli(args, env);
    await eventually(async () => first.casesDone() >= 200 || first.child.exitCode !== null, {
      timeoutMs: 60_000,
      intervalMs: 1,
      what: 'the first batches written',
    });
    first.child.kill('SIGKILL');
    await first.exited;
    if (first.child.signalCode !== 'SIGKILL') throw new Error(`not killed:\n${first.output()}`);
    expect(first.casesDone()).toBeLessThan(1_000);
    // Killed: no package under its name, and no receipt counts.
    expect(existsSync(out)).toBe(false);
    const [interrupted] = (await api.dataSource.query(
      'SELECT id, status, attempts FROM archive_deliveries WHERE output_path = ?',
      [out],
    )) as Array<{ id: string; status: string; attempts: number }>;
    expect(interrupted).toMatchObject({ status: 'running', attempts: 1 });
    const receiptBefore = await client
      .http()
      .get(`/api/v1/archive-deliveries/${interrupted.id}/receipt`)
      .set(client.as())
      .expect(200);
    expect(receiptBefore.body.cases).toEqual([]);

    const second = runCli(args, env);
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('taken up again (attempt 2)');
    expect(second.stdout()).toMatch(/delivered nf-kalix-\S+: 1000 cases, 3000 files/);
    // Memory stays flat while 1,000 cases and 3,000 files go through.
    expect(second.rssGrowthMb()).toBeLessThanOrEqual(50);

    expect(existsSync(`${out}.part`)).toBe(false);
    const deliveries = (await api.dataSource.query(
      'SELECT id, status, attempts, package_sha256 AS sha FROM archive_deliveries WHERE output_path = ?',
      [out],
    )) as Array<{ id: string; status: string; attempts: number; sha: string }>;
    expect(deliveries).toEqual([
      expect.objectContaining({ id: interrupted.id, status: 'delivered', attempts: 2 }),
    ]);
    const read = await readPackage(out);
    expect(csipProblems(read)).toEqual([]);
    const erms = ermsOf(read);
    expect(ermsSchemaErrors(erms)).toBe('');
    expect(erms.toString('utf8').match(/<aggregation /g)).toHaveLength(1_000);
    expect([...read.files.keys()].filter((path) => path.includes('/data/'))).toHaveLength(3_000);
    const [{ receipts }] = (await api.dataSource.query(
      'SELECT COUNT(*) AS receipts FROM archive_receipts WHERE delivery_id = ?',
      [interrupted.id],
    )) as Array<{ receipts: number }>;
    expect(Number(receipts)).toBe(1_000);
  });
});
