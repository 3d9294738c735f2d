import { INestApplicationContext } from '@nestjs/common';
import { FixedClock } from '@nf/common';
import { CreateDnrSeries, ImportCase, RegisterCase } from '@nf/registry';
import { DataSource } from 'typeorm';
import { createTenant, startRegistry } from '../../support/registry-harness';
import { resetServices } from '../../support/services';
import { testConfig } from '../../support/test-config';

describe('Diary number allocation', () => {
  const config = testConfig({ DB_POOL_SIZE: '40' });
  const clock = new FixedClock('2024-05-06T10:00:00Z');
  let app: INestApplicationContext;
  let dataSource: DataSource;

  const serials = async (seriesId: number, year: number): Promise<number[]> =>
    (
      await dataSource.query(
        'SELECT serial FROM cases WHERE series_id = ? AND year = ? ORDER BY serial',
        [seriesId, year],
      )
    ).map((row: { serial: number }) => Number(row.serial));

  beforeAll(async () => {
    await resetServices(config);
    app = await startRegistry(config, clock);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('gives 64 concurrent registrations, a tenth of them rolled back, the serials 1..N with no gap or duplicate', async () => {
    const tenant = await createTenant(app, 'gapless');
    const register = app.get(RegisterCase);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 64 }, (_, i) =>
        register.execute(
          tenant,
          null,
          { title: `Ärende nummer ${i}` },
          {
            beforeCommit: async () => {
              if (i % 10 === 0) throw new Error(`registration ${i} rolled back on purpose`);
            },
          },
        ),
      ),
    );
    const committed = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(committed).toHaveLength(64 - 7);
    const expected = Array.from({ length: committed.length }, (_, i) => i + 1);
    expect(await serials(tenant.seriesId, 2024)).toEqual(expected);
    const dnrs = committed
      .map((outcome) => (outcome as PromiseFulfilledResult<{ dnr: string }>).value.dnr)
      .sort();
    expect(dnrs).toEqual(expected.map((serial) => `2024-${String(serial).padStart(5, '0')}`));
    const [counter] = await dataSource.query(
      'SELECT next_serial FROM dnr_counters WHERE series_id = ? AND year = 2024',
      [tenant.seriesId],
    );
    expect(Number(counter.next_serial)).toBe(committed.length + 1);
  });

  it('keeps two series of one municipality and two municipalities apart', async () => {
    const a = await createTenant(app, 'kommun-a');
    const b = await createTenant(app, 'kommun-b', 'KS {year}/{serial}');
    const second = await app
      .get(CreateDnrSeries)
      .execute(a, { code: 'SBN', name: 'Samhällsbyggnad', format: 'SBN-{year}-{serial:3}' });
    const register = app.get(RegisterCase);
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => register.execute(a, null, { title: `A ${i}` })),
      ...Array.from({ length: 6 }, (_, i) =>
        register.execute(a, null, { title: `A SBN ${i}`, seriesId: second.id }),
      ),
      ...Array.from({ length: 8 }, (_, i) => register.execute(b, null, { title: `B ${i}` })),
    ]);
    expect(await serials(a.seriesId, 2024)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await serials(second.id, 2024)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await serials(b.seriesId, 2024)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const printed = await dataSource.query(
      'SELECT dnr FROM cases WHERE series_id IN (?, ?) AND serial = 1 ORDER BY dnr',
      [second.id, b.seriesId],
    );
    expect(printed.map((row: { dnr: string }) => row.dnr)).toEqual(['KS 2024/1', 'SBN-2024-001']);
  });

  it('puts 23:59:59.9 on New Year’s Eve in the old year and 00:00:00.1 on New Year’s Day in the new, local time', async () => {
    const tenant = await createTenant(app, 'nyar');
    const register = app.get(RegisterCase);
    try {
      clock.set('2024-12-31T22:59:59.900Z'); // 23:59:59.9 in Stockholm (UTC+1)
      const late = await register.execute(tenant, null, { title: 'Sent på nyårsafton' });
      clock.set('2024-12-31T23:00:00.100Z'); // 00:00:00.1 on 1 January 2025 in Stockholm
      const early = await register.execute(tenant, null, { title: 'Tidigt på nyårsdagen' });
      expect([late.dnr, early.dnr]).toEqual(['2024-00001', '2025-00001']);
      expect([late.year, early.year]).toEqual([2024, 2025]);
    } finally {
      clock.set('2024-05-06T10:00:00Z');
    }
  });

  it('imports historical numbers without touching the counter, and never hands them out', async () => {
    const tenant = await createTenant(app, 'import');
    const register = app.get(RegisterCase);
    const importCase = app.get(ImportCase);
    await register.execute(tenant, null, { title: 'Första' });
    await importCase.execute(tenant, null, {
      dnr: '2024-00002',
      title: 'Importerat',
      registeredAt: new Date('2024-01-10T09:00:00Z'),
    });
    await importCase.execute(tenant, null, {
      dnr: '2024-00004',
      title: 'Importerat',
      registeredAt: new Date('2024-01-11T09:00:00Z'),
    });
    await importCase.execute(tenant, null, {
      dnr: '2018-00278',
      title: 'Aktiviteter för förbättrat näringslivsklimat',
      registeredAt: new Date('2018-05-02T08:00:00Z'),
    });
    const [before] = await dataSource.query(
      'SELECT next_serial FROM dnr_counters WHERE series_id = ? AND year = 2024',
      [tenant.seriesId],
    );
    expect(Number(before.next_serial)).toBe(2);
    expect(
      await dataSource.query('SELECT * FROM dnr_counters WHERE series_id = ? AND year = 2018', [
        tenant.seriesId,
      ]),
    ).toEqual([]);

    const next = await Promise.all(
      Array.from({ length: 4 }, (_, i) => register.execute(tenant, null, { title: `Nytt ${i}` })),
    );
    expect(next.map((record) => record.dnr).sort()).toEqual([
      '2024-00003',
      '2024-00005',
      '2024-00006',
      '2024-00007',
    ]);
    expect(await serials(tenant.seriesId, 2024)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const imported = await dataSource.query(
      'SELECT dnr FROM cases WHERE series_id = ? AND imported = 1 ORDER BY dnr',
      [tenant.seriesId],
    );
    expect(imported.map((row: { dnr: string }) => row.dnr)).toEqual([
      '2018-00278',
      '2024-00002',
      '2024-00004',
    ]);
  });

  it('refuses to import a number twice or one that does not fit the format', async () => {
    const tenant = await createTenant(app, 'dubbel');
    const importCase = app.get(ImportCase);
    const command = {
      dnr: '2023-00466',
      title: 'Budget',
      registeredAt: new Date('2023-11-01T09:00:00Z'),
    };
    await importCase.execute(tenant, null, command);
    await expect(importCase.execute(tenant, null, command)).rejects.toMatchObject({
      status: 409,
      code: 'dnr-taken',
    });
    await expect(
      importCase.execute(tenant, null, { ...command, dnr: 'KS 2023/466' }),
    ).rejects.toMatchObject({
      status: 422,
      code: 'validation-failed',
    });
    const [{ n }] = await dataSource.query(
      'SELECT COUNT(*) AS n FROM cases WHERE municipality_id = ?',
      [tenant.municipalityId],
    );
    expect(Number(n)).toBe(1);
  });
});
