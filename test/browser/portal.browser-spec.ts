import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { RENDERED_WITHIN_MS, screenshot } from '../support/browser';
import { browserSuite } from '../support/browser-suite';

// The kallelse's PDF is rendered by the worker (RENDERED_WITHIN_MS).
jest.setTimeout(180_000);

/** Every WCAG 2.1 A/AA violation axe finds (the portal is held to none at all). */
async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/**
 * The portal as a resident meets it: on a phone, with JavaScript turned off, from the start page
 * to KS's meeting of 11 December 2023 and its kallelse, to a case and where it is, and a search
 * in the registry; and axe, on every page, finding nothing.
 */
describe('The portal for residents, without JavaScript', () => {
  // More cases than a page of the registry holds (20), whatever the worker has added yet.
  const suite = browserSuite(async ({ seed }) => {
    const { cases } = await seed.call<{ cases: unknown[] }>(
      'registrator',
      'GET',
      '/api/v1/cases?limit=50',
    );
    for (let n = cases.length; n <= 21; n++) {
      await seed.call('registrator', 'POST', '/api/v1/cases', { title: `Medborgarförslag ${n}` });
    }
  });
  const visited = new Set<string>();

  const resident = async () => {
    const context = await suite.browser.newContext({
      baseURL: suite.system.baseUrl,
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    return context.newPage();
  };

  it('finds KS’s meeting, its kallelse and agenda, a case and where it is, and searches the registry', async () => {
    const page = await resident();
    const remember = () => visited.add(new URL(page.url()).pathname + new URL(page.url()).search);
    await page.goto('/portal/kalix');
    remember();
    await page
      .getByRole('heading', { level: 1, name: 'Nämnder och sammanträden i Kalix kommun' })
      .waitFor();
    // The page fits the phone: nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await page.getByRole('link', { name: 'Kommunstyrelsen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Kommunstyrelsen' }).waitFor();
    remember();
    if (!(await page.getByRole('heading', { name: 'Sammanträden 2023' }).isVisible())) {
      await page.goto(`${new URL(page.url()).pathname}?ar=2023`);
    }
    await page.getByRole('heading', { name: 'Sammanträden 2023' }).waitFor();
    remember();
    await page.getByRole('link', { name: /11 december 2023/ }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: 'Kommunstyrelsen, sammanträde måndagen den 11 december 2023',
      })
      .waitFor();
    remember();
    // The kallelse's PDF, once the worker has rendered it.
    const deadline = Date.now() + RENDERED_WITHIN_MS;
    while (!(await page.getByRole('link', { name: /Kallelse med dagordning \(PDF/ }).isVisible())) {
      if (Date.now() > deadline) throw new Error('the kallelse was not rendered');
      await page.waitForTimeout(1000);
      await page.reload();
    }
    const kallelse = await page
      .getByRole('link', { name: /Kallelse med dagordning \(PDF/ })
      .getAttribute('href');
    const pdf = await page.request.get(kallelse!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
    const items = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 3 }) });
    expect(await items.count()).toBeGreaterThan(10);
    await screenshot(page, 'portal-meeting');

    // The e-handel case (dnr 2023-00495) and where it is.
    await page.getByRole('link', { name: '2023-00495' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Var är ärendet?' }).waitFor();
    remember();
    await expect(
      page.getByText('Kommunstyrelsens arbets- och personalutskott').first().isVisible(),
    ).resolves.toBe(true);
    expect(await page.locator('.steps li').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'portal-case');

    // The registry: the form works without JavaScript (a GET with the fields in the address).
    await page.getByRole('link', { name: 'Sök i diariet' }).click();
    remember();
    await page.getByLabel('Sökord').fill('e-handel');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.getByRole('heading', { level: 2, name: 'Träffar' }).waitFor();
    remember();
    expect(new URL(page.url()).searchParams.get('q')).toBe('e-handel');
    const hits = page.getByRole('list', { name: 'Träffar' }).getByRole('listitem');
    expect(await hits.count()).toBeGreaterThanOrEqual(1);
    await expect(hits.first().textContent()).resolves.toContain('2023-00495');
    // Paging: with nothing searched, the newest 20 and a next page.
    await page.goto('/portal/kalix/diarium');
    remember();
    await page.getByRole('link', { name: 'Nästa sida' }).click();
    remember();
    expect(
      await page
        .getByRole('list', { name: 'Senast registrerade ärenden' })
        .getByRole('listitem')
        .count(),
    ).toBeGreaterThan(0);
    await page.context().close();
  });

  it('passes axe on every page the resident visited, with no violation at all', async () => {
    expect(visited.size).toBeGreaterThanOrEqual(7);
    // axe runs in the page: a context of its own with JavaScript (the pages have none of theirs).
    const context = await suite.browser.newContext({
      baseURL: suite.system.baseUrl,
      locale: 'sv-SE',
    });
    const page = await context.newPage();
    const found: Record<string, unknown> = {};
    for (const path of [...visited, '/anslagstavla/kalix', '/portal/kalix/arenden/999999']) {
      await page.goto(path);
      const pageViolations = await violations(page);
      if (pageViolations.length > 0) found[path] = pageViolations;
    }
    expect(found).toEqual({});
    await context.close();
  });
});
