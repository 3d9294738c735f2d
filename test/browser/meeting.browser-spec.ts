import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, signIn, soon, tabTo } from '../support/browser';
import { browserSuite } from '../support/browser-suite';

jest.setTimeout(300_000);
/** How long the worker's jobs after a justering may take on CI's loaded machine. */
const JOBS_WITHIN_MS = 60_000;

interface Protocol {
  id: number;
  status: string;
  version: number;
  contentHash: string | null;
  chairUserId: number;
  adjusterUserIds: number[];
  attendance: {
    members: Array<{ name: string }>;
    substitutes: Array<{ name: string; replacing: string }>;
  } | null;
  paragraphs: Array<{
    id: number;
    number: number | null;
    caseId: number | null;
    heading: string;
    decisionText: string | null;
    immediateHash: string | null;
    adjustedAt: string | null;
    proceedings: {
      yrkanden: Array<{ by: string; text: string }>;
      jav: string[];
      votering: {
        ballots: Array<{ member: string; vote: string }>;
        ja: number;
        nej: number;
        avstar: number;
        result: string;
      } | null;
      reservations: Array<{ member: string; reasons: string | null }>;
      expediering: Array<{ name: string }>;
    };
  }>;
  signatures: Array<{ userId: number; paragraphId: number | null }>;
}

const longDate = (day: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long' }).format(
    new Date(`${day}T12:00:00Z`),
  );

/** Waits until every edit made on the protocol page is saved. */
async function allSaved(page: Page): Promise<void> {
  await soon(async () =>
    expect(await page.getByTestId('protocol-save-state').textContent()).toContain(
      'Alla ändringar är sparade',
    ),
  );
  await soon(async () =>
    expect(await page.getByTestId('protocol-save-state').getAttribute('data-pending')).toBe('0'),
  );
}

describe('The meeting held in the browser: the protocol, and justering by the chair and the justerare', () => {
  const suite = browserSuite(async (suite) => {
    // KS as a board: two more members and an ersättare beside the demo's three.
    await suite.seed.seat('Karin Lindberg', 'S', 'KS', 'ledamot');
    await suite.seed.seat('Olof Nilsson', 'V', 'KS', 'ledamot');
    await suite.seed.seat('Maria Berg', 'M', 'KS', 'ersattare');
  });

  const protocolOf = (meetingId: number) =>
    suite.seed.call<Protocol>('sekreterare', 'GET', `/api/v1/meetings/${meetingId}/protocol`);

  it('holds Kalix KS: attendance with a substitute, a vote with jäv and a reservation, omedelbar justering, lock, and the chair and justerare sign', async () => {
    // Two cases through KSAPU before, one while the secretary builds KS's agenda.
    const taxa = await suite.seed.readyCase('Ny taxa för slamtömning');
    const belysning = await suite.seed.readyCase('Belysning av gång- och cykelvägar');
    const fastighet = await suite.seed.readyCase('Köp av fastigheten Näsbyn 1:2');
    await suite.seed.adjust(
      await suite.seed.summonedMeeting('KSAPU', '2026-12-07T09:00', [taxa, belysning]),
    );
    const late = await suite.seed.summonedMeeting('KSAPU', '2026-12-08T09:00', [fastighet]);
    const ks = await suite.seed.call<{ meetings: Array<{ id: number }> }>(
      'sekreterare',
      'POST',
      `/api/v1/organs/${await suite.seed.organId('KS')}/meeting-plan`,
      { year: 2026, meetings: [{ startsAt: '2026-12-14T13:00', place: 'Sessionssalen' }] },
    );
    const meetingId = ks.meetings[0]!.id;

    const secretary = await suite.person();
    await signIn(secretary, 'sekreterare');
    await secretary.goto(`/moten/${meetingId}`);
    const ready = secretary.getByTestId('ready-list');
    // KSAPU's justering moves the cases on in the worker's jobs: on CI's loaded machine, seconds.
    await soon(
      async () => expect(await ready.textContent()).toContain('Ny taxa för slamtömning'),
      JOBS_WITHIN_MS,
    );
    expect(await ready.textContent()).not.toContain('Köp av fastigheten Näsbyn 1:2');
    // KSAPU adjusts its other protocol: KS's ready list shows the case without a reload.
    await suite.seed.adjust(late);
    await soon(
      async () => expect(await ready.textContent()).toContain('Köp av fastigheten Näsbyn 1:2'),
      JOBS_WITHIN_MS,
    );

    for (const title of [
      'Ny taxa för slamtömning',
      'Belysning av gång- och cykelvägar',
      'Köp av fastigheten Näsbyn 1:2',
    ]) {
      await secretary.getByRole('button', { name: `Lägg till på dagordningen: ${title}` }).click();
      await soon(async () =>
        expect(await secretary.getByTestId('agenda-title').allTextContents()).toContain(title),
      );
    }
    await secretary.getByRole('button', { name: 'Publicera kallelsen' }).click();
    await secretary.getByText('Kallat', { exact: true }).first().waitFor();

    // The protocol: upprop with a substitute, the chair and the justerare.
    await secretary.getByRole('link', { name: 'Protokollet' }).click();
    await secretary.getByRole('heading', { name: 'Upprop och val av justerare' }).waitFor();
    await secretary.getByLabel('Demoledamot Ett (M) är närvarande').uncheck();
    await secretary
      .getByLabel('Tjänstgörande ersättare för Demoledamot Ett')
      .selectOption({ label: 'Maria Berg (M)' });
    expect(await secretary.getByLabel('Ordförande', { exact: true }).inputValue()).toBe(
      String(await suite.seed.userId('Susanne Andersson')),
    );
    await secretary
      .getByLabel('Justerare', { exact: true })
      .selectOption({ label: 'Demoledamot Två (C)' });
    expect(await seriousViolations(secretary)).toEqual([]);
    await secretary.getByRole('button', { name: 'Öppna protokollet' }).click();
    await secretary.getByTestId('paragraph-editor').waitFor();

    // The first case: decision, yrkanden, jäv, a roll-call vote, a reservation, expediering.
    const nav = secretary.getByRole('navigation', { name: 'Protokollets punkter' });
    await nav.getByRole('button', { name: /Ny taxa för slamtömning/ }).click();
    const editor = secretary.getByTestId('paragraph-editor');
    await editor
      .getByLabel('Beslut', { exact: true })
      .fill('Kommunstyrelsen föreslår kommunfullmäktige besluta att anta taxan för slamtömning.');
    for (const [by, text] of [
      ['Susanne Andersson', 'bifall till arbetsutskottets förslag.'],
      ['Olof Nilsson', 'avslag på förslaget.'],
    ]) {
      await editor.getByLabel('Vem yrkar').selectOption(by!);
      await editor.getByLabel('Yrkande (t.ex. ”avslag på förslaget.”)').fill(text!);
      await editor.getByRole('button', { name: 'Lägg till yrkande' }).click();
      await soon(async () =>
        expect(await editor.getByRole('list', { name: 'Yrkanden' }).textContent()).toContain(text),
      );
    }
    await editor.getByLabel('Karin Lindberg anmäler jäv').check();
    await allSaved(secretary);
    await editor.getByLabel('Omröstning begärs').check();
    await editor
      .getByLabel('Propositionsordning för omröstningen')
      .fill('Ja för arbetsutskottets förslag, nej för Olof Nilssons avslagsyrkande');
    // Karin Lindberg left for jäv: she is not in the vote list.
    const voters = await editor.getByTestId('ballot-row').locator('th').allTextContents();
    expect(voters.map((name) => name.replace(' (ordförande)', ''))).toEqual([
      'Susanne Andersson',
      'Demoledamot Två',
      'Olof Nilsson',
      'Maria Berg',
    ]);
    const tally = editor.getByTestId('tally');
    await editor.getByLabel('Susanne Andersson: Ja').check();
    await editor.getByLabel('Olof Nilsson: Nej').check();
    expect(await tally.textContent()).toContain('Lika röstetal: ordförandens röst (ja) avgör');
    await editor.getByLabel('Demoledamot Två: Ja').check();
    await editor.getByLabel('Maria Berg: Avstår').check();
    expect(await tally.textContent()).toBe(
      'Ja 2 · Nej 1 · Avstår 1 · 4 av 4 har röstat. Ja har vunnit.',
    );
    await editor.getByLabel('Olof Nilsson reserverar sig').check();
    await allSaved(secretary);
    await editor.getByLabel('Mottagare').fill('Ekonomienheten');
    await editor.getByRole('button', { name: 'Lägg till mottagare' }).click();
    await allSaved(secretary);
    expect(await seriousViolations(secretary)).toEqual([]);
    await screenshot(secretary, 'protocol-editor');

    // The next case, without a page load: its decision, then omedelbar justering.
    await secretary.getByRole('button', { name: 'Nästa punkt' }).click();
    await soon(async () =>
      expect(await editor.getByRole('heading', { level: 2 }).textContent()).toContain(
        'Belysning av gång- och cykelvägar',
      ),
    );
    await editor
      .getByLabel('Beslut', { exact: true })
      .fill('Kommunstyrelsen beslutar att bifalla förslaget.');
    await allSaved(secretary);
    await editor.getByRole('button', { name: /^Omedelbar justering av punkt/ }).click();
    await editor.getByRole('button', { name: /^Justera punkt \d+ omedelbart$/ }).click();
    await soon(async () =>
      expect(await secretary.getByTestId('protocol-message').textContent()).toContain(
        'justeras omedelbart',
      ),
    );

    // Justering's day and place, then lock.
    await secretary
      .getByText('Närvaro, ordförande, justerare och justeringens tid och plats')
      .click();
    await secretary.getByLabel('Justeringsdag').fill('2026-12-16');
    await secretary.getByLabel('Klockslag').fill('13:00');
    await secretary.getByLabel('Plats för justering').fill('Kommunkansliet');
    await secretary.getByRole('button', { name: 'Spara närvaron' }).click();
    await soon(async () =>
      expect(await secretary.getByTestId('attendance-summary').textContent()).toContain(
        'Kommunkansliet',
      ),
    );
    await secretary.getByRole('button', { name: 'Lås och numrera protokollet' }).click();
    await secretary.getByRole('button', { name: 'Ja, lås protokollet' }).click();
    await secretary.getByRole('link', { name: 'Till justeringen och underskrifterna' }).waitFor();

    // What the api holds is what was entered.
    const locked = await protocolOf(meetingId);
    expect(locked.status).toBe('locked');
    expect(locked.attendance!.substitutes).toEqual([
      { name: 'Maria Berg', party: 'M', replacing: 'Demoledamot Ett' },
    ]);
    expect(locked.adjusterUserIds).toEqual([await suite.seed.userId('Demoledamot Två')]);
    const voted = locked.paragraphs.find((paragraph) => paragraph.caseId === taxa)!;
    expect(voted.proceedings.jav).toEqual(['Karin Lindberg']);
    expect(voted.proceedings.yrkanden.map((yrkande) => yrkande.by)).toEqual([
      'Susanne Andersson',
      'Olof Nilsson',
    ]);
    expect(voted.proceedings.votering).toMatchObject({ ja: 2, nej: 1, avstar: 1, result: 'ja' });
    expect(voted.proceedings.votering!.ballots.map((ballot) => ballot.member)).not.toContain(
      'Karin Lindberg',
    );
    expect(voted.proceedings.reservations).toEqual([{ member: 'Olof Nilsson', reasons: null }]);
    expect(voted.proceedings.expediering).toEqual([{ name: 'Ekonomienheten' }]);
    const numbers = locked.paragraphs.map((paragraph) => paragraph.number!);
    expect(
      numbers.every((number, index) => index === 0 || number === numbers[index - 1]! + 1),
    ).toBe(true);
    const immediate = locked.paragraphs.find((paragraph) => paragraph.caseId === belysning)!;
    expect(immediate.immediateHash).toMatch(/^[0-9a-f]{64}$/);

    // The chair signs in her own browser: first the paragraph put to immediate justering.
    const chair = await suite.person();
    await signIn(chair, 'ordforande');
    await chair.getByRole('region', { name: 'Att justera' }).waitFor();
    expect(await seriousViolations(chair)).toEqual([]);
    await chair.getByRole('link', { name: /^Protokoll Kommunstyrelsen/ }).click();
    await chair.getByTestId('content-hash').waitFor();
    expect(await chair.getByTestId('content-hash').textContent()).toBe(locked.contentHash);
    await chair
      .getByRole('button', { name: `Jag justerar § ${immediate.number} omedelbart` })
      .click();
    await chair.getByRole('button', { name: 'Jag har läst protokollet och justerar det' }).click();
    await soon(async () =>
      expect(await chair.getByTestId('justering-message').textContent()).toBe('Du har signerat.'),
    );

    // Olof Nilsson's written reasons come in: the protocol changes, the chair's signature drops.
    await secretary.getByRole('button', { name: /Ny taxa för slamtömning/ }).click();
    await editor
      .getByLabel('Skriftliga skäl för Olof Nilssons reservation')
      .fill('Taxan höjs mer än kostnaderna motiverar.');
    await editor.getByRole('button', { name: 'Spara skälen' }).click();
    await soon(async () =>
      expect(await secretary.getByTestId('protocol-message').textContent()).toContain(
        'behöver signeras igen',
      ),
    );
    await chair.reload();
    await soon(async () =>
      expect(await chair.getByTestId('dropped-signatures').textContent()).toContain(
        'Underskrifterna från Susanne Andersson gäller inte längre',
      ),
    );
    expect(await seriousViolations(chair)).toEqual([]);
    await chair.getByRole('button', { name: 'Jag har läst protokollet och justerar det' }).click();
    await soon(async () =>
      expect(await chair.getByTestId('justering-message').textContent()).toBe('Du har signerat.'),
    );

    // The justerare signs in his own browser with the keyboard alone: the paragraph, then all.
    const adjuster = await suite.person();
    await signIn(adjuster, 'justerare');
    const toSign = adjuster.getByRole('link', { name: /^Protokoll Kommunstyrelsen/ });
    await tabTo(adjuster, toSign);
    await adjuster.keyboard.press('Enter');
    await adjuster.getByTestId('content-hash').waitFor();
    await tabTo(
      adjuster,
      adjuster.getByRole('button', { name: `Jag justerar § ${immediate.number} omedelbart` }),
    );
    await adjuster.keyboard.press('Enter');
    await soon(async () =>
      expect(await adjuster.getByTestId('justering-message').textContent()).toBe(
        'Du har signerat.',
      ),
    );
    await adjuster.locator('body').focus();
    await tabTo(
      adjuster,
      adjuster.getByRole('button', { name: 'Jag har läst protokollet och justerar det' }),
    );
    await adjuster.keyboard.press('Enter');
    await soon(async () =>
      expect(await adjuster.getByTestId('justering-message').textContent()).toBe(
        'Du har signerat. Protokollet är justerat.',
      ),
    );

    // The anslag's dates as the api has them, and the extracts.
    await adjuster.getByTestId('anslag').waitFor({ timeout: JOBS_WITHIN_MS });
    const adjusted = await protocolOf(meetingId);
    const notice = (
      await suite.seed.call<{
        notices: Array<{
          protocolId: number;
          postedOn: string;
          appealEndsOn: string;
          removedOn: string;
        }>;
      }>('sekreterare', 'GET', '/api/v1/public/kalix/anslag')
    ).notices.find((candidate) => candidate.protocolId === adjusted.id)!;
    expect(await adjuster.getByTestId('anslag-posted').textContent()).toBe(
      longDate(notice.postedOn),
    );
    expect(await adjuster.getByTestId('anslag-appeal').textContent()).toBe(
      longDate(notice.appealEndsOn),
    );
    expect(await adjuster.getByTestId('anslag-removed').textContent()).toBe(
      longDate(notice.removedOn),
    );
    expect(await adjuster.getByTestId('adjusted').textContent()).toContain(
      `Utdrag § ${voted.number}: Ny taxa för slamtömning`,
    );
    expect(await seriousViolations(adjuster)).toEqual([]);
    await screenshot(adjuster, 'justering');
    expect(adjusted.status).toBe('adjusted');
    expect(
      adjusted.paragraphs.find((paragraph) => paragraph.id === immediate.id)!.adjustedAt,
    ).not.toBeNull();
  });

  it('records a paragraph with the keyboard alone, explains a tie, and lets the secretary keep her text when someone else changed it', async () => {
    const caseId = await suite.seed.readyCase('Riktlinjer för representation');
    const meetingId = await suite.seed.summonedMeeting('KSAPU', '2026-12-09T09:00', [caseId]);
    await suite.seed.call('sekreterare', 'POST', `/api/v1/meetings/${meetingId}/protocol`, {
      chairUserId: await suite.seed.userId('Susanne Andersson'),
      adjusterUserIds: [await suite.seed.userId('Demoledamot Två')],
      attendance: {
        members: [
          { name: 'Susanne Andersson', party: 'S' },
          { name: 'Demoledamot Två', party: 'C' },
        ],
        substitutes: [],
        others: [],
      },
    });
    const page = await suite.person();
    await signIn(page, 'sekreterare');
    await page.goto(`/moten/${meetingId}/protokoll`);
    const editor = page.getByTestId('paragraph-editor');
    await editor.waitFor();
    await page.locator('body').focus();

    await tabTo(page, page.getByRole('button', { name: /Riktlinjer för representation/ }));
    await page.keyboard.press('Enter');
    await soon(async () =>
      expect(await editor.getByRole('heading', { level: 2 }).textContent()).toContain(
        'Riktlinjer för representation',
      ),
    );
    await tabTo(page, editor.getByLabel('Beslut', { exact: true }));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Arbetsutskottet föreslår kommunstyrelsen att anta riktlinjerna.');
    await tabTo(page, editor.getByLabel('Omröstning begärs'));
    await page.keyboard.press('Space');
    await tabTo(page, editor.getByLabel('Propositionsordning för omröstningen'));
    await page.keyboard.type('Ja för förslaget, nej för avslag');
    await tabTo(page, editor.getByLabel('Susanne Andersson: Ja'));
    await page.keyboard.press('Space');
    // A radio group is one Tab stop; the arrows move within it, as they choose.
    await tabTo(page, editor.getByLabel('Demoledamot Två: Ja'));
    await page.keyboard.press('ArrowRight');
    expect(await editor.getByLabel('Demoledamot Två: Nej').isChecked()).toBe(true);
    expect(await editor.getByTestId('tally').textContent()).toBe(
      'Ja 1 · Nej 1 · Avstår 0 · 2 av 2 har röstat. Lika röstetal: ordförandens röst (ja) avgör, ja har vunnit.',
    );
    await allSaved(page);
    const saved = await protocolOf(meetingId);
    const paragraph = saved.paragraphs.find((candidate) => candidate.caseId === caseId)!;
    expect(paragraph.decisionText).toBe(
      'Arbetsutskottet föreslår kommunstyrelsen att anta riktlinjerna.',
    );
    expect(paragraph.proceedings.votering).toMatchObject({
      ja: 1,
      nej: 1,
      result: 'ja',
      castingVote: true,
    });

    // A member who leaves the room for the paragraph leaves its vote in the same save.
    await tabTo(page, editor.getByLabel('Demoledamot Två lämnar sammanträdet'));
    await page.keyboard.press('Space');
    await allSaved(page);
    await soon(async () =>
      expect(await editor.getByTestId('ballot-row').locator('th').allTextContents()).toEqual([
        'Susanne Andersson (ordförande)',
      ]),
    );
    const left = (await protocolOf(meetingId)).paragraphs.find(
      (candidate) => candidate.id === paragraph.id,
    )!;
    expect(left.proceedings.votering).toMatchObject({ ja: 1, nej: 0, result: 'ja' });
    const current = await protocolOf(meetingId);

    // Someone else saves the same paragraph's decision text; hers comes second and is kept by choice.
    await suite.seed.call(
      'sekreterare',
      'PATCH',
      `/api/v1/protocols/${saved.id}/paragraphs/${paragraph.id}`,
      { version: current.version, decisionText: 'En annan formulering.' },
    );
    await tabTo(page, editor.getByLabel('Beslut', { exact: true }));
    await page.keyboard.press('End');
    await page.keyboard.type(' Riktlinjerna gäller från 1 januari.');
    const conflict = page.getByTestId('protocol-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Någon annan ändrade beslutstexten i punkt');
    expect(await seriousViolations(page)).toEqual([]);
    await tabTo(page, conflict.getByRole('button', { name: 'Behåll min ändring' }));
    await page.keyboard.press('Enter');
    await allSaved(page);
    await soon(async () =>
      expect(
        (await protocolOf(meetingId)).paragraphs.find((candidate) => candidate.id === paragraph.id)!
          .decisionText,
      ).toBe(
        'Arbetsutskottet föreslår kommunstyrelsen att anta riktlinjerna. Riktlinjerna gäller från 1 januari.',
      ),
    );
  });
});
