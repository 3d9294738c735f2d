import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { loadConfig } from '@nf/config';
import { writeFileSync } from 'node:fs';
import { ApiModule } from './api.module';
import { openApiDocument } from './openapi-document';

/**
 * Writes the api's OpenAPI document without a running server: the application is created in
 * preview mode, which reads the controllers' metadata and instantiates nothing (no database, no
 * Redis). `node dist/apps/api/src/openapi.js <file>`.
 */
async function main(target: string): Promise<void> {
  const config = loadConfig(undefined, { APP_RUN_MIGRATIONS: 'false' });
  const app = await NestFactory.create(ApiModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  writeFileSync(target, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
  await app.close();
}

main(process.argv[2] ?? 'openapi.json').catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
