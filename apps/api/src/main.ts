import 'reflect-metadata';
import { ConfigError, loadConfig } from '@nf/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.app.port);
}

main().catch((error: unknown) => {
  // Before the logger exists (bad configuration) this is the only place to say why.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
