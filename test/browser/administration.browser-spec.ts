import { screenshot, seriousViolations, signIn, soon } from '../support/browser';
import { browserSuite } from '../support/browser-suite';

jest.setTimeout(180_000);

const LISA_PASSWORD = 'ett-langt-losenord-lisa';

describe('Administration in the browser', () => {
  const suite = browserSuite();

  it('gives a person a seat on KS, and that user then sees KS’s meetings', async () => {
    // A KS meeting three weeks from today: a coming one, whenever the test runs.
    const ks = await suite.seed.organId('KS');
    const day = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    await suite.seed.call('sekreterare', 'POST', `/api/v1/organs/${ks}/meeting-plan`, {
      year: Number(day.slice(0, 4)),
      meetings: [{ startsAt: `${day}T13:00`, place: 'Sessionssalen' }],
    });
    const spoken = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Stockholm',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(`${day}T12:00:00Z`));
    // A new member's person and user, as the kansli sets them up; no seat yet.
    const person = await suite.seed.call<{ id: number }>('admin', 'POST', '/api/v1/people', {
      name: 'Lisa Holm',
      party: 'L',
    });
    await suite.seed.call('admin', 'POST', '/api/v1/users', {
      username: 'lisa.holm',
      displayName: 'Lisa Holm',
      personId: person.id,
      password: LISA_PASSWORD,
    });
    const lisa = await suite.person();
    await signIn(lisa, 'lisa.holm', LISA_PASSWORD);
    await lisa
      .getByText('Du är inte ledamot, ersättare eller sekreterare i något organ.')
      .waitFor();

    const admin = await suite.person();
    await signIn(admin, 'admin');
    await admin.getByRole('link', { name: 'Administration' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Användare och roller' }).waitFor();
    expect(await admin.getByTestId('users').textContent()).toContain('Lisa Holm');
    expect(await seriousViolations(admin)).toEqual([]);
    await admin
      .getByRole('navigation', { name: 'Administration' })
      .getByRole('link', { name: 'Organ och platser' })
      .click();
    await admin.getByRole('heading', { name: 'Platser i Kommunstyrelsen' }).waitFor();
    await admin.getByLabel('Person', { exact: true }).selectOption({ label: 'Lisa Holm' });
    await admin.getByLabel('Roll').selectOption({ label: 'ledamot' });
    await admin.getByLabel('Parti').fill('L');
    await admin.getByRole('button', { name: 'Ge platsen' }).click();
    await soon(async () =>
      expect(await admin.getByTestId('seats-message').textContent()).toBe(
        'Lisa Holm har fått en plats i Kommunstyrelsen.',
      ),
    );
    await soon(async () =>
      expect(await admin.getByTestId('seats').textContent()).toContain('Lisa Holm'),
    );
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-seats');

    // Lisa's next page load: KS's meeting is hers to read.
    await lisa.reload();
    const meeting = lisa.getByRole('link', { name: `Kommunstyrelsen, ${spoken} kl. 13:00` });
    await meeting.waitFor();
    await meeting.click();
    await lisa.getByText('Dina anteckningar till punkterna ser bara du.').waitFor();
    const seats = await suite.seed.call<Array<{ personId: number; role: string; party: string }>>(
      'admin',
      'GET',
      `/api/v1/organs/${ks}/memberships`,
    );
    expect(seats).toContainEqual(
      expect.objectContaining({ personId: person.id, role: 'ledamot', party: 'L' }),
    );
  });

  it('sets up a user with roles and a service account shown once, and tells the audit trail in words without a private note’s text', async () => {
    const admin = await suite.person();
    await signIn(admin, 'admin');
    await admin.goto('/administration/anvandare');
    await admin.getByLabel('Namn', { exact: true }).fill('Kim Registrator');
    await admin.getByLabel('Användarnamn').fill('kim.registrator');
    await admin.getByLabel('Första lösenord').fill('ett-langt-losenord-kim');
    await admin
      .getByRole('group', { name: 'Roller', exact: true })
      .getByLabel('Registrator')
      .check();
    await admin.getByRole('button', { name: 'Lägg upp användaren' }).click();
    await soon(async () =>
      expect(await admin.getByTestId('users-message').textContent()).toBe(
        'Kim Registrator är upplagd.',
      ),
    );
    const users = await suite.seed.call<
      Array<{ username: string; roles: Array<{ role: string }> }>
    >('admin', 'GET', '/api/v1/users');
    expect(users.find((user) => user.username === 'kim.registrator')!.roles).toEqual([
      { role: 'registrator', organId: null },
    ]);

    await admin.goto('/administration/tjanstekonton');
    await admin.getByLabel('Namn', { exact: true }).fill('E-arkiv');
    await admin.getByLabel('Registrator').check();
    await admin.getByRole('button', { name: 'Skapa tjänstekontot' }).click();
    const issued = admin.getByTestId('issued-token');
    await issued.waitFor();
    const token = (await issued.locator('code').textContent())!;
    // The token works once shown, and is not shown again.
    const cases = await fetch(`${suite.system.baseUrl}/api/v1/cases?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(cases.status).toBe(200);
    expect(await seriousViolations(admin)).toEqual([]);
    await admin.reload();
    await admin.getByRole('cell', { name: 'E-arkiv', exact: true }).waitFor();
    expect(await admin.getByText(token).count()).toBe(0);

    // The secretary moves an item up; a member writes a private note on the same meeting.
    const meetingId = await suite.seed.ksapuMeeting('2027-05-03');
    type Agenda = { version: number; items: Array<{ id: number }> };
    let agenda = await suite.seed.call<Agenda>(
      'sekreterare',
      'GET',
      `/api/v1/meetings/${meetingId}`,
    );
    for (const title of ['Information om budgetläget', 'Information från revisionen']) {
      agenda = await suite.seed.call<Agenda>(
        'sekreterare',
        'POST',
        `/api/v1/meetings/${meetingId}/items`,
        { version: agenda.version, kind: 'information', title },
      );
    }
    const ids = agenda.items.map((item) => item.id);
    const reordered = [...ids];
    [reordered[ids.length - 1], reordered[ids.length - 2]] = [
      reordered[ids.length - 2]!,
      reordered[ids.length - 1]!,
    ];
    await suite.seed.call('sekreterare', 'PUT', `/api/v1/meetings/${meetingId}/order`, {
      version: agenda.version,
      itemIds: reordered,
    });
    const secretNote = 'Fråga om kostnaden innan mötet';
    await suite.seed.call(
      'justerare',
      'PUT',
      `/api/v1/meetings/${meetingId}/items/${ids[0]}/my-note`,
      { text: secretNote },
    );

    await admin.goto(`/moten/${meetingId}`);
    await admin.getByRole('link', { name: 'Händelser' }).click();
    const trail = admin.getByTestId('audit-trail');
    await soon(async () =>
      expect(await trail.textContent()).toMatch(
        new RegExp(
          `Helena Landström ändrade dagordningen \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}: flyttade punkt ${ids.length} före punkt ${ids.length - 1}`,
        ),
      ),
    );
    expect(await seriousViolations(admin)).toEqual([]);
    await screenshot(admin, 'audit-trail');
    // Private notes are in the log as written, never with their text.
    await admin.getByLabel('Gäller').selectOption('private-note');
    await admin.getByLabel('Nummer (id)').fill('');
    await admin.getByRole('button', { name: 'Visa' }).click();
    await soon(async () =>
      expect(await trail.textContent()).toContain('Demoledamot Två skrev en privat anteckning'),
    );
    expect(await admin.content()).not.toContain(secretNote);
  });

  it('keeps the delegation order and the municipality’s settings', async () => {
    const admin = await suite.person();
    await signIn(admin, 'admin');
    await admin.goto('/administration/delegation');
    await admin.getByRole('heading', { name: 'Punkter' }).waitFor();
    await admin.getByLabel('Punkt', { exact: true }).fill('3.4');
    await admin.getByLabel('Ärende', { exact: true }).fill('Beslut om bidrag till föreningar');
    await admin.getByLabel('Delegat').fill('Kultur- och fritidschef');
    await admin.getByLabel('Högsta belopp (kr)').fill('50000');
    await admin.getByRole('button', { name: 'Lägg till punkten' }).click();
    await admin.getByText('Punkt 3.4 är tillagd.').waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    const order = await suite.seed.call<{
      points: Array<{ code: string; limitAmount: number | null; delegates: string | null }>;
    }>('admin', 'GET', `/api/v1/organs/${await suite.seed.organId('KS')}/delegation-order`);
    expect(order.points.find((point) => point.code === '3.4')).toMatchObject({
      limitAmount: 50000,
      delegates: 'Kultur- och fritidschef',
    });

    await admin.goto('/administration/installningar');
    const format = admin.getByLabel('Format för diarienummer');
    await format.waitFor();
    await format.fill('KS {year}/{serial:4}');
    expect(await admin.getByTestId('dnr-example').textContent()).toMatch(
      /^Så ser ett diarienummer ut: KS \d{4}\/0042$/,
    );
    expect(await seriousViolations(admin)).toEqual([]);
  });
});
