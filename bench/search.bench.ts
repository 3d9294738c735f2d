import type { Tenant } from '@nf/common';
import { CaseQueries, DnrSeriesQueries, RegistryModule } from '@nf/registry';
import { CreateMunicipality, CreateMunicipalityCommand } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { benchApp, benchConfig, peakRssMb, percentile, resetBenchServices } from './support';

const CASES = 1_000_000;
const DOCUMENTS = 300_000;
const CHUNK = 100_000;
/** About three in ten cases get a document (see the fill below). */
const ROUNDS = 30;

export const SUBJECTS = [
  'Budget',
  'Upphandling',
  'Detaljplan',
  'Bygglov',
  'Remiss',
  'Motion',
  'Medborgarförslag',
  'Riktlinjer',
  'Avtal',
  'Yttrande',
  'Månadsrapport',
  'Delårsrapport',
  'Investering',
  'Bidrag',
  'Tillsyn',
  'Förordnande',
  'Policy',
  'Handlingsplan',
  'Utredning',
  'Skrivelse',
];
export const TOPICS = [
  'förskola',
  'grundskola',
  'äldreomsorg',
  'vatten och avlopp',
  'gatubelysning',
  'bredband',
  'idrottshall',
  'kollektivtrafik',
  'näringslivsklimat',
  'besöksnäring',
  'e-handel',
  'trygghetsboende',
  'energiförsörjning',
  'räddningstjänst',
  'bibliotek',
  'simhall',
  'snöröjning',
  'hamnen',
  'flygplatsen',
  'turism',
  'folkhälsa',
  'integration',
  'kulturskola',
];
export const PLACES = [
  'Kalix',
  'Nyborg',
  'Sangis',
  'Töre',
  'Båtskärsnäs',
  'Karlsborg',
  'Morjärv',
  'Rolfs',
  'Risögrund',
  'Vånafjärden',
  'Storön',
];

export const elt = (expression: string, words: string[]) =>
  `ELT(1 + (${expression}) % ${words.length}, ${words.map((w) => `'${w}'`).join(', ')})`;

/** search: p50/p95 of typical registry searches over 1,000,000 cases (and 300,000 documents). */
export async function searchBench(): Promise<string> {
  const config = benchConfig({ DB_POOL_SIZE: '8' });
  await resetBenchServices(config);
  const app = await benchApp(config, [RegistryModule]);
  const dataSource = app.get(DataSource);
  const municipality = await app
    .get(CreateMunicipality)
    .execute(new CreateMunicipalityCommand('bench', 'Benchmark kommun'));
  const tenant = { municipalityId: municipality.id };
  const series = await app.get(DnrSeriesQueries).defaultFor(tenant);

  // Fill fast: full-text indexes are built once after the rows are in.
  const filled = Date.now();
  await dataSource.query(
    'ALTER TABLE cases DROP INDEX ft_cases_title, DROP INDEX ft_cases_public_title',
  );
  await dataSource.query('ALTER TABLE documents DROP INDEX ft_documents_description');
  for (let from = 1; from <= CASES; from += CHUNK) {
    await dataSource.query(
      `INSERT INTO cases (municipality_id, series_id, year, serial, dnr, imported, title, public_title, classification_code,
         organ_id, responsible_user_id, status, registered_at, secrecy_osl, created_at, updated_at, version)
       SELECT ?, ?, y, s, CONCAT(y, '-', LPAD(s, 5, '0')), 0,
         CONCAT(${elt('seq * 7', SUBJECTS)}, ' ', ${elt('seq * 13', ['om', 'för', 'gällande', 'avseende'])}, ' ', ${elt('seq * 11', TOPICS)}, ' i ', ${elt('seq * 3', PLACES)}, IF(seq % 997 = 0, ' och skyddsrum', '')),
         IF(seq % 50 = 0, 'Ärende enligt socialtjänstlagen', NULL),
         ${elt('seq', ['00', '04', '10', '101', '102', '103', '14'])},
         1 + seq % 5, IF(seq % 4 = 0, NULL, 1 + seq % 40), ${elt('seq * 5', ['open', 'decided', 'decided', 'closed'])},
         TIMESTAMP(MAKEDATE(y, 1 + (s * 364) DIV 40000), '10:00:00'),
         IF(seq % 50 = 0, 'OSL 26 kap. 1 §', NULL), NOW(3), NOW(3), 1
       FROM (SELECT seq, 2000 + (seq - 1) DIV 40000 AS y, 1 + (seq - 1) % 40000 AS s FROM seq_${from}_to_${Math.min(from + CHUNK - 1, CASES)}) AS n`,
      [tenant.municipalityId, series.id],
    );
  }
  // Three documents in ten cases (AUTO_INCREMENT leaves gaps between bulk inserts, so take real ids).
  await dataSource.query(
    `INSERT INTO documents (municipality_id, case_id, ordinal, direction, document_date, sender_recipient, description, type,
       secrecy_osl, registered_at, created_at, updated_at, version)
     SELECT c.municipality_id, c.id, 1, 'inkommande', DATE(c.registered_at), 'Länsstyrelsen i Norrbotten',
       CONCAT(${elt('c.id * 17', ['Yttrande', 'Beslut', 'Skrivelse', 'Protokoll', 'Rapport'])}, ' från ', ${elt('c.id * 19', ['Länsstyrelsen', 'Trafikverket', 'Region Norrbotten', 'Skolverket', 'Boverket', 'Naturvårdsverket'])}, ' om ', ${elt('c.id * 23', TOPICS)}),
       'skrivelse', NULL, c.registered_at, NOW(3), NOW(3), 1
     FROM cases c WHERE c.municipality_id = ? AND c.serial % 10 < 3`,
    [tenant.municipalityId],
  );
  await dataSource.query(
    'ALTER TABLE cases ADD FULLTEXT INDEX ft_cases_title (title), ADD FULLTEXT INDEX ft_cases_public_title (public_title)',
  );
  await dataSource.query(
    'ALTER TABLE documents ADD FULLTEXT INDEX ft_documents_description (description)',
  );
  await dataSource.query('ANALYZE TABLE cases, documents');
  const fillSeconds = Math.round((Date.now() - filled) / 1000);

  const typical = typicalSearches(app.get(CaseQueries), tenant, {
    firstYear: 2000,
    years: 25,
    perYear: 40_000,
  });
  const { timings, byKind } = await timeSearches(typical, ROUNDS);
  await app.close();
  return (
    `search: p50=${percentile(timings, 50).toFixed(1)}ms p95=${percentile(timings, 95).toFixed(1)}ms ` +
    `(${CASES} cases, ${DOCUMENTS} documents, ${timings.length} searches, fill ${fillSeconds}s, rss=${peakRssMb()}MB) p95 by kind: ${byKind.join(' ')}`
  );
}

export type Search = [string, (round: number) => Promise<unknown>];

/**
 * Twelve kinds of typical registry searches for one municipality whose cases run `perYear` a year
 * from `firstYear` for `years` years, as the fills of `search` and `tenants` make them.
 */
export function typicalSearches(
  queries: CaseQueries,
  tenant: Tenant,
  { firstYear, years, perYear }: { firstYear: number; years: number; perYear: number },
): Search[] {
  const options = (seesSecrets: boolean) => ({ seesSecrets, timeZone: 'Europe/Stockholm' });
  const year = (r: number) => firstYear + (r % years);
  return [
    [
      'one word',
      (r) =>
        queries.search(tenant, { q: TOPICS[r % TOPICS.length], limit: 50 }, options(r % 2 === 0)),
    ],
    [
      'two words',
      (r) =>
        queries.search(
          tenant,
          { q: `${SUBJECTS[r % SUBJECTS.length]} ${TOPICS[(r * 5) % TOPICS.length]}`, limit: 50 },
          options(true),
        ),
    ],
    [
      'rare word',
      (r) => queries.search(tenant, { q: 'skyddsrum', limit: 50 }, options(r % 2 === 0)),
    ],
    [
      'word in documents',
      (r) => queries.search(tenant, { q: 'Trafikverket', limit: 50 }, options(r % 2 === 0)),
    ],
    [
      'dnr prefix',
      (r) => queries.search(tenant, { dnr: `${year(r)}-0${r % 4}`, limit: 50 }, options(true)),
    ],
    [
      'classification',
      (r) =>
        queries.search(
          tenant,
          { classificationCode: ['00', '04', '14'][r % 3], limit: 50 },
          options(true),
        ),
    ],
    [
      'status and organ',
      (r) =>
        queries.search(tenant, { status: 'open', organId: 1 + (r % 5), limit: 50 }, options(true)),
    ],
    [
      'official',
      (r) => queries.search(tenant, { responsibleUserId: 1 + (r % 40), limit: 50 }, options(true)),
    ],
    [
      'month',
      (r) =>
        queries.search(
          tenant,
          { registeredFrom: `${year(r)}-03-01`, registeredTo: `${year(r)}-03-31`, limit: 50 },
          options(true),
        ),
    ],
    [
      'word and class',
      (r) =>
        queries.search(
          tenant,
          { q: TOPICS[r % TOPICS.length], classificationCode: '04', limit: 50 },
          options(true),
        ),
    ],
    [
      'next page',
      async (r) => {
        const page = await queries.search(
          tenant,
          { classificationCode: '04', limit: 50 },
          options(true),
        );
        return queries.search(
          tenant,
          { classificationCode: '04', after: page.next! - r, limit: 50 },
          options(true),
        );
      },
    ],
    [
      'lookup',
      (r) =>
        queries.findByDnr(
          tenant,
          `${year(r)}-${String(1 + ((r * 997) % perYear)).padStart(5, '0')}`,
        ),
    ],
  ];
}

/** Each search `rounds` times after one warm-up round; every timing (ms), and each kind's p95. */
export async function timeSearches(
  typical: Search[],
  rounds: number,
): Promise<{ timings: number[]; byKind: string[] }> {
  for (const [, run] of typical) await run(0); // warm the buffer pool once
  const timings: number[] = [];
  const byKind: string[] = [];
  for (const [name, run] of typical) {
    const own: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const started = process.hrtime.bigint();
      await run(round);
      own.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    timings.push(...own);
    byKind.push(`${name}=${percentile(own, 95).toFixed(1)}`);
  }
  return { timings, byKind };
}
