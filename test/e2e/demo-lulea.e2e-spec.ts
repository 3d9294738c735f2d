import { FixedClock } from '@nf/common';
import { DemoLulea, loadLuleaFixtures } from '@nf/demo';
import { FollowUpScheduler } from '@nf/followups-jobs';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { binary } from '../support/binary';
import { login } from '../support/identity';
import { pdfText } from '../support/pdf-text';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';

const { plan2024, plan2025 } = loadLuleaFixtures();
const TRENDS: Record<string, string> = { up: 'Uppåt', down: 'Nedåt', flat: 'Oförändrad' };

describe('The Luleå demo: the verksamhetsplan 2025 adopted, the årsuppföljning 2024 from its plan', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  const clock = new FixedClock('2026-12-03T08:00:00Z');
  let api: ApiHarness;
  let worker: WorkerHarness;
  let token: string;
  let seeded: boolean[];
  const http = () => request(api.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${token}` });
  const pdf = async (path: string) =>
    pdfText(
      (await http().get(path).set(auth()).buffer(true).parse(binary).expect(200)).body as Buffer,
    );

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock, demoOnStart: false });
    worker = await startWorker(config, { clock });
    seeded = [await api.app.get(DemoLulea).seed(), await api.app.get(DemoLulea).seed()];
    token = (await login(api, 'lulea', 'controller')).accessToken;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('is loaded once: a second run finds Luleå there and does nothing', () => {
    expect(seeded).toEqual([true, false]);
  });

  it('holds both plans adopted, the 2025 plan in the seed’s structure with its goals, indicators and budget', async () => {
    const plans = (await http().get('/api/v1/plans').set(auth()).expect(200)).body as Array<{
      id: number;
      firstYear: number;
      status: string;
      dnr: string;
      content: { goals: unknown[]; assignments: unknown[] };
    }>;
    expect(plans.map((p) => [p.firstYear, p.status])).toEqual([
      [2025, 'adopted'],
      [2024, 'adopted'],
    ]);
    const [plan] = plans;
    expect(plan.content.goals).toHaveLength(plan2025.goals.length);
    expect(plan.content.assignments).toHaveLength(plan2025.assignments.length);
    const text = await pdf(`/api/v1/plans/${plan.id}/document`);
    expect(text).toContain('Verksamhetsplan 2025 – Kommunstyrelsen');
    expect(text).toContain(`Dnr ${plan.dnr}`);
    expect(text).toContain('Antagen 9 december 2024.');
    for (const area of plan2025.areas) expect(text).toContain(`Prioriterat område: ${area.title}`);
    for (const goal of plan2025.goals) expect(text).toContain(goal.title);
    for (const a of plan2025.assignments) expect(text).toContain(a.title);
    // The indicators with the outcomes the plan prints, and no target (its Mål columns are empty).
    expect(text).toMatch(/Skyddad natur, land, andel \(%\)\. Källa: Kolada 4 4 – –/);
    expect(text).toMatch(
      /Företagsklimat enl\. Svenskt Näringsliv, ranking \(plats\)\. Källa: Svenskt Näringsliv 267 270 275 –/,
    );
    // The drift budget 2025 as printed (mkr), and the investment budget.
    expect(text).toContain('Kommundirektör -7,0');
    expect(text).toContain('Summa -276,5');
    expect(text).toContain('Exploatering arbetsplatsområden 75,4');
    expect(text).toContain('Summa 109,6');
  });

  it('holds the årsuppföljning 2024 drafted from its plan, written as the seed and decided by KS, with the drift totals as printed', async () => {
    const overview = (await http().get('/api/v1/annual-followups').set(auth()).expect(200)).body;
    const [{ id: reportId }] = await api.dataSource.query(
      "SELECT r.id FROM followup_reports r WHERE r.status = 'final' AND JSON_VALUE(r.content, '$.year') = 2024",
    );
    const report = (
      await http().get(`/api/v1/followup-reports/${reportId}`).set(auth()).expect(200)
    ).body;
    expect(report).toMatchObject({
      status: 'final',
      content: { year: 2024, kind: 'arsuppfoljning' },
    });
    expect(report.content.goals.map((g: { assessment: string }) => g.assessment)).toEqual(
      plan2024.goals.map((g) => g.assessment),
    );
    expect(overview.boards).toHaveLength(1);
    const text = await pdf(`/api/v1/followup-reports/${reportId}/document`);
    expect(text).toContain('Årsuppföljning 2024 – Kommunstyrelsen');
    for (const goal of plan2024.goals) {
      expect(text).toContain(goal.title);
      expect(text).toContain(
        `Bedömning: ${goal.assessment ?? 'Ej bedömt'}. Trend: ${TRENDS[goal.trend]}.`,
      );
    }
    for (const indicator of plan2024.indicators) expect(text).toContain(indicator.name);
    expect(text).toContain('Summa -284,8 -281,7 -3,1');
    // The 2025 plan's new ansvar have no 2024 figures: not in 2024's table.
    expect(text).not.toContain('Facklig verksamhet');
    expect(text).toContain('Summa 205,1 -95,4 300,4');
  });

  it("opens the follow-up of 2025 on the worker's sweep and drafts it from the 2025 plan", async () => {
    const scheduler = worker.app.get(FollowUpScheduler);
    await scheduler.sweep();
    await scheduler.sweep();
    const [row] = (await api.dataSource.query(
      "SELECT r.id FROM followup_reports r WHERE JSON_VALUE(r.content, '$.year') = 2025",
    )) as Array<{ id: string }>;
    expect(row).toBeDefined();
    token = (await login(api, 'lulea', 'controller')).accessToken;
    const report = (await http().get(`/api/v1/followup-reports/${row.id}`).set(auth()).expect(200))
      .body;
    expect(report.status).toBe('draft');
    expect(report.content.goals.map((g: { title: string }) => g.title)).toEqual(
      plan2025.goals.map((g) => g.title),
    );
    expect(report.content.kfAssignments.map((a: { title: string }) => a.title)).toEqual(
      plan2025.assignments.map((a) => a.title),
    );
  });
});
