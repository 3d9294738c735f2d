import type { Page } from 'playwright-core';
import { RENDERED_WITHIN_MS, seriousViolations, signIn, soon, tabTo } from '../support/browser';
import { browserSuite } from '../support/browser-suite';

// Some steps wait for the worker's renders (RENDERED_WITHIN_MS).
jest.setTimeout(180_000);

const titles = (page: Page) => page.getByTestId('agenda-title').allTextContents();

/** Presses Tab until the button named has the focus. */
const tabToButton = (page: Page, name: string | RegExp) =>
  tabTo(page, page.getByRole('button', { name, exact: typeof name === 'string' }));

describe('The agenda builder with others and by keyboard', () => {
  const suite = browserSuite((suite) =>
    suite.seed.secondSecretary('sekreterare2', 'ett-langt-losenord-2'),
  );

  it('builds and publishes an agenda with the keyboard alone', async () => {
    await suite.seed.readyCase('Detaljplan för Näsbyn');
    await suite.seed.readyCase('Taxa för bygglov 2027');
    const meetingId = await suite.seed.ksapuMeeting('2027-03-01');
    const page = await suite.person();
    await signIn(page, 'sekreterare');
    await page.goto(`/moten/${meetingId}`);
    await page.getByTestId('agenda').waitFor();

    await tabToButton(page, 'Lägg till på dagordningen: Taxa för bygglov 2027');
    await page.keyboard.press('Enter');
    await soon(async () => expect(await titles(page)).toEqual(['Taxa för bygglov 2027']));
    await tabToButton(page, 'Lägg till på dagordningen: Detaljplan för Näsbyn');
    await page.keyboard.press('Enter');
    await soon(async () =>
      expect(await titles(page)).toEqual(['Taxa för bygglov 2027', 'Detaljplan för Näsbyn']),
    );

    // The second item moves up: its handle, Space, ArrowUp, Space.
    await page.locator('body').focus();
    await tabToButton(page, 'Flytta punkt 2: Detaljplan för Näsbyn');
    await page.keyboard.press('Space');
    await page.waitForTimeout(100);
    await page.keyboard.press('ArrowUp');
    await page.waitForTimeout(100);
    await page.keyboard.press('Space');
    await soon(async () =>
      expect(await titles(page)).toEqual(['Detaljplan för Näsbyn', 'Taxa för bygglov 2027']),
    );
    // What the screen reader heard is in dnd-kit's live region.
    expect(await page.locator('[id^="DndLiveRegion"]').textContent()).toContain(
      'släpptes på plats 1',
    );

    await tabToButton(page, 'Publicera kallelsen');
    await page.keyboard.press('Enter');
    await page
      .getByRole('button', { name: 'Öppna kallelsen (PDF)' })
      .waitFor({ timeout: RENDERED_WITHIN_MS });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the second secretary the conflict, applies their edit to the new agenda, and loses neither', async () => {
    await suite.seed.readyCase('Förstudie om ny simhall');
    const meetingId = await suite.seed.ksapuMeeting('2027-03-15');
    const first = await suite.person();
    const second = await suite.person();
    await signIn(first, 'sekreterare');
    await signIn(second, 'sekreterare2', 'ett-langt-losenord-2');
    await first.goto(`/moten/${meetingId}`);
    await second.goto(`/moten/${meetingId}`);
    await first.getByTestId('agenda').waitFor();
    await second.getByTestId('agenda').waitFor();

    // The first adds the case; the second, still on the agenda they read, adds an information item.
    await first
      .getByRole('button', { name: 'Lägg till på dagordningen: Förstudie om ny simhall' })
      .click();
    await soon(async () => expect(await titles(first)).toEqual(['Förstudie om ny simhall']));
    await second.getByLabel('Ny informationspunkt').fill('Information från revisionen');
    await second.getByRole('button', { name: 'Lägg till informationspunkt' }).click();

    const message = second.getByTestId('agenda-message');
    await soon(async () =>
      expect(await message.textContent()).toBe(
        'Någon annan ändrade dagordningen innan du (tillagt: ”Förstudie om ny simhall”). Din ändring är gjord på den nya versionen.',
      ),
    );
    await soon(async () =>
      expect(await titles(second)).toEqual([
        'Förstudie om ny simhall',
        'Information från revisionen',
      ]),
    );
    // The stored agenda has both edits.
    const stored = await suite.seed.call<{ items: Array<{ title: string }> }>(
      'sekreterare',
      'GET',
      `/api/v1/meetings/${meetingId}`,
    );
    expect(stored.items.map((item) => item.title)).toEqual([
      'Förstudie om ny simhall',
      'Information från revisionen',
    ]);

    // An edit that no longer applies says why: the first removes the item the second renames.
    await first.reload();
    await soon(async () => expect(await titles(first)).toHaveLength(2));
    await second.getByRole('button', { name: 'Ändra rubrik för punkt 2' }).click();
    await first.getByRole('button', { name: /^Ta bort punkt 2/ }).click();
    await soon(async () => expect(await titles(first)).toEqual(['Förstudie om ny simhall']));
    await second.getByLabel('Ny rubrik för punkt 2').fill('Information från revisorerna');
    await second.getByRole('button', { name: 'Spara rubriken' }).click();
    await soon(async () =>
      expect(await message.textContent()).toBe(
        'Någon annan ändrade dagordningen innan du (borttaget: ”Information från revisionen”). Din ändring gjordes inte: punkten finns inte längre på dagordningen.',
      ),
    );
    expect(await titles(second)).toEqual(['Förstudie om ny simhall']);
  });

  it('shows a ledamot the reading room, not the agenda builder, and the api refuses them too', async () => {
    const meetingId = await suite.seed.ksapuMeeting('2027-04-12');
    const page = await suite.person();
    await signIn(page, 'justerare');
    await page.goto(`/moten/${meetingId}`);
    // The agenda to read (the reading room), nothing that builds it.
    await page.getByRole('list', { name: 'Dagordningens punkter' }).waitFor();
    await page.getByText('Dina anteckningar till punkterna ser bara du.').waitFor();
    expect(await page.getByRole('button', { name: /^Flytta punkt/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Publicera/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    const token = await suite.seed.token('justerare');
    const agenda = await suite.seed.call<{ version: number }>(
      'justerare',
      'GET',
      `/api/v1/meetings/${meetingId}`,
    );
    const refused = await fetch(`${suite.system.baseUrl}/api/v1/meetings/${meetingId}/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: agenda.version, kind: 'information', title: 'Smygpunkt' }),
    });
    expect(refused.status).toBe(403);
  });
});
