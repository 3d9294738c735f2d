import {
  RENDERED_WITHIN_MS,
  screenshot,
  seriousViolations,
  signIn,
  soon,
} from '../support/browser';
import { browserSuite } from '../support/browser-suite';

// The kallelse's PDF is rendered by the worker (RENDERED_WITHIN_MS).
jest.setTimeout(180_000);

const NOTE = 'Fråga om driftkostnaden år 2–3 innan beslut.';

/**
 * The members' reading room on a tablet: the ledamot reads KS's agenda of 11 December 2023 with
 * each item's förslag till beslut, writes a private note, and no one else — not the sekreterare,
 * not the admin — can read it.
 */
describe('The reading room in the browser', () => {
  const suite = browserSuite();
  let meetingId: number;

  beforeAll(async () => {
    const ks = await suite.seed.organId('KS');
    const { meetings } = await suite.seed.call<{
      meetings: Array<{ id: number; startsAt: string }>;
    }>('ledamot', 'GET', `/api/v1/meetings?organId=${ks}`);
    meetingId = meetings.find((meeting) => meeting.startsAt.startsWith('2023-12-11'))!.id;
    // A beslutsunderlag with its PDF on the e-handel case (item 14), for the member to open.
    const agenda = await suite.seed.call<{ items: Array<{ dnr: string | null; caseId: number }> }>(
      'ledamot',
      'GET',
      `/api/v1/meetings/${meetingId}`,
    );
    const caseId = agenda.items.find((item) => item.dnr === '2023-00495')!.caseId;
    const document = await suite.seed.call<{ id: number }>(
      'registrator',
      'POST',
      `/api/v1/cases/${caseId}/documents`,
      {
        direction: 'upprattad',
        date: '2023-12-01',
        description: 'Kalkyl för e-handelssystemet',
        type: 'beslutsunderlag',
      },
    );
    const upload = await fetch(
      `${suite.system.baseUrl}/api/v1/documents/${document.id}/files?filename=kalkyl.pdf`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await suite.seed.token('registrator')}`,
          'content-type': 'application/pdf',
        },
        body: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('Kalkyl '.repeat(50))]),
      },
    );
    if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
  });

  it('lets a ledamot read the agenda on a tablet and keep a note only she can read', async () => {
    const page = await suite.person();
    await page.setViewportSize({ width: 768, height: 1024 });
    await signIn(page, 'ledamot');
    await page.goto(`/moten/${meetingId}`);
    const item = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: /Aktiviteter för förbättrat näringslivsklimat/ }),
    });
    await item.getByRole('heading', { name: 'Förslag till beslut' }).waitFor();
    expect(await page.getByTestId('reading-list').textContent()).toBe(
      'Första gången du öppnar sammanträdet',
    );
    // The kallelse she was sent, with its PDF once the worker has rendered it.
    await soon(async () =>
      expect(await page.getByTestId('reading-kallelse').textContent()).toContain(
        'Kallelsen publicerades',
      ),
    );
    await page
      .getByRole('button', { name: 'Öppna kallelsen (PDF)' })
      .waitFor({ timeout: RENDERED_WITHIN_MS });
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing scrolls sideways on a tablet, and what a finger presses is at least 44 px high.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    const note = item.getByRole('textbox', { name: /Min anteckning/ });
    await note.fill(NOTE);
    const save = item.getByRole('button', { name: 'Spara anteckning' });
    expect((await save.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await save.click();
    await item.getByText('Anteckningen är sparad.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The item read and annotated, as the member sees it on the tablet.
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'reading-room', { keepScroll: true });
    // A beslutsunderlag opens in the browser (a tab of its own), though she may not use the registry.
    const document = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: /E-handel/i }) })
      .getByRole('button', { name: 'Kalkyl för e-handelssystemet' });
    const opened = page.context().waitForEvent('page');
    await document.click();
    const tab = await opened;
    await soon(async () => expect(tab.url()).toMatch(/^blob:/));
    await tab.close();
    // Still there after a reload.
    await page.reload();
    await soon(async () =>
      expect(await item.getByRole('textbox', { name: /Min anteckning/ }).inputValue()).toBe(NOTE),
    );
  });

  it('shows the note to no one else: the sekreterare’s page, her api and the admin’s api hold none of it', async () => {
    const secretary = await suite.person();
    await signIn(secretary, 'sekreterare');
    await secretary.goto(`/moten/${meetingId}`);
    await secretary.getByTestId('agenda').waitFor();
    expect(await secretary.content()).not.toContain('driftkostnaden');
    for (const username of ['sekreterare', 'admin']) {
      expect(
        await suite.seed.call<unknown[]>(username, 'GET', `/api/v1/meetings/${meetingId}/my-notes`),
      ).toEqual([]);
    }
    const trail = await suite.seed.call<unknown>(
      'admin',
      'GET',
      '/api/v1/audit?entityType=private-note&limit=10',
    );
    expect(JSON.stringify(trail)).toContain('private-note.written');
    expect(JSON.stringify(trail)).not.toContain('driftkostnaden');
  });

  it('lets the ledamot delete her note', async () => {
    const page = await suite.person();
    await page.setViewportSize({ width: 768, height: 1024 });
    await signIn(page, 'ledamot');
    await page.goto(`/moten/${meetingId}`);
    const item = page.getByRole('listitem').filter({
      has: page.getByRole('heading', { name: /Aktiviteter för förbättrat näringslivsklimat/ }),
    });
    await soon(async () =>
      expect(await item.getByRole('textbox', { name: /Min anteckning/ }).inputValue()).toBe(NOTE),
    );
    await item.getByRole('button', { name: 'Ta bort anteckning' }).click();
    await item.getByText('Anteckningen är borttagen.').waitFor();
    expect(
      await suite.seed.call<unknown[]>('ledamot', 'GET', `/api/v1/meetings/${meetingId}/my-notes`),
    ).toEqual([]);
  });

  it('lists what is new since the ledamot last opened the meeting', async () => {
    const agenda = await suite.seed.call<{
      items: Array<{ no: number; dnr: string | null; caseId: number }>;
    }>('ledamot', 'GET', `/api/v1/meetings/${meetingId}`);
    const item = agenda.items.find((candidate) => candidate.dnr === '2023-00495')!;
    await suite.seed.call('registrator', 'POST', `/api/v1/cases/${item.caseId}/documents`, {
      direction: 'upprattad',
      date: '2023-12-05',
      description: 'Reviderad kalkyl för e-handelssystemet',
      type: 'beslutsunderlag',
    });
    const page = await suite.person();
    await page.setViewportSize({ width: 768, height: 1024 });
    await signIn(page, 'ledamot');
    await page.goto(`/moten/${meetingId}`);
    const list = page.getByTestId('reading-list');
    await list.waitFor();
    expect(await list.getByRole('heading').textContent()).toMatch(
      /^Nytt sedan du senast öppnade sammanträdet \d+ \w+ \d{4} kl\. \d{2}:\d{2}$/,
    );
    expect(await list.getByRole('listitem').allTextContents()).toEqual([
      `Ny handling till punkt ${item.no}: Reviderad kalkyl för e-handelssystemet`,
    ]);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
