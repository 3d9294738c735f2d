import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DemoOnStart } from '@nf/demo';
import { Test } from '@nestjs/testing';
import { Clock, createRootLogger } from '@nf/common';
import { AppConfig } from '@nf/config';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { apiAdapter, configureApiApp } from '../../apps/api/src/bootstrap';

/** Every table a request could change; a refused request must leave all of them as they were. */
const WATCHED_TABLES = [
  'municipalities',
  'organs',
  'people',
  'memberships',
  'users',
  'role_assignments',
  'auth_tokens',
  'outbox_messages',
  'dnr_series',
  'dnr_counters',
  'classification_codes',
  'cases',
  'route_instances',
  'route_steps',
  'route_events',
  'tjansteskrivelser',
  'motions',
  'meetings',
  'agenda_items',
  'notices',
  'delegation_points',
  'delegation_decisions',
  'kallelser',
  'kallelse_files',
  'mail_deliveries',
  'protocols',
  'paragraph_counters',
  'paragraphs',
  'protocol_signatures',
  'anslag',
  'protocol_files',
  'obligations',
  'obligation_occurrences',
  'wakeups',
  'inbox_messages',
  'deadlines',
  'followup_reports',
  'calendar_feeds',
  'case_links',
  'documents',
  'document_files',
];

export interface ApiHarness {
  app: NestFastifyApplication;
  dataSource: DataSource;
  /** A checksum of every table the tests watch and audit entries by kind: proof that a refused request wrote nothing. */
  snapshot(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** The real api (same module and HTTP setup as main.ts) on real MariaDB and Redis. */
export async function startApi(
  config: AppConfig,
  options: { clock?: Clock; demoOnStart?: boolean; logger?: Logger } = {},
): Promise<ApiHarness> {
  let builder = Test.createTestingModule({ imports: [ApiModule.forRoot(config)] });
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  // APP_DEMO also lets the demo users log in with the demo password; a test that seeds its own
  // (partial) demo keeps the api from loading the whole one at start.
  if (options.demoOnStart === false) {
    builder = builder
      .overrideProvider(DemoOnStart)
      .useValue({ onApplicationBootstrap: () => Promise.resolve() });
  }
  const moduleRef = await builder.compile();
  const logger =
    options.logger ?? createRootLogger({ level: config.app.logLevel, app: 'api-test' });
  const app = moduleRef.createNestApplication<NestFastifyApplication>(apiAdapter(config, logger), {
    bodyParser: false,
  });
  configureApiApp(app, config, logger);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  return {
    app,
    dataSource,
    async snapshot() {
      const counts: Record<string, number> = {};
      // A checksum of the contents, so that an update in place shows as well as an insert.
      const sums = (await dataSource.query(
        `CHECKSUM TABLE ${WATCHED_TABLES.join(', ')}`,
      )) as Array<{
        Table: string;
        Checksum: number | string;
      }>;
      for (const row of sums) counts[row.Table.split('.').pop()!] = Number(row.Checksum);
      for (const kind of ['change', 'security']) {
        counts[`audit_${kind}`] = Number(
          (await dataSource.query('SELECT COUNT(*) AS n FROM audit_log WHERE kind = ?', [kind]))[0]
            .n,
        );
      }
      return counts;
    },
    close: () => app.close(),
  };
}
