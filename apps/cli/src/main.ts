import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createRootLogger, PinoNestLogger } from '@nf/common';
import { ConfigError, loadConfig } from '@nf/config';
import { dropDatabase, revertLastMigrationLocked, runMigrationsLocked } from '@nf/database';
import { DemoSeeder } from '@nf/demo';
import { DataSource } from 'typeorm';
import { CliModule } from './cli.module';

const USAGE = `Usage: node dist/apps/cli/src/main.js <command>
  migration:run      apply pending migrations
  migration:revert   revert the last applied migration
  migration:show     list migrations and whether each is applied
  demo [--reset]     load the demo municipality (--reset drops the database first)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  if (!command || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig(undefined, { APP_RUN_MIGRATIONS: 'false' });
  if (command === 'demo' && flags.includes('--reset')) {
    if (config.app.env === 'production')
      throw new Error('demo --reset refuses to run in production');
    await dropDatabase(config);
  }
  const logger = createRootLogger({ level: config.app.logLevel, app: 'cli' });
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  try {
    const dataSource = app.get(DataSource);
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
        await runMigrationsLocked(dataSource);
        const result = await app.get(DemoSeeder).seed();
        console.log(
          result.created
            ? `demo loaded: ${result.municipality}`
            : `demo already present: ${result.municipality}`,
        );
        return 0;
      }
      default:
        console.error(`Unknown command ${command}\n${USAGE}`);
        return 2;
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
