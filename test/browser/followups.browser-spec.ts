import { apiCall, apiToken, screenshot, seriousViolations, signIn, soon } from '../support/browser';
import { browserSuite } from '../support/browser-suite';

// The worker's follow-up sweep runs once a minute: a proposal or an opened report waits for it.
jest.setTimeout(240_000);
const SWEEP_MS = 150_000;

interface Obligation {
  id: number;
  caseId: number | null;
  status: string;
  rrule: string | null;
  firstDue: string | null;
}

describe('Follow-ups in the browser', () => {
  const suite = browserSuite();

  it('confirms a proposed obligation with a corrected first due date', async () => {
    // A KS decision with a follow-up clause, as the workflow records it.
    const record = await suite.seed.call<{ id: number }>('registrator', 'POST', '/api/v1/cases', {
      title: 'Plan för digital utveckling',
      organId: await suite.seed.organId('KS'),
      responsibleUserId: await suite.seed.userId('Jeanette Larsson'),
    });
    await suite.seed.call('registrator', 'POST', `/api/v1/cases/${record.id}/route`, {
      template: 'ks-direkt',
    });
    const draft = await suite.seed.call<{ id: number; version: number }>(
      'handlaggare',
      'POST',
      `/api/v1/cases/${record.id}/tjansteskrivelser`,
      {
        authorTitle: 'Utredare',
        proposalClauses: ['godkänna planen för digital utveckling'],
        followUpClause:
          'Nästa uppföljning sker februari 2027, därefter sker uppföljning årligen i februari månad.',
      },
    );
    await suite.seed.call('handlaggare', 'POST', `/api/v1/tjansteskrivelser/${draft.id}/submit`, {
      version: draft.version,
    });
    await soon(async () => {
      const timeline = await suite.seed.call<{
        route: { currentStep: number };
        steps: Array<{ state: string }>;
      }>('sekreterare', 'GET', `/api/v1/cases/${record.id}/timeline`);
      expect(timeline.steps[timeline.route.currentStep]!.state).toBe('ready');
    }, 60_000);
    await suite.seed.call('sekreterare', 'POST', `/api/v1/cases/${record.id}/outcomes`, {
      kind: 'decision',
      text: 'Kommunstyrelsen beslutar att godkänna planen.',
      meetingDate: '2026-11-30',
      paragraph: 201,
    });
    const proposed = async () =>
      (await suite.seed.call<Obligation[]>('handlaggare', 'GET', '/api/v1/obligations')).find(
        (obligation) => obligation.caseId === record.id,
      );
    await soon(async () => expect((await proposed())?.status).toBe('proposed'), SWEEP_MS);
    expect(await proposed()).toMatchObject({
      rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
      firstDue: '2027-02-28',
    });

    const page = await suite.person();
    await signIn(page, 'handlaggare');
    await page.getByRole('link', { name: 'Uppföljningar' }).click();
    const proposal = page
      .getByTestId('proposal')
      .filter({ hasText: 'Plan för digital utveckling' });
    await proposal.waitFor();
    expect(await proposal.textContent()).toContain(
      'Beslutet säger: ”Nästa uppföljning sker februari 2027, därefter sker uppföljning årligen i februari månad.”',
    );
    expect(await proposal.getByTestId('reading').textContent()).toContain(
      'första gången 28 februari 2027',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'followups');
    // The board meant February 2028 for the first report (the plan's first full year).
    await proposal.getByLabel('Första uppföljning').fill('2028-02-29');
    await proposal.getByRole('button', { name: 'Bekräfta uppföljningen' }).click();
    await soon(async () => expect(await proposal.count()).toBe(0));
    expect(await proposed()).toMatchObject({
      status: 'active',
      firstDue: '2028-02-29',
      rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
    });
  });

  it('shows the second of two people editing the årsuppföljning at once that the first saved, and keeps both apart', async () => {
    // Luleå's KS follow-up of 2025 opens (drafted from the 2025 plan) at the sweep.
    const token = await apiToken(suite.system.baseUrl, 'controller', 'demo', 'lulea');
    type Overview = {
      boards: Array<{ organName: string | null; report: { id: number; status: string } | null }>;
    };
    let reportId = 0;
    await soon(async () => {
      const overview = await apiCall<Overview>(
        suite.system.baseUrl,
        token,
        'GET',
        '/api/v1/annual-followups',
      );
      const draft = overview.boards.find((board) => board.report?.status === 'draft');
      expect(draft).toBeDefined();
      reportId = draft!.report!.id;
    }, SWEEP_MS);

    const controller = await suite.person();
    const admin = await suite.person();
    await signIn(controller, 'controller', 'demo', 'Luleå kommun');
    await signIn(admin, 'admin', 'demo', 'Luleå kommun');
    await controller.getByRole('link', { name: 'Uppföljningar' }).click();
    await controller.getByTestId('annual-overview').waitFor();
    expect(await seriousViolations(controller)).toEqual([]);
    await controller.getByRole('link', { name: 'Öppna rapporten' }).first().click();
    await controller.getByTestId('report-goal').first().waitFor();
    await admin.goto(`/uppfoljningar/rapporter/${reportId}`);
    await admin.getByTestId('report-goal').first().waitFor();
    expect(controller.url()).toContain(`/uppfoljningar/rapporter/${reportId}`);

    // The controller assesses the first goal and saves.
    const firstGoal = controller.getByTestId('report-goal').first();
    await firstGoal.getByLabel('Bedömning').selectOption('I hög grad uppfyllt');
    await firstGoal.getByLabel('Trend').selectOption({ label: 'Förbättras' });
    await controller.getByRole('button', { name: 'Spara rapporten' }).click();
    await soon(async () =>
      expect(await controller.getByTestId('report-message').textContent()).toContain(
        'Rapporten är sparad',
      ),
    );
    expect(await controller.getByTestId('indicator-chart').count()).toBeGreaterThan(0);
    expect(await seriousViolations(controller)).toEqual([]);
    await controller.getByRole('heading', { name: 'Mål', exact: true }).scrollIntoViewIfNeeded();
    await controller.mouse.wheel(0, -80);
    await screenshot(controller, 'followup-report', { keepScroll: true });

    // The admin, still on the version read before, writes a comment and saves: a conflict.
    const adminGoal = admin.getByTestId('report-goal').first();
    await adminGoal.getByRole('textbox').fill('Målet nås med god marginal.');
    await admin.getByRole('button', { name: 'Spara rapporten' }).click();
    const conflict = admin.getByTestId('report-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Någon annan sparade rapporten');
    expect(await adminGoal.getByRole('textbox').inputValue()).toBe('Målet nås med god marginal.');
    const stored = await apiCall<{
      version: number;
      content: { goals: Array<{ assessment: string | null; comment: string }> };
    }>(suite.system.baseUrl, token, 'GET', `/api/v1/followup-reports/${reportId}`);
    expect(stored.content.goals[0]!.assessment).toBe('I hög grad uppfyllt');
    expect(stored.content.goals[0]!.comment).not.toBe('Målet nås med god marginal.');
    expect(await seriousViolations(admin)).toEqual([]);

    // She reads theirs in, and her comment is gone from the screen, theirs there.
    await conflict.getByRole('button', { name: 'Läs in deras version' }).click();
    expect(await adminGoal.getByLabel('Bedömning').inputValue()).toBe('I hög grad uppfyllt');
  });

  it('shows the verksamhetsplan with its goals, indicators and budget, and takes the year’s outcomes by hand and from Kolada', async () => {
    const token = await apiToken(suite.system.baseUrl, 'controller', 'demo', 'lulea');
    const call = <T>(method: string, path: string, body?: unknown) =>
      apiCall<T>(suite.system.baseUrl, token, method, path, body);
    const page = await suite.person();
    await signIn(page, 'controller', 'demo', 'Luleå kommun');
    await page.getByRole('link', { name: 'Planer' }).click();
    const plans = page.getByTestId('plans');
    await plans.waitFor();
    await plans.getByRole('link', { name: /2025/ }).first().click();
    await page.getByTestId('plan-goal').first().waitFor();
    const plan = await call<{
      id: number;
      organId: number;
      firstYear: number;
      content: { goals: Array<{ indicators: Array<{ indicatorId: number }> }> };
    }>('GET', page.url().replace(/.*\/planer\//, '/api/v1/plans/'));
    expect(await page.getByTestId('plan-goal').count()).toBe(plan.content.goals.length);
    await page.getByTestId('plan-budget').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('plan-goal').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'plan', { keepScroll: true });

    // One outcome by hand, one from a Kolada export.
    const indicators = await call<
      Array<{
        id: number;
        kpiId: string | null;
        name: string;
        unit: string;
        outcomes: Array<{ year: number; value: number }>;
      }>
    >('GET', `/api/v1/organs/${plan.organId}/indicators`);
    const year = plan.firstYear - 1;
    const linked = new Set(
      plan.content.goals.flatMap((goal) => goal.indicators.map((link) => link.indicatorId)),
    );
    const byHand = indicators.find((indicator) => linked.has(indicator.id));
    // An indicator from Kolada (the plan's own come from the HR system), defined beside them.
    const fromKolada = await call<{ id: number }>(
      'POST',
      `/api/v1/organs/${plan.organId}/indicators`,
      {
        kpiId: 'N00945',
        name: 'Invånare totalt, antal',
        unit: 'antal',
        source: 'Kolada',
        direction: 'increase',
      },
    );
    await page.getByLabel(`${byHand!.name} (${byHand!.unit})`).fill('12,5');
    await page.getByRole('button', { name: 'Spara utfallen' }).click();
    await soon(async () =>
      expect(await page.getByTestId('outcomes-message').textContent()).toContain(
        `Utfallen för ${year} är sparade`,
      ),
    );
    const { kommunkod } = await call<{ kommunkod: string }>('GET', '/api/v1/municipality');
    await page.getByLabel('Läs in från Kolada (CSV)').setInputFiles({
      name: 'kolada.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `kpi;municipality;period;gender;value\nN00945;${kommunkod};${year};T;80000\n`,
      ),
    });
    await page.getByRole('button', { name: 'Läs in filen' }).click();
    await soon(async () =>
      expect(await page.getByTestId('outcomes-message').textContent()).toContain('1 utfall'),
    );
    const after = await call<
      Array<{ id: number; outcomes: Array<{ year: number; value: number }> }>
    >('GET', `/api/v1/organs/${plan.organId}/indicators`);
    const valueOf = (id: number) =>
      after.find((indicator) => indicator.id === id)!.outcomes.find((o) => o.year === year)?.value;
    expect(valueOf(byHand!.id)).toBe(12.5);
    expect(valueOf(fromKolada.id)).toBe(80000);
  });
});
