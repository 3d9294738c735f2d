import { createLeastPrivilegeUsers } from '@nf/database';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { seedTenant } from '../support/identity';
import { resetServices } from '../support/services';
import { jestWorkerId, testConfig } from '../support/test-config';

describe('Least privilege: the apps run as a user that cannot change the schema or the audit log', () => {
  const root = testConfig({ APP_DEMO: 'true' });
  const app = { user: `nf_app_w${jestWorkerId()}`, password: randomBytes(12).toString('hex') };
  const migration = {
    user: `nf_mig_w${jestWorkerId()}`,
    password: randomBytes(12).toString('hex'),
  };
  let api: ApiHarness;

  const asRoot = async (sql: string) => {
    const connection = await createConnection({
      host: root.db.host,
      port: root.db.port,
      user: root.db.user,
      password: root.db.password,
    });
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  };

  beforeAll(async () => {
    await resetServices(root);
    for (const account of [app, migration])
      await asRoot(`DROP USER IF EXISTS '${account.user}'@'%'`);
    await createLeastPrivilegeUsers(root, app, migration);
    // The api as docker-compose runs it: its pool as the app's user, migrations as their own.
    api = await startApi(
      testConfig({
        APP_DEMO: 'true',
        DB_USER: app.user,
        DB_PASSWORD: app.password,
        DB_MIGRATION_USER: migration.user,
        DB_MIGRATION_PASSWORD: migration.password,
      }),
      { demoOnStart: false },
    );
  });

  afterAll(async () => {
    await api?.close();
    for (const account of [app, migration])
      await asRoot(`DROP USER IF EXISTS '${account.user}'@'%'`);
  });

  it('migrates as the migrations’ user and serves the demo as the app’s user', async () => {
    const [{ user }] = await api.dataSource.query('SELECT CURRENT_USER() AS user');
    expect(user).toBe(`${app.user}@%`);
    const [{ n }] = await api.dataSource.query('SELECT COUNT(*) AS n FROM schema_migrations');
    expect(Number(n)).toBeGreaterThan(10);
    const kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    await request(api.app.getHttpServer())
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${kalix.tokens.registrator}`)
      .send({ title: 'Ärende registrerat av appens användare' })
      .expect(201);
  });

  it('cannot truncate, drop, alter or unguard the audit log, nor change its rows', async () => {
    const [{ n: before }] = await api.dataSource.query('SELECT COUNT(*) AS n FROM audit_log');
    expect(Number(before)).toBeGreaterThan(0);
    const refused = async (sql: string) =>
      api.dataSource.query(sql).then(
        () => 'allowed',
        (error: { driverError?: { errno?: number }; errno?: number }) =>
          error.driverError?.errno ?? error.errno,
      );
    // 1142: the command is denied to the user; 1644: the append-only trigger's refusal.
    expect({
      truncate: await refused('TRUNCATE TABLE audit_log'),
      drop: await refused('DROP TABLE audit_log'),
      alter: await refused('ALTER TABLE audit_log ADD COLUMN x INT'),
      dropTrigger: await refused('DROP TRIGGER audit_log_no_delete'),
      createTable: await refused('CREATE TABLE scratch (id INT)'),
      update: await refused("UPDATE audit_log SET action = 'x'"),
      delete: await refused('DELETE FROM audit_log'),
    }).toEqual({
      truncate: 1142,
      drop: 1142,
      alter: 1142,
      dropTrigger: 1142,
      createTable: 1142,
      update: 1644,
      delete: 1644,
    });
    const [{ n: after }] = await api.dataSource.query('SELECT COUNT(*) AS n FROM audit_log');
    expect(Number(after)).toBe(Number(before));
  });
});
