// A copy of shared/fixtures, inside the repo so that builds and images carry it.
import kalix from '../fixtures/kalix-ks-2023-12-11.json';

/** The Kalix KS meeting of 11 December 2023, transcribed. */
export type KalixFixture = typeof kalix;

export function loadKalixFixture(): KalixFixture {
  return structuredClone(kalix);
}
