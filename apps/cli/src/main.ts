import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createRootLogger, PinoNestLogger } from '@nf/common';
import { ConfigError, loadConfig } from '@nf/config';
import {
  createLeastPrivilegeUsers,
  dropDatabase,
  ensureDatabase,
  migrationDataSourceOptions,
  revertLastMigrationLocked,
  runMigrationsLocked,
} from '@nf/database';
import { Role } from '@nf/access';
import { ArchiveDeliveries, ExportDelivery, VerifyFiles } from '@nf/records';
import { DemoLulea, DemoSeeder, LULEA_SLUG } from '@nf/demo';
import { CreateUser } from '@nf/identity';
import { CreateMunicipality, CreateMunicipalityCommand, Municipalities } from '@nf/tenancy';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { CliModule } from './cli.module';

const USAGE = `Usage: node dist/apps/cli/src/main.js <command>
  migration:run      apply pending migrations
  migration:revert   revert the last applied migration
  migration:show     list migrations and whether each is applied
  demo [--reset]     load the demo municipalities, Kalix and Luleå (--reset drops the database first)
  municipality:create <slug> <name> [timeZone]
                     provision a new municipality (tenant)
  user:create-admin <municipality-slug> <username> [--password-stdin]
                     create a municipality's first admin; without --password-stdin a strong
                     password is generated and printed once
  archive:export <municipality-slug> --out <file.zip> [--closed-before <date>]
                 [--classification <code>] [--series <id>] [--years <from>-<to>]
                     deliver the municipality's closed cases (not delivered before) to the
                     e-archive as one SIP (FGS Paketstruktur / E-ARK CSIP, CITS ERMS metadata);
                     run again with the same --out after a crash, it takes the delivery up again
  files:verify       check every stored file the database points at: present, and its bytes
                     those its SHA-256 names; prints each missing or corrupt file and exits 1
                     if there is any (run it after a restore)
  db:create-users    as an administrator (DB_USER=root): create the database and two users,
                     DB_MIGRATION_USER (the schema's owner) and DB_APP_USER (rows only), with
                     DB_MIGRATION_PASSWORD and DB_APP_PASSWORD`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  if (!command || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig(undefined, { APP_RUN_MIGRATIONS: 'false' });
  if (command === 'db:create-users') {
    const { app, migration } = config.db;
    if (!app || !migration)
      throw new Error('db:create-users needs DB_APP_USER and DB_MIGRATION_USER');
    await createLeastPrivilegeUsers(config, app, migration);
    console.log(
      `database ${config.db.name}: ${migration.user} owns the schema, ${app.user} reads and writes rows`,
    );
    return 0;
  }
  if (command === 'demo' && flags.includes('--reset')) {
    if (config.app.env === 'production')
      throw new Error('demo --reset refuses to run in production');
    await dropDatabase(config);
  }
  await ensureDatabase(config);
  const logger = createRootLogger({
    level: config.app.logLevel,
    app: 'cli',
    format: config.app.logFormat,
  });
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  try {
    const dataSource = app.get(DataSource);
    // Migrations run as DB_MIGRATION_USER when it is set (on a connection of their own).
    const owner = config.db.migration
      ? await new DataSource(migrationDataSourceOptions(config)).initialize()
      : dataSource;
    try {
      return await run(command, flags, app, owner);
    } finally {
      if (owner !== dataSource) await owner.destroy();
    }
  } finally {
    await app.close();
  }
}

async function run(
  command: string,
  flags: string[],
  app: INestApplicationContext,
  dataSource: DataSource,
): Promise<number> {
  if (!command.startsWith('migration:')) await runMigrationsLocked(dataSource);
  switch (command) {
    case 'migration:run': {
      const applied = await runMigrationsLocked(dataSource);
      console.log(
        applied.length
          ? applied.map((m) => `applied ${m.name}`).join('\n')
          : 'no pending migrations',
      );
      return 0;
    }
    case 'migration:revert':
      await revertLastMigrationLocked(dataSource);
      console.log('reverted the last migration');
      return 0;
    case 'migration:show': {
      const pending = await dataSource.showMigrations();
      console.log(pending ? 'there are pending migrations' : 'all migrations are applied');
      return 0;
    }
    case 'demo': {
      // The demo users' password is accepted at login only when the api runs with APP_DEMO=true.
      const result = await app.get(DemoSeeder).seed();
      console.log(
        result.created
          ? `demo loaded: ${result.municipality}`
          : `demo already present: ${result.municipality}`,
      );
      const lulea = await app.get(DemoLulea).seed();
      console.log(lulea ? `demo loaded: ${LULEA_SLUG}` : `demo already present: ${LULEA_SLUG}`);
      return 0;
    }
    case 'municipality:create': {
      const [slug, name, timeZone] = flags;
      if (!slug || !name) throw new Error(`municipality:create needs <slug> <name>\n${USAGE}`);
      const created = await app
        .get(CreateMunicipality)
        .execute(new CreateMunicipalityCommand(slug, name, timeZone ?? 'Europe/Stockholm'));
      console.log(`created municipality ${created.slug} (${created.name})`);
      return 0;
    }
    case 'user:create-admin': {
      const [slug, username] = flags.filter((flag) => !flag.startsWith('--'));
      if (!slug || !username)
        throw new Error(`user:create-admin needs <municipality-slug> <username>\n${USAGE}`);
      const municipality = await app.get(Municipalities).getBySlug(slug);
      const generated = !flags.includes('--password-stdin');
      const password = generated ? randomBytes(18).toString('base64url') : await readStdin();
      await app
        .get(CreateUser)
        .execute(
          { municipalityId: municipality.id },
          { username, displayName: username, password, roles: [{ role: Role.Admin }] },
        );
      console.log(`created admin ${username} in ${slug}`);
      if (generated) console.log(`password (shown once): ${password}`);
      return 0;
    }
    case 'archive:export':
      return archiveExport(flags, app);
    case 'files:verify':
      return filesVerify(app);
    default:
      console.error(`Unknown command ${command}\n${USAGE}`);
      return 2;
  }
}

async function filesVerify(app: INestApplicationContext): Promise<number> {
  const check = await app.get(VerifyFiles).run(({ kind, source, file, found }) => {
    const where = `${source}#${file.id} (municipality ${file.municipalityId}, ${file.filename})`;
    console.log(
      kind === 'missing'
        ? `missing  ${where}: no bytes for ${file.sha256}`
        : `corrupt  ${where}: the bytes' SHA-256 is ${found}, not ${file.sha256}`,
    );
  });
  const count = (kind: string) => check.problems.filter((problem) => problem.kind === kind).length;
  console.log(
    `files:verify: ${check.checked} checked, ${count('missing')} missing, ${count('corrupt')} corrupt`,
  );
  return check.problems.length === 0 ? 0 : 1;
}

/** `<positional> --name value …` */
function options(flags: string[]): { positional: string[]; named: Map<string, string> } {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (let index = 0; index < flags.length; index += 1) {
    const flag = flags[index];
    if (!flag.startsWith('--')) positional.push(flag);
    else named.set(flag.slice(2), flags[(index += 1)] ?? '');
  }
  return { positional, named };
}

async function archiveExport(flags: string[], app: INestApplicationContext): Promise<number> {
  const { positional, named } = options(flags);
  const [slug] = positional;
  const out = named.get('out');
  if (!slug || !out)
    throw new Error(`archive:export needs <municipality-slug> --out <file>\n${USAGE}`);
  const closedBefore = named.get('closed-before');
  if (closedBefore !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(closedBefore))
    throw new Error(`--closed-before takes a date (YYYY-MM-DD), not ${closedBefore}`);
  const years = named.get('years')?.match(/^(\d{4})(?:-(\d{4}))?$/);
  if (named.has('years') && !years) throw new Error('--years takes a year or <from>-<to>');
  const municipality = await app.get(Municipalities).getBySlug(slug);
  const tenant = { municipalityId: municipality.id };
  const delivery = await app.get(ArchiveDeliveries).forFile(
    tenant,
    {
      closedBefore,
      classificationCode: named.get('classification'),
      seriesId: named.has('series') ? Number(named.get('series')) : undefined,
      yearFrom: years ? Number(years[1]) : undefined,
      yearTo: years ? Number(years[2] ?? years[1]) : undefined,
    },
    resolve(out),
  );
  console.error(
    `archive: delivery ${delivery.id} (${delivery.packageId}) to ${delivery.outputPath}` +
      (delivery.attempts > 0 ? `, taken up again (attempt ${delivery.attempts + 1})` : ''),
  );
  const outcome = await app.get(ExportDelivery).run(tenant, delivery.id, (progress) => {
    console.error(
      `archive: ${progress.casesDone}/${progress.casesTotal} cases, ${progress.filesDone} files, ${(progress.bytesWritten / 1e6).toFixed(1)} MB, rss ${Math.round(process.memoryUsage.rss() / 1e6)} MB`,
    );
  });
  const done = outcome.delivery;
  if (outcome.status === 'busy') {
    console.error(`archive: delivery ${done.id} is being written by ${done.leaseOwner}`);
    return 1;
  }
  console.log(
    `delivered ${done.packageId}: ${done.casesDone} cases, ${done.filesDone} files, ${done.packageBytes} bytes, sha256 ${done.packageSha256}, receipt ${done.id} → ${done.outputPath}`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
