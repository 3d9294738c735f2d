import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createRootLogger, PinoNestLogger } from '@nf/common';
import { ConfigError, loadConfig } from '@nf/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger({
    level: config.app.logLevel,
    app: 'worker',
    format: config.app.logFormat,
  });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  // SIGTERM/SIGINT close the BullMQ workers (finishing running jobs) and the outbox loops.
  app.enableShutdownHooks();
  await app.init();
  logger.info('Worker started');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
