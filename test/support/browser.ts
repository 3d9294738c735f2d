import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type AppProcess, startProcess } from './processes';
import { resetServices } from './services';
import { jestWorkerId, testConfig } from './test-config';

const ROOT = join(__dirname, '..', '..');

/** Debian's Chromium unless CHROMIUM_PATH names another (Playwright cannot download its own here). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const DEMO_PASSWORD = 'demo';

/**
 * How long a page may wait for what the worker renders (a kallelse's PDF): the worker renders the
 * demo's backlog at the same time (20 at once on CI's two cores, beside Chromium), which has taken
 * more than 30 s there. A test that waits this long gets a longer timeout of its own.
 */
export const RENDERED_WITHIN_MS = 90_000;

/** Headless Chromium with the flags this machine needs (no sandbox as root, no background calls). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM_PATH}. The browser tests need it: install Debian's package ` +
        '(`apt-get update && apt-get install -y chromium chromium-l10n`; .ci/run does this) or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // A Swedish browser (with chromium-l10n): its own controls, a date field, read 2026-12-03.
    env: { ...process.env, LANG: 'sv_SE.UTF-8', LANGUAGE: 'sv' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      // Swedish in the browser's own controls too (a date field shows 2026-12-03).
      '--lang=sv-SE',
    ],
  });
}

export interface RunningSystem {
  baseUrl: string;
  api: AppProcess;
  worker: AppProcess;
  stop(): Promise<void>;
}

/**
 * The whole system as a user meets it: the built api (serving the built web app) and worker as
 * real processes on this Jest worker's fresh database and Redis, with the Kalix demo loaded.
 */
export async function startSystem(overrides: Record<string, string> = {}): Promise<RunningSystem> {
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
    throw new Error('dist/web is missing: run `npm run build` (npm test does) first');
  }
  await resetServices(testConfig());
  const port = String(3300 + jestWorkerId());
  const env = {
    APP_PORT: port,
    APP_DEMO: 'true',
    WEB_DIR: join(ROOT, 'dist', 'web'),
    ...overrides,
  };
  const api = await startProcess('api', env);
  const worker = await startProcess('worker', env).catch(async (error: unknown) => {
    await api.stop();
    throw error;
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    api,
    worker,
    async stop() {
      await Promise.all([api.stop(), worker.stop()]);
    },
  };
}

/** A browser context of its own (a person at their own computer), in Swedish and Stockholm time. */
export function newPerson(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    viewport: { width: 1280, height: 900 },
  });
}

/** Signs in through the sign-in page and waits for the start page. */
export async function signIn(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
  municipality = 'Kalix kommun',
): Promise<void> {
  await page.goto('/logga-in');
  await page.getByLabel('Kommun').selectOption({ label: municipality });
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mitt arbete' }).waitFor();
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** The serious and critical WCAG 2.1 A/AA violations axe finds on the page as it stands. */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** A screenshot for the README (docs/screenshots), made from what the test just checked. */
export async function screenshot(
  page: Page,
  name: string,
  options: { keepScroll?: boolean } = {},
): Promise<void> {
  const dir = join(ROOT, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  // From the top of the page, as a reader first meets it (unless the test scrolled to a part).
  if (!options.keepScroll) await page.mouse.wheel(0, -100_000);
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

/** An access token for a demo user, for what a test checks through the api beside the browser. */
export async function apiToken(
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
  municipality = 'kalix',
): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipality, username, password }),
  });
  if (!response.ok)
    throw new Error(`login as ${username}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** A JSON call to the api with a bearer token; throws on anything but 2xx. */
export async function apiCall<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Drags with the mouse the way a person does: press, move in steps, release. */
export async function dragWithMouse(
  page: Page,
  from: import('playwright-core').Locator,
  to: import('playwright-core').Locator,
): Promise<void> {
  const source = (await from.boundingBox())!;
  const target = (await to.boundingBox())!;
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  const steps = 12;
  for (let step = 1; step <= steps; step++) {
    await page.mouse.move(
      source.x +
        source.width / 2 +
        ((target.x + target.width / 2 - (source.x + source.width / 2)) * step) / steps,
      source.y +
        source.height / 2 +
        ((target.y + target.height / 2 - (source.y + source.height / 2)) * step) / steps,
    );
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
}

/**
 * Retries a Jest assertion about the page until it holds (the page updates as answers arrive),
 * and fails with its last error after the timeout.
 */
export async function soon(
  assertion: () => Promise<void> | void,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Presses Tab until the element has the focus: a keyboard user's way to it. */
export async function tabTo(
  page: Page,
  target: import('playwright-core').Locator,
  limit = 300,
): Promise<void> {
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press('Tab');
    if (
      await target
        .evaluate(
          (element: { ownerDocument: { activeElement: unknown } }) =>
            element === element.ownerDocument.activeElement,
        )
        .catch(() => false)
    )
      return;
  }
  throw new Error(`Tab never reached ${String(target)}`);
}
