import type { Page } from 'playwright-core';
import {
  apiCall,
  apiToken,
  dragWithMouse,
  screenshot,
  seriousViolations,
  signIn,
  soon,
  RENDERED_WITHIN_MS,
} from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { pdfText } from '../support/pdf-text';

// Some steps wait for the worker's renders (RENDERED_WITHIN_MS).
jest.setTimeout(180_000);

const TITLE = 'Upphandling av e-handelssystem för hela kommunen';

/** The agenda's item titles as the builder shows them, in order. */
const agendaTitles = (page: Page) => page.getByTestId('agenda-title').allTextContents();

/**
 * The Kalix path in the browser: the registrator registers a case, the handläggare writes and
 * submits its tjänsteskrivelse, the registrator puts it on ks-arende, and the nämndsekreterare
 * plans KSAPU's meeting, builds the agenda by mouse and by keyboard and publishes the kallelse.
 */
describe('The Kalix path in the browser', () => {
  const suite = browserSuite();
  let caseId: number;
  let meetingUrl: string;

  it('the registrator registers a case and sees its new dnr', async () => {
    const page = await suite.person();
    await signIn(page, 'registrator');
    await page.getByRole('link', { name: 'Registrera ärende' }).click();
    await page.getByLabel('Rubrik').fill(TITLE);
    await page.getByLabel('Handläggare').selectOption({ label: 'Jeanette Larsson' });
    await page.getByLabel('Organ').selectOption({ label: 'Kommunstyrelsen' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Registrera' }).click();
    const dnr = await page.getByTestId('new-dnr').textContent();
    expect(dnr).toMatch(/^2026-\d{5}/);
    await page.getByRole('link', { name: 'Öppna ärendet' }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    caseId = Number(/\/arenden\/(\d+)/.exec(page.url())![1]);
    expect(await page.getByTestId('dnr').textContent()).toBe(dnr);
  });

  it('the registrator adds documents: a file dropped on the page, a refusal said in Swedish', async () => {
    const page = await suite.person();
    await signIn(page, 'registrator');
    await page.goto(`/arenden/${caseId}`);
    const form = page.getByRole('region', { name: 'Lägg till handling' });
    // A program is refused by type, and the registration says so in Swedish.
    await form.getByLabel('Beskrivning').fill('Installationsprogram');
    await form.getByLabel('Fil').setInputFiles({
      name: 'program.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ\x90\x00 not a document'),
    });
    await form.getByRole('button', { name: 'Registrera handlingen' }).click();
    await soon(async () =>
      expect(await form.getByRole('alert').textContent()).toContain(
        'Den filtypen tas inte emot. Välj en PDF, en Word-fil (DOCX), en bild eller en textfil.',
      ),
    );
    // The document stands without a file; a PDF dragged onto the form becomes its file.
    await soon(async () =>
      expect(await form.textContent()).toContain('Handling 1 är registrerad utan fil.'),
    );
    await form.dispatchEvent('drop', {
      // What a file dropped from the desktop carries (built in the page).
      dataTransfer: await page.evaluateHandle(() => {
        const page = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: unknown): void } };
          File: new (parts: string[], name: string, options: { type: string }) => unknown;
        };
        const transfer = new page.DataTransfer();
        transfer.items.add(
          new page.File(['%PDF-1.7\n%anbud\n'], 'anbud.pdf', { type: 'application/pdf' }),
        );
        return transfer;
      }),
    });
    await soon(async () => expect(await form.textContent()).toContain('Vald: anbud.pdf'));
    await form.getByRole('button', { name: 'Lägg till filen' }).click();
    await soon(async () =>
      expect(await page.getByRole('region', { name: 'Handlingar' }).textContent()).toContain(
        'Ladda ned anbud.pdf',
      ),
    );
    const documents = await apiCall<
      Array<{ description: string; files: Array<{ filename: string }> }>
    >(
      suite.system.baseUrl,
      await apiToken(suite.system.baseUrl, 'registrator'),
      'GET',
      `/api/v1/cases/${caseId}/documents`,
    );
    expect(
      documents.map((document) => [
        document.description,
        document.files.map((file) => file.filename),
      ]),
    ).toEqual([['Installationsprogram', ['anbud.pdf']]]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the handläggare writes the tjänsteskrivelse, sees the follow-up read, and submits it', async () => {
    const page = await suite.person();
    await signIn(page, 'handlaggare');
    await page.getByRole('link', { name: new RegExp(TITLE) }).click();
    await page.getByRole('button', { name: 'Skriv tjänsteskrivelse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tjänsteskrivelse' }).waitFor();
    await page.getByLabel('Titel', { exact: true }).fill('Upphandlingsstrateg');
    await page
      .getByLabel('Sammanfattning')
      .fill('Kommunen inför ett e-handelssystem för alla inköp.');
    await page
      .getByLabel('Beskrivning av ärendet')
      .fill('Inköpen görs i dag på flera sätt. Ett system ger bättre kontroll.');
    await page.getByRole('button', { name: 'Lägg till att-sats' }).click();
    await page
      .getByLabel('Att-sats 1', { exact: true })
      .fill('implementera ett nytt arbetssätt där samtliga inköp utförs genom e-handelssystem');
    await page.getByRole('button', { name: 'Lägg till att-sats' }).click();
    await page
      .getByLabel('Att-sats 2', { exact: true })
      .fill('uppdra åt kommundirektören att redovisa arbetet');
    // Reordering the att-satser: the second moves up.
    await page.getByRole('button', { name: 'Flytta upp att-sats 2' }).click();
    expect(await page.getByLabel('Att-sats 1', { exact: true }).inputValue()).toBe(
      'uppdra åt kommundirektören att redovisa arbetet',
    );
    await page
      .getByLabel('Uppföljning')
      .fill('Nästa uppföljning sker februari 2027, därefter årligen i februari');
    await soon(async () =>
      expect(await page.getByTestId('followup-reading').textContent()).toContain(
        'Årligen i februari',
      ),
    );
    await soon(async () =>
      expect(await page.getByTestId('save-status').textContent()).toBe('Alla ändringar är sparade'),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'tjansteskrivelse-editor');

    await page.getByRole('button', { name: 'Lämna in' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Lämna in' }).click();
    await page.getByText('Tjänsteskrivelsen är inlämnad.').waitFor();
    // The rendering job makes the PDF and the DOCX; their links appear when it has.
    await page.getByRole('button', { name: 'Öppna PDF' }).waitFor({ timeout: RENDERED_WITHIN_MS });
    await page.getByRole('button', { name: 'Ladda ned DOCX' }).waitFor();
    expect(await page.getByLabel('Sammanfattning').getAttribute('readonly')).not.toBeNull();
  });

  it('the registrator puts the case on ks-arende and the case page shows where it is', async () => {
    const page = await suite.person();
    await signIn(page, 'registrator');
    await page.goto(`/arenden/${caseId}`);
    await page.getByLabel('Beslutsgång', { exact: true }).selectOption({ value: 'ks-arende' });
    await page.getByRole('button', { name: 'Starta beslutsgången' }).click();
    const where = page.getByRole('region', { name: 'Var är ärendet?' });
    await soon(async () =>
      expect(await where.getByRole('listitem').first().textContent()).toContain(
        'Kommunstyrelsens arbets- och personalutskott',
      ),
    );
    await soon(async () => expect(await where.textContent()).toContain('Klart för dagordning'));
    await soon(async () => expect(await where.textContent()).toContain('Kommunstyrelsen'));
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'case-page');
  });

  it('the sekreterare plans KSAPU’s meetings and finds the case on the ready list', async () => {
    const page = await suite.person();
    await signIn(page, 'sekreterare');
    await page
      .getByRole('navigation')
      .getByRole('link', { name: 'Kommunstyrelsens arbets- och personalutskott' })
      .click();
    await page.getByText('Lägg till sammanträden').click();
    await page.getByLabel('Datum', { exact: true }).fill('2027-01-18\n2027-02-15');
    await page.getByRole('button', { name: 'Skapa sammanträdena' }).click();
    await page.getByText('2 sammanträden lades till i planen.').waitFor();
    await soon(async () =>
      expect(await page.getByTestId('ready-list').textContent()).toContain(TITLE),
    );
    expect(await seriousViolations(page)).toEqual([]);
    const meeting = page.getByRole('link', { name: /18 januari 2027/ });
    meetingUrl = (await meeting.getAttribute('href'))!;
    // The plan shows each meeting's last day to submit.
    await soon(async () =>
      expect(await page.getByRole('row', { name: /18 januari 2027/ }).textContent()).toContain(
        '2027',
      ),
    );
  });

  it('builds the agenda by drag-and-drop and by keyboard, and publishes the kallelse in that order', async () => {
    const page = await suite.person();
    await signIn(page, 'sekreterare');
    await page.goto(meetingUrl);
    const agenda = page.getByTestId('agenda');
    await agenda.waitFor();
    const standing = await agendaTitles(page);

    // The case is dragged from the ready list onto the agenda.
    const card = page.getByTestId('ready-case').filter({ hasText: TITLE });
    const version = Number(await agenda.getAttribute('data-version'));
    await dragWithMouse(
      page,
      card.getByRole('button', { name: `Dra ${TITLE} till dagordningen` }),
      agenda,
    );
    await soon(async () =>
      expect(await agenda.getAttribute('data-version')).not.toBe(String(version)),
    );
    await soon(async () => expect(await agendaTitles(page)).toContain(TITLE));
    await soon(async () =>
      expect(await page.getByTestId('ready-list').textContent()).not.toContain(TITLE),
    );

    // An information item, typed and submitted from the keyboard.
    await page.getByLabel('Ny informationspunkt').fill('Information om budgetläget');
    await page.getByLabel('Ny informationspunkt').press('Enter');
    await soon(async () =>
      expect(await page.getByTestId('agenda-title').last().textContent()).toBe(
        'Information om budgetläget',
      ),
    );

    // Moved by keyboard from last to first: pick up with Space, arrows, drop with Space.
    const before = Number(await agenda.getAttribute('data-version'));
    const handle = page.getByRole('button', {
      name: /^Flytta punkt \d+: Information om budgetläget$/,
    });
    // The handles are disabled while an edit is being saved: wait for the last one to finish.
    await soon(async () => expect(await handle.isEnabled()).toBe(true));
    await handle.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(100);
    const count = await page.getByTestId('agenda-item').count();
    for (let step = 1; step < count; step++) {
      await page.keyboard.press('ArrowUp');
      await page.waitForTimeout(60);
    }
    await page.keyboard.press('Space');
    await soon(async () =>
      expect(await agenda.getAttribute('data-version')).not.toBe(String(before)),
    );
    await soon(async () =>
      expect(await page.getByTestId('agenda-title').first().textContent()).toBe(
        'Information om budgetläget',
      ),
    );
    const built = await agendaTitles(page);
    expect(built).toEqual(['Information om budgetläget', ...standing, TITLE]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'agenda-builder');

    expect(await page.getByTestId('preview-title').allTextContents()).toEqual(built);
    await page.getByRole('button', { name: 'Publicera kallelsen' }).click();
    await page
      .getByRole('button', { name: 'Öppna kallelsen (PDF)' })
      .waitFor({ timeout: RENDERED_WITHIN_MS });
    // The published kallelse's section (its version and files) passes axe too.
    expect(await page.getByTestId('kallelse-version').textContent()).toContain('publicerades');
    expect(await seriousViolations(page)).toEqual([]);

    // The PDF lists the items in the order built.
    const token = await apiToken(suite.system.baseUrl, 'sekreterare');
    const meetingId = Number(meetingUrl.split('/').pop());
    const kallelse = await apiCall<{ files: Array<{ id: number; contentType: string }> }>(
      suite.system.baseUrl,
      token,
      'GET',
      `/api/v1/meetings/${meetingId}/kallelse`,
    );
    const pdf = kallelse.files.find((file) => file.contentType === 'application/pdf')!;
    const response = await fetch(
      `${suite.system.baseUrl}/api/v1/meetings/${meetingId}/kallelse/files/${pdf.id}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const text = pdfText(Buffer.from(await response.arrayBuffer()));
    const positions = built.map((title) => text.indexOf(title.slice(0, 30)));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
