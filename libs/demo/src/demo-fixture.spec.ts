import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKalixFixture, loadLuleaFixtures } from './demo-fixture';

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

describe(loadLuleaFixtures.name, () => {
  it("transcribes the 2025 plan's tables so that they sum to its printed totals", () => {
    const { plan2025 } = loadLuleaFixtures();
    const sum = (values: Array<number | null>) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
    expect(sum(plan2025.drift.rows.map((row) => row.budget2025))).toBe(
      plan2025.printedTotals.drift.budget2025,
    );
    // The October figures round to the plan's Resultat row (which it prints in whole tkr).
    expect(
      Math.abs(
        sum(plan2025.drift.rows.map((row) => row.outcome2024M10)) -
          plan2025.printedTotals.drift.outcome2024M10,
      ),
    ).toBeLessThanOrEqual(2);
    expect(sum(plan2025.investering.rows.map((row) => row.budget2025))).toBe(
      plan2025.printedTotals.investering.budget2025,
    );
    // Every goal under one of KF's prioriterade områden; every indicator and assignment under a goal.
    const areas = new Set(plan2025.areas.map((area) => area.key));
    const goals = new Set(plan2025.goals.map((goal) => goal.key));
    expect(plan2025.goals.every((goal) => areas.has(goal.areaKey))).toBe(true);
    expect(plan2025.indicators.every((i) => i.goalKeys.every((key) => goals.has(key)))).toBe(true);
    expect(plan2025.assignments.every((a) => goals.has(a.goalKey))).toBe(true);
    expect(plan2025.goals).toHaveLength(10);
    expect(plan2025.indicators).toHaveLength(14);
  });
});
