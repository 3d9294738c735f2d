import type { Browser } from 'playwright-core';
import { launchChromium, newPerson, RunningSystem, screenshot, seriousViolations, signIn, startSystem } from '../support/browser';

describe('smoke', () => {
  let system: RunningSystem;
  let browser: Browser;
  beforeAll(async () => {
    system = await startSystem();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('signs in', async () => {
    const context = await newPerson(browser, system.baseUrl);
    const page = await context.newPage();
    page.on('console', (m) => console.log('console', m.type(), m.text()));
    await signIn(page, 'sekreterare');
    await page.waitForTimeout(1500);
    await screenshot(page, 'start-page');
    console.log(JSON.stringify(await seriousViolations(page), null, 1));
  });
});
