import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKalixFixture } from './demo-fixture';

const SHARED = join(__dirname, '..', '..', '..', '..', 'shared', 'fixtures');

describe(loadKalixFixture.name, () => {
  it('loads the Kalix meeting with its organs and 19-item agenda', () => {
    const fixture = loadKalixFixture();
    expect(fixture.municipality.name).toBe('Kalix kommun');
    expect(fixture.organs.map((organ) => organ.code)).toEqual(['KF', 'KS', 'KSAPU']);
    expect(fixture.meeting.agenda).toHaveLength(19);
  });

  it('is the same as the shared fixtures it was copied from (where shared/ is beside the repo)', () => {
    for (const file of ['kalix-ks-2023-12-11.json', 'lulea-ks-arsuppfoljning-2024.json']) {
      const shared = join(SHARED, file);
      const copy = readFileSync(join(__dirname, '..', 'fixtures', file), 'utf8');
      // CI and every developer have shared/ beside the repo; a bare clone elsewhere checks the copy only.
      const expected = existsSync(shared) ? readFileSync(shared, 'utf8') : copy;
      expect(JSON.parse(copy)).toEqual(JSON.parse(expected));
    }
  });
});
