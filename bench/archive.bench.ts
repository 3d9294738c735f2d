import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DnrSeriesQueries, RegistryModule } from '@nf/registry';
import { CreateMunicipality, CreateMunicipalityCommand } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { seedClosedCases } from '../test/support/archive-seed';
import { benchApp, benchConfig, benchEnvironment, resetBenchServices } from './support';

const CASES = 10_000;
const FILES_PER_CASE = 3;

/**
 * A delivery to the e-archive of 10,000 closed cases with 30,000 small files (2 KB each), by the
 * operators' command (`cli archive:export`) in a process of its own: cases per second and package
 * MB per second from its start to its end (boot excluded: timed from its first line), and the
 * process's peak resident memory (VmHWM). Targets: ≥ 500 cases/s, RSS ≤ 300 MB.
 */
export async function archiveBench(): Promise<string> {
  const files = mkdtempSync(join(tmpdir(), 'nf-bench-archive-'));
  const config = benchConfig({ FILES_DIR: files });
  await resetBenchServices(config);
  const app = await benchApp(config, [RegistryModule]);
  const municipality = await app
    .get(CreateMunicipality)
    .execute(new CreateMunicipalityCommand('arkiv', 'Arkivkommun'));
  const tenant = { municipalityId: municipality.id };
  const series = await app.get(DnrSeriesQueries).defaultFor(tenant);
  await seedClosedCases(
    app.get(DataSource),
    files,
    { municipalityId: municipality.id, seriesId: series.id, year: 2019 },
    { cases: CASES, filesPerCase: FILES_PER_CASE },
  );
  await app.close();

  const out = join(files, 'leverans.zip');
  const child = spawn(
    process.execPath,
    [
      join(__dirname, '..', 'apps', 'cli', 'src', 'main.js'),
      'archive:export',
      'arkiv',
      '--out',
      out,
    ],
    {
      env: { ...process.env, ...benchEnvironment({ FILES_DIR: files }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let started = 0;
  let peakKb = 0;
  let output = '';
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0));
    } catch {
      // exited
    }
  }, 20);
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!started && output.includes('archive: delivery')) started = performance.now();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (code !== 0 || !/delivered .*: 10000 cases, 30000 files/.test(output)) {
    throw new Error(`archive:export failed (${code}):\n${output}`);
  }
  const megabytes = statSync(out).size / 1e6;
  rmSync(files, { recursive: true, force: true });
  return `archive: ${Math.round(CASES / seconds)}/s ${(megabytes / seconds).toFixed(1)}MB/s rss=${Math.round(peakKb / 1024)}MB (${CASES} cases, ${CASES * FILES_PER_CASE} files, ${megabytes.toFixed(0)} MB in ${seconds.toFixed(1)} s)`;
}
