import { scanSource, type Schema } from '../support/sql-boundary';

/** The scanner itself, on planted sources: each rule it enforces must be able to fail. */
const schema: Schema = {
  owners: { cases: 'registry', route_steps: 'workflow', dnr_counters: 'registry' },
  tenantTables: new Set(['cases', 'route_steps']),
  entities: new Map([
    ['Case', 'cases'],
    ['RouteStep', 'route_steps'],
  ]),
};

function scan(library: string, body: string) {
  return scanSource(library, `libs/${library}/src/planted.ts`, body, schema).map(
    ({ problem, table, line }) => `${problem} ${table} ${line}`,
  );
}

describe('the SQL boundary scanner', () => {
  it('finds a planted cross-context query in SQL, with its line', () => {
    const planted = `export async function f(tx) {
      await tx.query('UPDATE route_steps SET state = ? WHERE id = ? AND municipality_id = ?', []);
    }`;
    expect(scan('meetings', planted)).toEqual(['foreign-table route_steps 2']);
    expect(scan('workflow', planted)).toEqual([]);
  });

  it('reads template literals and joins, and finds every table of a query', () => {
    const planted = `const sql = \`SELECT c.dnr FROM cases c
      JOIN route_steps s ON s.case_id = c.id WHERE c.municipality_id = \${tenant}\`;`;
    expect(scan('followups', planted)).toEqual([
      'foreign-table cases 1',
      'foreign-table route_steps 1',
    ]);
  });

  it('finds an entity class of another context in a repository or query builder call', () => {
    const planted = `class X {
      a() { return this.manager.findOne(RouteStep, { where: { id, municipalityId } }); }
      b() { return this.manager.createQueryBuilder(Case, 'c').where('c.municipalityId = :m'); }
      c() { return this.dataSource.getRepository(Case); }
    }`;
    expect(scan('meetings', planted)).toEqual([
      'foreign-table route_steps 2',
      'foreign-table cases 3',
      'foreign-table cases 4',
    ]);
  });

  it('finds a tenant table queried without municipality_id, in SQL and through TypeORM', () => {
    const planted = `class X {
      a() { return tx.query('SELECT dnr FROM cases WHERE id = ?', [id]); }
      b() { return tx.findOne(Case, { where: { id } }); }
      c() { return tx.update(Case, { id }, { title }); }
      d() { return tx.query('SELECT dnr FROM cases WHERE id = ? AND municipality_id = ?', [id, m]); }
      e() { return tx.findOne(Case, { where: { id, municipalityId: tenant.municipalityId } }); }
      f() { return tx.query('INSERT INTO cases (municipality_id, dnr) VALUES (?, ?)', [m, dnr]); }
      g() { return tx.query('SELECT next_serial FROM dnr_counters WHERE series_id = ?', [s]); }
      h() { const scope = { id, municipalityId: m }; return tx.find(Case, { where: scope }); }
      i() { const scope = { id }; return tx.find(Case, { where: scope }); }
    }`;
    expect(scan('registry', planted)).toEqual([
      'no-tenant-condition cases 2',
      'no-tenant-condition cases 3',
      'no-tenant-condition cases 4',
      'no-tenant-condition cases 10',
    ]);
  });

  it('finds a table that is in no one’s list', () => {
    expect(
      scan('registry', `tx.query('SELECT * FROM secret_stuff WHERE municipality_id = ?')`),
    ).toEqual(['unknown-table secret_stuff 1']);
  });

  it('takes ON DUPLICATE KEY UPDATE for the column it is, and English prose for no query', () => {
    const planted = `tx.query('INSERT INTO dnr_counters (series_id, year) VALUES (?, ?) ON DUPLICATE KEY UPDATE next_serial = 1');
      const text = 'Select from the list, update the record into the register';`;
    expect(scan('registry', planted)).toEqual([]);
  });
});
