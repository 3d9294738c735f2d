import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment } from './env';

describe('.env.example', () => {
  it('documents every variable the system reads, and no other', () => {
    const documented = readFileSync(join(__dirname, '..', '.env.example'), 'utf8')
      .split('\n')
      .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined)
      .sort();
    const read = [
      ...Object.keys(new Environment()),
      'APP_ADMIN_TOKEN',
      'APP_PUBLIC_URL',
      'REDIS_PASSWORD',
      'REDIS_SENTINEL_PASSWORD',
      'DB_MIGRATION_USER',
      'DB_APP_USER',
    ];
    expect(documented).toEqual([...new Set(read)].sort());
  });
});
