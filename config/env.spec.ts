import { ConfigError, loadConfig } from './index';

describe('loadConfig', () => {
  it('applies defaults that fit the local services', () => {
    const sut = loadConfig({});
    expect(sut.db).toMatchObject({
      host: '127.0.0.1',
      port: 3306,
      user: 'root',
      password: '',
      name: 'namndflode',
    });
    expect(sut.redis).toMatchObject({ host: '127.0.0.1', port: 6379, prefix: '{nf}' });
    expect(sut.app.demo).toBe(false);
  });

  it('converts numbers and booleans from strings', () => {
    const sut = loadConfig({ APP_PORT: '8080', APP_DEMO: 'true', REDIS_DB: '3' });
    expect(sut.app.port).toBe(8080);
    expect(sut.app.demo).toBe(true);
    expect(sut.redis.db).toBe(3);
  });

  it('names every bad variable and refuses to start', () => {
    let caught: unknown;
    try {
      loadConfig({
        APP_PORT: 'eighty',
        DB_NAME: 'bad-name;',
        REDIS_PREFIX: 'nf',
        APP_DEMOO: 'true',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toContain('APP_PORT="eighty"');
    expect(problems).toContain('DB_NAME="bad-name;"');
    expect(problems).toContain('REDIS_PREFIX="nf"');
    expect(problems).toContain('APP_DEMOO: not a variable this system reads');
  });

  it('ignores variables that belong to other programs', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root', NODE_ENV: 'x' }).app.env).toBe(
      'development',
    );
  });

  it('refuses a short operator token', () => {
    expect(() => loadConfig({ APP_ADMIN_TOKEN: 'short' })).toThrow(/APP_ADMIN_TOKEN/);
  });
});
