import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPerson, type RunningSystem, startSystem } from './browser';
import { KalixSeed } from './browser-seed';

export interface BrowserSuite {
  system: RunningSystem;
  browser: Browser;
  seed: KalixSeed;
  /** A page in a browser context of its own: another person at another computer. */
  person(): Promise<Page>;
}

/**
 * The system (api and worker with the Kalix demo) and Chromium, started before a file's tests and
 * stopped after them; `setUp` runs once both are up.
 */
export function browserSuite(setUp?: (suite: BrowserSuite) => Promise<void>): BrowserSuite {
  const suite = {
    person: async () => (await newPerson(suite.browser, suite.system.baseUrl)).newPage(),
  } as BrowserSuite;
  beforeAll(async () => {
    suite.system = await startSystem();
    suite.browser = await launchChromium();
    suite.seed = new KalixSeed(suite.system.baseUrl);
    await setUp?.(suite);
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.system?.stop();
    // What the api and the worker logged, kept for a failure to be read after the run.
    if (suite.system) {
      const dir = join(tmpdir(), 'nf-browser-logs');
      const name = basename(expect.getState().testPath ?? 'suite', '.browser-spec.ts');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}-api.log`), suite.system.api.output());
      writeFileSync(join(dir, `${name}-worker.log`), suite.system.worker.output());
    }
  });
  return suite;
}
