import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, screenshot, seriousViolations, signIn, soon } from '../support/browser';
import { browserSuite } from '../support/browser-suite';

async function tryToSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Kommun').selectOption({ label: 'Kalix kommun' });
  await page.getByLabel('Användarnamn').fill(username);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

const alertText = async (page: Page) => (await page.getByRole('alert').textContent())?.trim();

describe('Signing in, sessions and secrecy in the browser', () => {
  const suite = browserSuite();

  it('says a wrong password in Swedish and stays on the sign-in page', async () => {
    const page = await suite.person();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Logga in i Nämndflöde' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await tryToSignIn(page, 'registrator', 'fel-losenord');
    await soon(async () =>
      expect(await alertText(page)).toBe('Fel kommun, användarnamn eller lösenord.'),
    );
    expect(new URL(page.url()).pathname).toBe('/logga-in');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says that an account is locked after too many failed attempts, even with the right password', async () => {
    const page = await suite.person();
    await page.goto('/logga-in');
    for (let attempt = 0; attempt < 5; attempt++) {
      await tryToSignIn(page, 'ordforande', `fel-${attempt}`);
      await soon(async () => expect(await alertText(page)).toBeDefined());
      await page.waitForTimeout(50);
    }
    await tryToSignIn(page, 'ordforande', DEMO_PASSWORD);
    await soon(async () =>
      expect(await alertText(page)).toBe(
        'Kontot är låst efter för många misslyckade inloggningar. Försök igen om 15 minuter.',
      ),
    );
    expect(new URL(page.url()).pathname).toBe('/logga-in');
  });

  it('shows a secret case by its public title to those without the right, in the registry and on an agenda', async () => {
    const secretTitle = 'Förhandling om markförvärv från Fastighets AB Norrlandia';
    const publicTitle = 'Markförvärv (sekretess)';
    const caseId = await suite.seed.readyCase(secretTitle, { osl: 'OSL 19 kap. 1 §', publicTitle });
    const meetingId = await suite.seed.ksapuMeeting('2027-05-10');
    const agenda = await suite.seed.call<{ version: number }>(
      'sekreterare',
      'GET',
      `/api/v1/meetings/${meetingId}`,
    );
    await suite.seed.call('sekreterare', 'POST', `/api/v1/meetings/${meetingId}/items`, {
      version: agenda.version,
      kind: 'case',
      caseId,
    });
    // The case's official was changed: the handläggare is no longer responsible for it.
    const record = await suite.seed.call<{ version: number }>(
      'registrator',
      'GET',
      `/api/v1/cases/${caseId}`,
    );
    await suite.seed.call('registrator', 'PATCH', `/api/v1/cases/${caseId}`, {
      version: record.version,
      responsibleUserId: null,
    });

    const official = await suite.person();
    await signIn(official, 'handlaggare');
    await official.goto(`/arenden/${caseId}`);
    await official.getByRole('heading', { level: 1, name: publicTitle }).waitFor();
    expect(await official.locator('main').textContent()).not.toContain('Norrlandia');
    expect(await official.locator('main').textContent()).toContain('Du ser dess offentliga rubrik');
    await official.goto('/arenden?q=Markförvärv');
    await official.getByRole('heading', { level: 1, name: 'Ärenden' }).waitFor();
    await soon(async () =>
      expect(await official.locator('main').textContent()).toContain(publicTitle),
    );
    expect(await official.locator('main').textContent()).not.toContain('Norrlandia');
    expect(await seriousViolations(official)).toEqual([]);

    // A member of KS, not of KSAPU, reads KSAPU's agenda: the public title only.
    const member = await suite.person();
    await signIn(member, 'ledamot');
    await member.goto(`/moten/${meetingId}`);
    await soon(async () =>
      expect(await member.locator('main').textContent()).toContain(publicTitle),
    );
    expect(await member.locator('main').textContent()).not.toContain('Norrlandia');

    // The registrator, who may read secrets, sees the real title.
    const registrator = await suite.person();
    await signIn(registrator, 'registrator');
    await registrator.goto(`/arenden/${caseId}`);
    await registrator.getByRole('heading', { level: 1, name: secretTitle }).waitFor();
  });

  it('shows each person their own start page', async () => {
    const page = await suite.person();
    await signIn(page, 'sekreterare');
    await soon(async () =>
      expect(
        await page.getByRole('region', { name: 'Mina kommande sammanträden' }).textContent(),
      ).toContain('Kommunstyrelsens arbets- och personalutskott'),
    );
    expect(
      await page.getByRole('region', { name: 'Lagstadgade tidsfrister för mina organ' }).count(),
    ).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'start-page');

    const member = await suite.person();
    await signIn(member, 'ledamot');
    // A member has no registry, no deadlines of organs: their meetings and messages.
    expect(
      await member.getByRole('navigation').getByRole('link', { name: 'Ärenden' }).count(),
    ).toBe(0);
    expect(
      await member.getByRole('region', { name: 'Lagstadgade tidsfrister för mina organ' }).count(),
    ).toBe(0);
    await member.getByRole('region', { name: 'Mina kommande sammanträden' }).waitFor();
    expect(await seriousViolations(member)).toEqual([]);
  });

  it('sends the user to sign in again, saying why, when the session ends while the page is open', async () => {
    const page = await suite.person();
    await signIn(page, 'handlaggare');
    // An administrator sets a new password: every login of the user ends at once.
    const userId = await suite.seed.userId('Jeanette Larsson');
    await suite.seed.call('admin', 'POST', `/api/v1/users/${userId}/password`, {
      password: 'ett-nytt-langt-losenord',
    });
    await page.getByRole('navigation').getByRole('link', { name: 'Ärenden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in i Nämndflöde' }).waitFor();
    await soon(async () =>
      expect(await page.getByRole('status').first().textContent()).toBe(
        'Din session har gått ut. Logga in igen för att fortsätta.',
      ),
    );
    // Signing in again returns to where the user was going.
    await tryToSignIn(page, 'handlaggare', 'ett-nytt-langt-losenord');
    await page.getByRole('heading', { level: 1, name: 'Ärenden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/arenden');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
