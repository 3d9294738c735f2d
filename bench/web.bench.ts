import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  benchConfig,
  loginOverHttp,
  percentile,
  resetBenchServices,
  startApiProcess,
} from './support';

const PORT = 3556;
const ITEMS = 60;
const COLD_LOADS = 7;
const REORDERS = 20;
const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LAUNCH = {
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
};

async function json<T>(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** KSAPU's meeting with an agenda of ITEMS items, set up through the api. */
async function sixtyItemAgenda(base: string, token: string): Promise<number> {
  const organs = await json<Array<{ id: number; code: string }>>(
    base,
    token,
    'GET',
    '/api/v1/organs',
  );
  const ksapu = organs.find((organ) => organ.code === 'KSAPU')!.id;
  const plan = await json<{ meetings: Array<{ id: number }> }>(
    base,
    token,
    'POST',
    `/api/v1/organs/${ksapu}/meeting-plan`,
    {
      year: 2027,
      meetings: [{ startsAt: '2027-06-14T09:00', place: 'Sessionssalen' }],
    },
  );
  const id = plan.meetings[0]!.id;
  let agenda = await json<{ version: number; items: unknown[] }>(
    base,
    token,
    'GET',
    `/api/v1/meetings/${id}`,
  );
  while (agenda.items.length < ITEMS) {
    agenda = await json(base, token, 'POST', `/api/v1/meetings/${id}/items`, {
      version: agenda.version,
      kind: 'information',
      title: `Informationspunkt ${agenda.items.length + 1}: lägesrapport från förvaltningen`,
    });
  }
  return id;
}

/** A new browser context (empty cache) already holding the user's session, as after a sign-in. */
async function signedInPage(browser: Browser, base: string, username: string): Promise<Page> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipality: 'kalix', username, password: 'demo' }),
  });
  const { refreshToken } = (await response.json()) as { refreshToken: string };
  // bypassCSP: the bench's own page-side probes are given as text, which the app's CSP (rightly) refuses.
  const context = await browser.newContext({
    baseURL: base,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    bypassCSP: true,
  });
  await context.addInitScript(
    `sessionStorage.setItem('nf.session', ${JSON.stringify(JSON.stringify({ municipality: 'kalix', username, refreshToken }))})`,
  );
  return context.newPage();
}

/**
 * `web`: the built app in headless Chromium against the api with the demo data and a 60-item
 * agenda. agenda-ready: a cold load of the agenda builder (new context, empty cache) until all its
 * items' handles are enabled (median of 7). reorder-p95: from the key that drops a moved item
 * until the agenda shows the saved order (its new version), over 20 keyboard reorders. js: the
 * JavaScript the first load transfers, as sent (compressed).
 */
export async function webBench(): Promise<string> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `web: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  }
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const config = benchConfig();
  await resetBenchServices(config);
  const api = await startApiProcess(config, PORT, {
    APP_DEMO: 'true',
    WEB_DIR: join(ROOT, 'dist', 'web'),
  });
  // The api is stopped whatever fails after it started, the browser's launch included.
  const browser = await chromium.launch(LAUNCH).catch((error: unknown) => {
    void api.stop();
    throw error;
  });
  try {
    const token = await loginOverHttp(api.base, 'kalix', 'sekreterare', 'demo');
    const meetingId = await sixtyItemAgenda(api.base, token);

    const loads: number[] = [];
    let jsBytes = 0;
    for (let run = 0; run < COLD_LOADS; run++) {
      const page = await signedInPage(browser, api.base, 'sekreterare');
      const scripts: Array<Promise<number>> = [];
      page.on('requestfinished', (request) => {
        if (request.resourceType() === 'script')
          scripts.push(request.sizes().then((sizes) => sizes.responseBodySize));
      });
      const started = Date.now();
      await page.goto(`/moten/${meetingId}`);
      await page.waitForFunction(
        `document.querySelectorAll('[data-testid="agenda-item"] .nf-handle:not([disabled])').length === ${ITEMS}`,
        undefined,
        { polling: 'raf', timeout: 30_000 },
      );
      loads.push(Date.now() - started);
      if (run === COLD_LOADS - 1 && process.env.BENCH_WEB_TRACE) {
        // Where the time goes: each request of the load, from navigation start (ms).
        console.log(
          await page.evaluate(`performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
            .map((e) => Math.round(e.startTime) + '-' + Math.round(e.responseEnd) + ' ' + e.name.replace(location.origin, ''))
            .join('\\n') + '\\nlong tasks ' + performance.getEntriesByType('longtask').map((e) => Math.round(e.startTime) + '+' + Math.round(e.duration)).join(' ') + '\\nready ' + Math.round(performance.now())`),
        );
      }
      if (run === 0) jsBytes = (await Promise.all(scripts)).reduce((sum, size) => sum + size, 0);
      await page.context().close();
    }

    const page = await signedInPage(browser, api.base, 'sekreterare');
    await page.goto(`/moten/${meetingId}`);
    await page.waitForFunction(
      `document.querySelectorAll('[data-testid="agenda-item"]').length === ${ITEMS}`,
    );
    const reorders: number[] = [];
    for (let run = 0; run < REORDERS; run++) {
      const handle = page.getByRole('button', { name: /^Flytta punkt \d+:/ }).nth(10 + run);
      await page.waitForFunction(
        `!document.querySelector('[data-testid="agenda-item"] .nf-handle[disabled]')`,
      );
      await handle.focus();
      await page.keyboard.press('Space');
      await page.waitForTimeout(100);
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(100);
      // In the page: from the dropping key to the agenda showing its next saved version.
      // (Page-side code as text: this file is compiled without the DOM's types.)
      const measured = page.evaluate<number>(`new Promise((resolve) => {
        const list = document.querySelector('[data-testid="agenda"]');
        const version = list.getAttribute('data-version');
        let pressed = 0;
        setTimeout(() => resolve(Number.NaN), 10000);
        document.addEventListener('keydown', () => (pressed = performance.now()), { capture: true, once: true });
        new MutationObserver((_, observer) => {
          if (list.getAttribute('data-version') !== version) {
            observer.disconnect();
            resolve(performance.now() - pressed);
          }
        }).observe(list, { attributes: true, attributeFilter: ['data-version'] });
      })`);
      await page.waitForTimeout(20);
      await page.keyboard.press('Space');
      const elapsed = await measured;
      if (Number.isNaN(elapsed))
        throw new Error(`reorder ${run + 1}: the agenda did not show a saved order`);
      reorders.push(elapsed);
    }
    const ready = percentile(loads, 50);
    return `web: agenda-ready=${Math.round(ready)}ms reorder-p95=${Math.round(percentile(reorders, 95))}ms js=${Math.round(jsBytes / 1024)}kB (items=${ITEMS} cold-loads=${loads.join('/')}ms reorder-p50=${Math.round(percentile(reorders, 50))}ms)`;
  } finally {
    await browser.close();
    await api.stop();
  }
}
