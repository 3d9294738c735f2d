import 'reflect-metadata';
import { ConfigError, loadConfig } from '@nf/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  // Every interface, IPv6 and IPv4, as Node listens by default (Fastify alone would take only
  // localhost); IPv4 alone where the host has no IPv6.
  await app.listen(config.app.port, '::').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EAFNOSUPPORT' && error.code !== 'EADDRNOTAVAIL') throw error;
    return app.listen(config.app.port, '0.0.0.0');
  });
}

main().catch((error: unknown) => {
  // Before the logger exists (bad configuration) this is the only place to say why.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
