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

  it('reads Redis Sentinel and Redis Cluster nodes, and refuses both at once or a cluster db', () => {
    expect(loadConfig({}).redis).toMatchObject({ sentinel: null, cluster: null });
    expect(
      loadConfig({
        REDIS_SENTINELS: '10.0.0.1:26379,sentinel-b:26380',
        REDIS_SENTINEL_NAME: 'nf-primary',
      }).redis.sentinel,
    ).toEqual({
      nodes: [
        { host: '10.0.0.1', port: 26379 },
        { host: 'sentinel-b', port: 26380 },
      ],
      name: 'nf-primary',
      password: undefined,
    });
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'a:7000,b:7001' }).redis.cluster).toEqual([
      { host: 'a', port: 7000 },
      { host: 'b', port: 7001 },
    ]);
    expect(() => loadConfig({ REDIS_SENTINELS: 'a:1', REDIS_CLUSTER_NODES: 'b:2' })).toThrow(
      /set one of them, not both/,
    );
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: 'b:2', REDIS_DB: '3' })).toThrow(
      /Redis Cluster has database 0 only/,
    );
    expect(() => loadConfig({ REDIS_SENTINELS: 'a, b' })).toThrow(/REDIS_SENTINELS="a, b"/);
  });

  it('refuses a short operator token', () => {
    expect(() => loadConfig({ APP_ADMIN_TOKEN: 'short' })).toThrow(/APP_ADMIN_TOKEN/);
  });
});
