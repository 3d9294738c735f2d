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
const PARAGRAPHS = 30;
const READING_ITEMS = 40;
const READING_LOADS = 3;
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

/** KSAPU's meeting with an agenda of ITEMS items in all (the standing ones among them). */
async function sixtyItemAgenda(base: string, token: string): Promise<number> {
  const { meetingId } = await ksapuMeeting(base, token, '2027-06-14', {
    items: (standing) => ITEMS - standing,
  });
  return meetingId;
}

/**
 * A KSAPU meeting on `day` with information items after the template's standing ones (`items`:
 * how many, given how many standing); with `summon`, its kallelse published; with `protocol`, its
 * protocol opened with the demo's chair and justerare present.
 */
async function ksapuMeeting(
  base: string,
  token: string,
  day: string,
  options: { items: (standing: number) => number; summon?: boolean; protocol?: boolean },
): Promise<{ meetingId: number; paragraphIds: number[] }> {
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
      year: Number(day.slice(0, 4)),
      meetings: [{ startsAt: `${day}T09:00`, place: 'Sessionssalen' }],
    },
  );
  const meetingId = plan.meetings[0]!.id;
  let agenda = await json<{ version: number; items: unknown[] }>(
    base,
    token,
    'GET',
    `/api/v1/meetings/${meetingId}`,
  );
  const count = options.items(agenda.items.length);
  for (let n = 1; n <= count; n++) {
    agenda = await json(base, token, 'POST', `/api/v1/meetings/${meetingId}/items`, {
      version: agenda.version,
      kind: 'information',
      title: `Information ${n}: lägesrapport från förvaltningen om verksamhet, ekonomi och personal`,
    });
  }
  if (options.summon) {
    await json(base, token, 'POST', `/api/v1/meetings/${meetingId}/kallelse`, {
      version: agenda.version,
    });
  }
  if (!options.protocol) return { meetingId, paragraphIds: [] };
  const people = await json<Array<{ id: number; displayName: string }>>(
    base,
    token,
    'GET',
    '/api/v1/users/directory',
  );
  const userId = (name: string) => people.find((person) => person.displayName === name)!.id;
  const opened = await json<{ paragraphs: Array<{ id: number; heading: string }> }>(
    base,
    token,
    'POST',
    `/api/v1/meetings/${meetingId}/protocol`,
    {
      chairUserId: userId('Susanne Andersson'),
      adjusterUserIds: [userId('Demoledamot Två')],
      attendance: {
        members: [
          { name: 'Susanne Andersson', party: 'S' },
          { name: 'Demoledamot Två', party: 'C' },
        ],
        substitutes: [],
        others: [],
      },
    },
  );
  return {
    meetingId,
    paragraphIds: opened.paragraphs
      .filter((paragraph) => paragraph.heading.startsWith('Information '))
      .map((paragraph) => paragraph.id),
  };
}

/**
 * protocol-save-p95: the secretary records 30 paragraphs in a row in the protocol editor — the
 * decision text typed, then a vote (question typed, two ballots) — and each save is timed in the
 * page from the moment it is asked for (the pause in typing is over, or the ballot is given) until
 * the saved protocol is shown (`nf-protocol-save` measures).
 */
async function protocolSaves(browser: Browser, base: string, token: string): Promise<number[]> {
  const { meetingId, paragraphIds } = await ksapuMeeting(base, token, '2026-12-21', {
    items: () => PARAGRAPHS,
    summon: true,
    protocol: true,
  });
  const page = await signedInPage(browser, base, 'sekreterare');
  await page.goto(`/moten/${meetingId}/protokoll`);
  const editor = page.getByTestId('paragraph-editor');
  await editor.waitFor();
  const nav = page.getByRole('navigation', { name: 'Protokollets punkter' });
  const idle = () =>
    page.waitForFunction(
      `document.querySelector('[data-testid="protocol-save-state"]').dataset.pending === '0'`,
      undefined,
      { polling: 50, timeout: 10_000 },
    );
  for (const [index, paragraphId] of paragraphIds.entries()) {
    await nav.getByRole('button', { name: new RegExp(`Information ${index + 1}:`) }).click();
    await page.waitForFunction(
      `document.querySelector('[data-testid="paragraph-editor"]').dataset.paragraphId === '${paragraphId}'`,
    );
    await editor
      .getByLabel('Beslut', { exact: true })
      .pressSequentially('Kommunstyrelsens arbetsutskott noterar informationen.', { delay: 15 });
    await editor.getByLabel('Omröstning begärs').check();
    await editor
      .getByLabel('Propositionsordning för omröstningen')
      .pressSequentially('Ja för att notera, nej för återremiss', { delay: 15 });
    await editor.getByLabel('Susanne Andersson: Ja').check();
    await editor.getByLabel('Demoledamot Två: Nej').check();
    await page.waitForTimeout(50);
    await idle();
  }
  const durations = await page.evaluate<number[]>(
    `performance.getEntriesByName('nf-protocol-save').map((entry) => entry.duration)`,
  );
  await page.context().close();
  if (durations.length < PARAGRAPHS * 2) {
    throw new Error(`protocol: ${durations.length} saves measured, expected ${PARAGRAPHS * 2}`);
  }
  return durations;
}

/** Chromium's "Fast 3G" preset (DevTools): 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up. */
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
};

/**
 * reading-ready: a ledamot opens a 40-item agenda in the reading room over Fast 3G, from
 * navigation until all 40 items are shown (their documents and notes may still be loading). Cold:
 * a new browser context (nothing cached); again: the same member opening it again, the app's
 * hashed assets in the browser's cache as after any earlier visit.
 */
async function readingLoads(
  browser: Browser,
  base: string,
  token: string,
): Promise<{ cold: number[]; again: number[] }> {
  const { meetingId } = await ksapuMeeting(base, token, '2026-12-28', {
    items: () => READING_ITEMS,
    summon: true,
  });
  const cold: number[] = [];
  const again: number[] = [];
  // The 40 information items and the standing ones the organ's template puts first.
  const { items } = await json<{ items: unknown[] }>(
    base,
    token,
    'GET',
    `/api/v1/meetings/${meetingId}`,
  );
  const shown = `document.querySelectorAll('.nf-reading__item').length === ${items.length}`;
  for (let run = 0; run < READING_LOADS; run++) {
    const page = await signedInPage(browser, base, 'justerare');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    let started = Date.now();
    await page.goto(`/moten/${meetingId}`);
    await page.waitForFunction(shown, undefined, { polling: 'raf', timeout: 60_000 });
    cold.push(Date.now() - started);
    started = Date.now();
    await page.reload();
    await page.waitForFunction(shown, undefined, { polling: 'raf', timeout: 60_000 });
    again.push(Date.now() - started);
    await page.context().close();
  }
  return { cold, again };
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
  // Once: a reload keeps the session the app renewed (the first refresh token is spent by then).
  await context.addInitScript(
    `if (!sessionStorage.getItem('nf.session')) sessionStorage.setItem('nf.session', ${JSON.stringify(JSON.stringify({ municipality: 'kalix', username, refreshToken }))})`,
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
    await page.context().close();
    const saves = await protocolSaves(browser, api.base, token);
    const reading = await readingLoads(browser, api.base, token);
    const ready = percentile(loads, 50);
    const ms = (value: number) => `${Math.round(value)}ms`;
    return (
      `web: agenda-ready=${ms(ready)} reorder-p95=${ms(percentile(reorders, 95))} ` +
      `protocol-save-p95=${ms(percentile(saves, 95))} reading-ready=${ms(percentile(reading.again, 50))} ` +
      `js=${Math.round(jsBytes / 1024)}kB (items=${ITEMS} cold-loads=${loads.join('/')}ms ` +
      `reorder-p50=${ms(percentile(reorders, 50))} protocol-saves=${saves.length} ` +
      `protocol-save-p50=${ms(percentile(saves, 50))} reading-again=${reading.again.join('/')}ms ` +
      `reading-cold=${reading.cold.join('/')}ms on Fast 3G, ${READING_ITEMS} items)`
    );
  } finally {
    await browser.close();
    await api.stop();
  }
}
