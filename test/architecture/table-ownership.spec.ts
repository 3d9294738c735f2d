import { join } from 'node:path';
import { TABLE_OWNERS } from '@nf/database';
import {
  entityTables,
  findingKey,
  librarySources,
  scanSource,
  schemaFromMigrations,
} from '../support/sql-boundary';

const ROOT = join(__dirname, '..', '..');
const sources = librarySources(ROOT);
const schema = schemaFromMigrations(
  join(ROOT, 'libs', 'database', 'src', 'migrations'),
  TABLE_OWNERS,
  entityTables(sources),
);

describe('table ownership (SQL in a library names only its own tables)', () => {
  it('lists every table the migrations create, and only those', () => {
    expect(Object.keys(TABLE_OWNERS).sort()).toEqual([...new Set(schema.created)].sort());
  });

  it('takes for tenant tables those whose every row has a municipality', () => {
    expect(schema.tenantTables).toContain('cases');
    expect(schema.tenantTables).toContain('route_steps');
    expect(schema.tenantTables).not.toContain('outbox_messages');
    expect(schema.tenantTables).not.toContain('dnr_counters');
  });

  it('knows the table of every entity class, and each is in the map', () => {
    expect(schema.entities.size).toBeGreaterThanOrEqual(38);
    for (const table of schema.entities.values())
      expect(Object.keys(TABLE_OWNERS)).toContain(table);
  });

  it('finds no library naming a table it does not own, or a tenant table queried without municipality_id', () => {
    const found = sources.flatMap((source) =>
      scanSource(source.library, source.file, source.text, schema),
    );
    expect(
      found.map((finding) => `${finding.file}:${finding.line} ${findingKey(finding)}`),
    ).toEqual([]);
  });

  it('fails on a cross-context query planted in a real library', () => {
    const real = sources.find((source) => source.file.endsWith('meetings/src/meeting.queries.ts'))!;
    const planted = `${real.text}
export async function planted(tx: { query(sql: string, params: unknown[]): Promise<unknown> }) {
  await tx.query('UPDATE route_steps SET on_agenda_meeting_id = NULL WHERE municipality_id = ?', [1]);
}
`;
    expect(scanSource('meetings', real.file, real.text, schema)).toEqual([]);
    expect(
      scanSource('meetings', real.file, planted, schema).map(
        (finding) => `${finding.problem} ${finding.table}`,
      ),
    ).toEqual(['foreign-table route_steps']);
  });
});
