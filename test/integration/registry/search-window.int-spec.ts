import { INestApplicationContext } from '@nestjs/common';
import { Tenant } from '@nf/common';
import { CaseQueries } from '@nf/registry';
import { DataSource } from 'typeorm';
import { createTenant, startRegistry } from '../../support/registry-harness';
import { resetServices } from '../../support/services';
import { testConfig } from '../../support/test-config';

/**
 * The registry search reads a municipality's newest cases directly, along the primary key where
 * its cases are most of the recent ids and along its (municipality, id) index where many
 * municipalities' cases interleave (issue 25). Both ways give the same pages as the plain answer.
 */
describe('Registry search among other municipalities’ cases', () => {
  const config = testConfig();
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let alone: Tenant & { seriesId: number };
  let among: Tenant & { seriesId: number };

  const TOPICS = ['förskola', 'bredband', 'hamnen', 'simhall', 'turism'];

  /** `count` cases of each municipality, bulk-inserted, their ids interleaved in the given order. */
  async function fill(tenants: Array<Tenant & { seriesId: number }>, count: number): Promise<void> {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let index = 0; index < count; index++) {
      for (const [slot, tenant] of tenants.entries()) {
        const serial = index + 1;
        rows.push(`(?, ?, 2025, ?, ?, 0, ?, 'open', NOW(3), NOW(3), NOW(3), 1)`);
        values.push(
          tenant.municipalityId,
          tenant.seriesId,
          serial,
          `2025-${String(serial).padStart(5, '0')}`,
          `Ärende ${serial} om ${TOPICS[(index + slot) % TOPICS.length]}${serial % 97 === 0 ? ' och skyddsrum' : ''}`,
        );
      }
    }
    for (let start = 0; start < rows.length; start += 1000) {
      await dataSource.query(
        `INSERT INTO cases (municipality_id, series_id, year, serial, dnr, imported, title, status,
                            registered_at, created_at, updated_at, version)
         VALUES ${rows.slice(start, start + 1000).join(', ')}`,
        values.slice(start * 5, (start + 1000) * 5),
      );
    }
  }

  /** The plain answer: the municipality's cases whose title has the word, newest first. */
  const expected = async (tenant: Tenant, word: string, below = Number.MAX_SAFE_INTEGER) =>
    (
      (await dataSource.query(
        `SELECT id FROM cases WHERE municipality_id = ? AND title LIKE ? AND id < ?
          ORDER BY id DESC LIMIT 50`,
        [tenant.municipalityId, `%${word}%`, below],
      )) as Array<{ id: number | string }>
    ).map((row) => Number(row.id));

  beforeAll(async () => {
    await resetServices(config);
    app = await startRegistry(config);
    dataSource = app.get(DataSource);
    alone = await createTenant(app, 'ensam');
    among = await createTenant(app, 'bland');
    const others = [await createTenant(app, 'annan-a'), await createTenant(app, 'annan-b')];
    // One municipality's 1,500 cases together; then another's 1,500, one in three ids among two
    // others'.
    await fill([alone], 1500);
    await fill([among, ...others], 1500);
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['together', () => alone],
    ['interleaved with others', () => among],
  ])('finds the same pages as the plain answer, its cases %s', async (_, tenantOf) => {
    const tenant = tenantOf();
    const queries = app.get(CaseQueries);
    const options = { seesSecrets: true, timeZone: 'Europe/Stockholm' };
    for (const word of ['förskola', 'skyddsrum']) {
      const first = await queries.search(tenant, { q: word, limit: 50 }, options);
      expect(first.cases.map((found) => found.id)).toEqual(await expected(tenant, word));
      expect(first.cases.every((found) => found.municipalityId === tenant.municipalityId)).toBe(
        true,
      );
      if (first.next !== null) {
        const second = await queries.search(
          tenant,
          { q: word, limit: 50, after: first.next },
          options,
        );
        expect(second.cases.map((found) => found.id)).toEqual(
          await expected(tenant, word, first.next),
        );
      }
    }
    // Without words, by status: the same as the plain answer too.
    const open = await queries.search(tenant, { status: 'open', limit: 50 }, options);
    expect(open.cases.map((found) => found.id)).toEqual(await expected(tenant, ''));
  });
});
