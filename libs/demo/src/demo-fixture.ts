// A copy of shared/fixtures, inside the repo so that builds and images carry it.
import kalix from '../fixtures/kalix-ks-2023-12-11.json';
import luleaPlan2024 from '../fixtures/lulea-ks-plan-2024.json';
import luleaPlan2025 from '../fixtures/lulea-ks-plan-2025.json';

/** The Kalix KS meeting of 11 December 2023, transcribed. */
export type KalixFixture = typeof kalix;

export function loadKalixFixture(): KalixFixture {
  return structuredClone(kalix);
}

/** Luleå KS's 2024 plan as reconstructed from its årsuppföljning, with the report's figures. */
export type LuleaPlan2024 = typeof luleaPlan2024;
/** Luleå KS's verksamhetsplan 2025, transcribed. */
export type LuleaPlan2025 = typeof luleaPlan2025;

export function loadLuleaFixtures(): { plan2024: LuleaPlan2024; plan2025: LuleaPlan2025 } {
  return { plan2024: structuredClone(luleaPlan2024), plan2025: structuredClone(luleaPlan2025) };
}
