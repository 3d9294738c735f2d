import { Principal } from '@nf/access';
import { followupReportDocument, type FollowupReportLayoutContent, renderPdf } from '@nf/documents';
import { DefineIndicator, ImportKoladaOutcomes, PlansModule } from '@nf/plans';
import { CreateMunicipality, CreateMunicipalityCommand, CreateOrgan } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { benchApp, benchConfig, resetBenchServices } from './support';

const GOALS = 40;
const INDICATORS = 120;
const YEARS = 5;
const BUDGET_ROWS = 300;
/** Rows of the Kolada file: every indicator for 140 years and three sexes (50,400 rows). */
const IMPORT_YEARS = 140;

/** A board's årsuppföljning at the size of a large förvaltning. */
function bigReport(): FollowupReportLayoutContent {
  const year = 2024;
  const indicators = new Map<
    string,
    FollowupReportLayoutContent['indicators'] extends Map<string, infer V> ? V : never
  >();
  for (let g = 0; g < GOALS; g++) {
    indicators.set(
      `g${g}`,
      Array.from({ length: INDICATORS / GOALS }, (_, i) => ({
        name: `Mätetal ${g + 1}.${i + 1} – andel invånare som är nöjda med kommunens service`,
        unit: '%',
        outcomes: Array.from({ length: YEARS }, (_, y) => ({
          year: year - YEARS + 1 + y,
          value: 60 + ((g + i + y) % 20),
        })),
        outcome: 60 + ((g + i + YEARS - 1) % 20),
        targetText: 'Minst 70',
        target: { kind: 'min', value: 70 },
        met: (g + i) % 2 === 0,
      })),
    );
  }
  const row = (n: number, level: number) => ({
    code: String(1000 + n),
    name: `Kontor ${n}`,
    level,
    values: { budget: -10_000 - n * 17, revised: null, outcome: -10_100 - n * 19, forecast: null },
    deviation: -100 - n * 2,
    forecastDeviation: null,
  });
  return {
    municipality: 'Benchmark kommun',
    board: 'Kommunstyrelsen',
    dnr: '2025-00042',
    kind: 'arsuppfoljning',
    year,
    period: 'Y',
    sections: [{ title: 'Verksamhetsberättelse', text: 'Året som gått. '.repeat(400) }],
    goals: Array.from({ length: GOALS }, (_, g) => ({
      key: `g${g}`,
      area: 'Välfungerande vardag för alla',
      title: `Nämndsmål ${g + 1}`,
      assessment: 'I hög grad uppfyllt',
      trend: 'up' as const,
      comment: 'Målet bedöms i hög grad uppfyllt. '.repeat(10),
    })),
    assignments: Array.from({ length: 20 }, (_, a) => ({
      title: `Uppdrag ${a + 1}`,
      status: 'ongoing' as const,
      comment: '',
    })),
    indicators,
    tables: [
      {
        kind: 'drift',
        unit: 'tkr',
        rows: Array.from({ length: BUDGET_ROWS }, (_, n) => row(n, n % 10 === 0 ? 0 : 1)),
        total: {
          budget: -3_000_000,
          revised: null,
          outcome: -3_010_000,
          forecast: null,
          deviation: -10_000,
          forecastDeviation: null,
        },
      },
    ],
  };
}

/**
 * The årsuppföljning PDF of a board with 40 goals, 120 indicators over five years and 300 budget
 * rows (the median of five renders), and the Kolada import into MariaDB (rows a second).
 * Targets: at most 2 s a report, at least 20,000 rows/s.
 */
export async function planBench(): Promise<string> {
  const content = bigReport();
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    bytes = (await renderPdf(followupReportDocument(content), new Date('2025-02-01T00:00:00Z')))
      .length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);

  const config = benchConfig();
  await resetBenchServices(config);
  const app = await benchApp(config, [PlansModule]);
  try {
    const municipality = await app
      .get(CreateMunicipality)
      .execute(new CreateMunicipalityCommand('bench', 'Benchmark kommun'));
    const tenant = { municipalityId: municipality.id };
    await app
      .get(DataSource)
      .query("UPDATE municipalities SET kommunkod = '9999' WHERE id = ?", [municipality.id]);
    const organ = await app
      .get(CreateOrgan)
      .execute(tenant, { code: 'KS', name: 'Kommunstyrelsen', kind: 'styrelse' });
    const principal = { municipalityId: municipality.id, userId: null } as unknown as Principal;
    const lines = ['kpi,municipality,period,gender,value'];
    for (let i = 0; i < INDICATORS; i++) {
      const kpiId = `N${String(i).padStart(5, '0')}`;
      await app.get(DefineIndicator).execute(principal, organ.id, {
        kpiId,
        name: `Mätetal ${i}`,
        unit: '%',
        source: 'Kolada',
        direction: 'increase',
        bySex: true,
      });
      for (let y = 0; y < IMPORT_YEARS; y++) {
        for (const gender of ['T', 'K', 'M'])
          lines.push(`${kpiId},9999,${1960 + y},${gender},${(i + y) % 100}.5`);
      }
    }
    const csv = lines.join('\n');
    const started = performance.now();
    const { imported } = await app.get(ImportKoladaOutcomes).execute(principal, organ.id, csv);
    const seconds = (performance.now() - started) / 1000;
    return `plan: report-pdf=${Math.round(times[2])}ms import=${Math.round(imported / seconds)}/s (${imported} rows, pdf ${Math.round(bytes / 1024)} kB)`;
  } finally {
    await app.close();
  }
}
