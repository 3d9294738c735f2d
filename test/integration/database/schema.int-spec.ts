import { Test } from '@nestjs/testing';
import { AuditLog, AuditModule } from '@nf/audit';
import { CommonModule, RequestContexts } from '@nf/common';
import { ConfigModule } from '@nf/config';
import {
  DatabaseModule,
  MIGRATIONS,
  revertLastMigrationLocked,
  runMigrationsLocked,
  TransactionRunner,
  withMigrationLock,
} from '@nf/database';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { resetServices } from '../../support/services';
import { testConfig } from '../../support/test-config';

describe('Database schema', () => {
  const config = testConfig();
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    await resetServices(config);
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), CommonModule, DatabaseModule.forRoot(), AuditModule],
    }).compile();
    app = await moduleRef.init();
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('creates the database with a Swedish collation and applies every migration at start', async () => {
    const [database] = await dataSource.query(
      'SELECT DEFAULT_COLLATION_NAME AS collation FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [config.db.name],
    );
    expect(database.collation).toBe('utf8mb4_swedish_ci');
    const applied = await dataSource.query('SELECT name FROM schema_migrations ORDER BY id');
    expect(applied.map((row: { name: string }) => row.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('sorts Swedish names the Swedish way (å, ä, ö after z)', async () => {
    const rows = await dataSource.query(
      `SELECT name FROM (SELECT 'Örebro' AS name UNION SELECT 'Åre' UNION SELECT 'Ängelholm' UNION SELECT 'Zinkgruvan' UNION SELECT 'Arjeplog') AS names
        ORDER BY name COLLATE utf8mb4_swedish_ci`,
    );
    expect(rows.map((row: { name: string }) => row.name)).toEqual([
      'Arjeplog',
      'Zinkgruvan',
      'Åre',
      'Ängelholm',
      'Örebro',
    ]);
  });

  it('runs two migrators at once without both migrating (the lease row)', async () => {
    const results = await Promise.all([
      runMigrationsLocked(dataSource),
      runMigrationsLocked(dataSource),
    ]);
    expect(results.map((applied) => applied.length)).toEqual([0, 0]);
    // One at a time: each holder's time inside ends before the next one's begins.
    const spans: Array<[number, number]> = [];
    await Promise.all(
      [1, 2, 3].map(() =>
        withMigrationLock(dataSource, async () => {
          const start = Date.now();
          await new Promise((resolve) => setTimeout(resolve, 150));
          spans.push([start, Date.now()]);
        }),
      ),
    );
    spans.sort((a, b) => a[0] - b[0]);
    expect(spans).toHaveLength(3);
    expect(spans[1][0]).toBeGreaterThanOrEqual(spans[0][1]);
    expect(spans[2][0]).toBeGreaterThanOrEqual(spans[1][1]);
    expect(await dataSource.query('SELECT * FROM schema_locks')).toEqual([]);
  });

  it('takes over a lease whose holder died (run out), and waits for a live one', async () => {
    await dataSource.query(
      `INSERT INTO schema_locks (name, owner, expires_at)
       VALUES ('namndflode.migrations', 'dead-host:1:x', NOW(3) - INTERVAL 1 SECOND)`,
    );
    expect(await withMigrationLock(dataSource, async () => 'taken over')).toBe('taken over');
    await dataSource.query(
      `INSERT INTO schema_locks (name, owner, expires_at)
       VALUES ('namndflode.migrations', 'live-host:1:x', NOW(3) + INTERVAL 1 SECOND)`,
    );
    const started = Date.now();
    await withMigrationLock(dataSource, async () => undefined);
    // It waited for the live lease to run out (it is not renewed: its holder is gone).
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(await dataSource.query('SELECT * FROM schema_locks')).toEqual([]);
  });

  it('reverts and reapplies every migration (each has a working down())', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await revertLastMigrationLocked(dataSource);
    const tables = await dataSource.query(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME NOT IN ('schema_migrations', 'schema_locks')`,
      [config.db.name],
    );
    expect(tables).toEqual([]);
    const reapplied = await runMigrationsLocked(dataSource);
    expect(reapplied).toHaveLength(MIGRATIONS.length);
  });

  describe('audit log', () => {
    const record = () =>
      RequestContexts.run(
        { requestId: 'req-audit-1', actor: { type: 'operator', id: 'operator' } },
        () =>
          app.get(TransactionRunner).run((manager) =>
            app.get(AuditLog).record(manager, {
              action: 'thing.changed',
              entityType: 'thing',
              entityId: 7,
              before: { name: 'före' },
              after: { name: 'efter' },
            }),
          ),
      );

    it('records who, what, when and the request in the transaction of the change', async () => {
      await record();
      const [entry] = await dataSource.query('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1');
      expect(entry).toMatchObject({
        actor_type: 'operator',
        actor_id: 'operator',
        action: 'thing.changed',
        entity_type: 'thing',
        entity_id: '7',
        request_id: 'req-audit-1',
      });
      expect(entry.before_state).toEqual({ name: 'före' });
      expect(entry.after_state).toEqual({ name: 'efter' });
    });

    it('is rolled back with the change it records', async () => {
      const before = Number((await dataSource.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n);
      await expect(
        app.get(TransactionRunner).run(async (manager) => {
          await app.get(AuditLog).record(manager, { action: 'thing.changed', entityType: 'thing' });
          throw new Error('change failed');
        }),
      ).rejects.toThrow('change failed');
      expect(Number((await dataSource.query('SELECT COUNT(*) AS n FROM audit_log'))[0].n)).toBe(
        before,
      );
    });

    it('refuses UPDATE and DELETE of its rows, whoever sends them', async () => {
      await record();
      await expect(dataSource.query(`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(
        /append-only/,
      );
      await expect(dataSource.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      const actions = await dataSource.query(
        `SELECT COUNT(*) AS n FROM audit_log WHERE action = 'forged'`,
      );
      expect(Number(actions[0].n)).toBe(0);
    });
  });
});
