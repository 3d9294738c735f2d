import { FixedClock } from '@nf/common';
import { AnnualFollowups } from '@nf/followups';
import { FollowUpScheduler } from '@nf/followups-jobs';
import { MarkCasesDecided } from '@nf/registry';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { binary } from '../support/binary';
import { login, seedTenant, Tenant } from '../support/identity';
import { pdfText } from '../support/pdf-text';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';

/** Luleå KS's 2024 plan as reconstructed from its årsuppföljning (seeds 000, 001, 002). */
const LULEA = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', 'libs', 'demo', 'fixtures', 'lulea-ks-plan-2024.json'),
    'utf8',
  ),
) as {
  kommunkod: string;
  goals: Array<{
    key: string;
    title: string;
    assessment: string | null;
    trend: string;
    comment: string;
  }>;
  indicators: Array<{
    ref: string;
    name: string;
    unit: string;
    source: string;
    direction: string;
    outcomes: Record<string, number>;
    goalKey: string;
    target: Record<string, unknown>;
  }>;
  assignments: Array<{
    key: string;
    title: string;
    givenBy: string;
    status: string;
    comment: string;
  }>;
  drift: { rows: Array<{ code: string; name: string; outcome: number; budget: number }> };
  investering: { rows: Array<{ code: string; name: string; outcome: number; budget: number }> };
  personal: Array<[string, string, number]>;
  sections: Record<string, string>;
};

const TRENDS: Record<string, string> = { up: 'Uppåt', down: 'Nedåt', flat: 'Oförändrad' };

describe('Plan and follow-up: the Luleå årsuppföljning 2024 rebuilt from its plan and figures', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  const clock = new FixedClock('2023-12-04T08:00:00Z');
  let api: ApiHarness;
  let worker: WorkerHarness;
  let tenant: Tenant;
  let ks: number;
  const http = () => request(api.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${tenant.tokens.sekreterare}` });

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock, demoOnStart: false });
    tenant = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    worker = await startWorker(config, { clock });
    [{ id: ks }] = (
      await api.dataSource.query(
        "SELECT id FROM organs WHERE municipality_id = ? AND code = 'KS'",
        [tenant.municipalityId],
      )
    ).map((row: { id: string }) => ({ id: Number(row.id) }));
    // KS's annual follow-up of 2024, due by the end of February 2025.
    await api.app.get(AnnualFollowups).setUp(tenant, ks, { firstDue: '2025-02-28' });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('drafts the report from the adopted plan and prints every goal, indicator and the drift totals as the seed', async () => {
    // The board's indicators, and the plan for 2024 with its goals, targets and KF's assignments.
    const indicatorIds = new Map<string, number>();
    for (const indicator of LULEA.indicators) {
      const created = await http()
        .post(`/api/v1/organs/${ks}/indicators`)
        .set(auth())
        .send({
          name: indicator.name,
          unit: indicator.unit,
          source: indicator.source,
          direction: indicator.direction,
        })
        .expect(201);
      indicatorIds.set(indicator.ref, created.body.id);
    }
    const plan = await http()
      .post('/api/v1/plans')
      .set(auth())
      .send({
        organId: ks,
        firstYear: 2024,
        lastYear: 2024,
        goals: LULEA.goals.map((goal) => ({
          key: goal.key,
          areaKey: null,
          title: goal.title,
          kfGoal: null,
          description: '',
          financing: 'inom ram',
          activities: [],
          indicators: LULEA.indicators
            .filter((indicator) => indicator.goalKey === goal.key)
            .map((indicator) => ({
              indicatorId: indicatorIds.get(indicator.ref),
              targets: [{ year: 2024, ...indicator.target }],
            })),
        })),
        assignments: LULEA.assignments.map((a) => ({
          key: a.key,
          title: a.title,
          givenBy: a.givenBy,
          goalKey: null,
          dueOn: null,
        })),
      })
      .expect(201);
    expect(plan.body).toMatchObject({
      status: 'draft',
      revision: 1,
      title: 'Verksamhetsplan 2024 – Kommunstyrelsen',
    });
    expect(plan.body.dnr).toMatch(/^2023-\d{5}$/);

    // KS decides the plan in December: the sweep finds the case decided and adopts the plan.
    const scheduler = worker.app.get(FollowUpScheduler);
    expect((await scheduler.sweep()).adopted).toBe(0);
    clock.set('2023-12-11T15:00:00Z');
    await api.dataSource.transaction((tx) =>
      api.app
        .get(MarkCasesDecided)
        .execute(tx, tenant, [{ caseId: plan.body.caseId }], clock.now()),
    );
    expect((await scheduler.sweep()).adopted).toBe(1);
    expect((await scheduler.sweep()).adopted).toBe(0);
    tenant.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;
    const adopted = (await http().get(`/api/v1/plans/${plan.body.id}`).set(auth()).expect(200))
      .body;
    expect(adopted.status).toBe('adopted');
    await http()
      .put(`/api/v1/plans/${plan.body.id}`)
      .set(auth())
      .send({ version: adopted.version, goals: [] })
      .expect(409);

    // The year's figures: outcomes by hand, the tables from a file.
    for (const indicator of LULEA.indicators) {
      await http()
        .put(`/api/v1/indicators/${indicatorIds.get(indicator.ref)}/values`)
        .set(auth())
        .send({
          values: Object.entries(indicator.outcomes).map(([year, value]) => ({
            year: Number(year),
            value,
          })),
        })
        .expect(200);
    }
    const csv = [
      'table;code;name;parent;year;period;measure;value',
      ...LULEA.drift.rows.flatMap((row) => [
        `drift;${row.code};${row.name};;2024;Y;outcome;${row.outcome}`,
        `drift;${row.code};${row.name};;2024;Y;budget;${row.budget}`,
      ]),
      ...LULEA.investering.rows.flatMap((row) => [
        `investering;${row.code};${row.name};;2024;Y;outcome;${row.outcome}`,
        `investering;${row.code};${row.name};;2024;Y;budget;${row.budget}`,
      ]),
      ...LULEA.personal.map(
        ([code, name, value]) =>
          `personal;${code};${name};;2024;Y;outcome;${String(value).replace('.', ',')}`,
      ),
    ].join('\n');
    expect(
      (
        await http()
          .post(`/api/v1/organs/${ks}/economy/import`)
          .set(auth())
          .send({ csv })
          .expect(200)
      ).body,
    ).toEqual({ rows: 18 + 2 + LULEA.personal.length, values: 36 + 4 + LULEA.personal.length });
    const drift = (
      await http().get(`/api/v1/organs/${ks}/economy/drift?year=2024`).set(auth()).expect(200)
    ).body;
    expect(drift.total).toMatchObject({ outcome: -284767, budget: -281686, deviation: -3081 });

    // The follow-up opens in January and is drafted from the plan, not from last year's report.
    for (let day = 2; day <= 10; day++) {
      clock.set(`2025-01-${String(day).padStart(2, '0')}T08:00:00Z`);
      await scheduler.sweep();
    }
    tenant.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;
    const [{ id: reportId }] = await api.dataSource.query(
      'SELECT id FROM followup_reports WHERE municipality_id = ? AND organ_id = ?',
      [tenant.municipalityId, ks],
    );
    const draft = (await http().get(`/api/v1/followup-reports/${reportId}`).set(auth()).expect(200))
      .body;
    expect(draft.content).toMatchObject({
      year: 2024,
      kind: 'arsuppfoljning',
      period: 'Y',
      planId: plan.body.id,
    });
    expect(draft.content.goals.map((goal: { title: string }) => goal.title)).toEqual(
      LULEA.goals.map((g) => g.title),
    );
    expect(draft.content.kfAssignments).toHaveLength(LULEA.assignments.length);
    const ranking = draft.figures.goals
      .flatMap((goal: { indicators: unknown[] }) => goal.indicators)
      .find((indicator: { name: string }) =>
        indicator.name.startsWith('Företagsklimat enl. Svenskt'),
      );
    expect(ranking).toMatchObject({
      outcome: 275,
      previous: 270,
      targetText: 'Högst 50',
      met: false,
    });
    const nki = draft.figures.goals
      .flatMap((goal: { indicators: unknown[] }) => goal.indicators)
      .find((indicator: { name: string }) => indicator.name.includes('Bemötande'));
    // Not measured in 2024: missing, neither 0 nor failed.
    expect(nki).toMatchObject({ outcome: null, met: null });

    // The board assesses its goals and its assignments.
    await http()
      .put(`/api/v1/followup-reports/${reportId}`)
      .set(auth())
      .send({
        version: draft.version,
        sections: Object.entries(LULEA.sections).map(([title, text]) => ({ title, text })),
        goals: draft.content.goals.map((goal: { key: string; title: string }) => {
          const seed = LULEA.goals.find((g) => g.key === goal.key)!;
          return { ...goal, assessment: seed.assessment, trend: seed.trend, comment: seed.comment };
        }),
        kfAssignments: draft.content.kfAssignments.map((a: { key: string }) => {
          const seed = LULEA.assignments.find((s) => s.key === a.key)!;
          return { ...a, status: seed.status, comment: seed.comment };
        }),
      })
      .expect(200);

    const pdf = await http()
      .get(`/api/v1/followup-reports/${reportId}/document`)
      .set(auth())
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Årsuppföljning 2024 – Kommunstyrelsen');
    expect(text).toContain('3.1 Sammanställning måluppfyllelse');
    for (const goal of LULEA.goals) {
      expect(text).toContain(
        `Bedömning: ${goal.assessment ?? 'Ej bedömt'}. Trend: ${TRENDS[goal.trend]}.`.replace(
          /\s+/g,
          ' ',
        ),
      );
      expect(text).toContain(goal.title);
    }
    for (const indicator of LULEA.indicators) expect(text).toContain(indicator.name);
    // The ranking: 267, 270 and 275 against "Högst 50", not met; NKI's 2024 missing.
    expect(text).toMatch(
      /Företagsklimat enl\. Svenskt Näringsliv, ranking \(plats\) 267 270 275 Högst 50 Nej/,
    );
    expect(text).toMatch(/Bemötande, NKI 79 78 – Öka Saknas/);
    // A unit the name already gives is not written again.
    expect(text).toContain(
      'Avgångna tillsvidareanställda under året, kommun, andel (%) 11,5 9,8 9,79 Minska Ja',
    );
    // The drift table's totals as printed in the seed, and a row of it.
    expect(text).toContain('Summa -284,8 -281,7 -3,1');
    expect(text).toContain('1070 KC Detaljplan -18,5 -13,1 -5,4');
    expect(text).toContain('Summa 205,1 -95,4 300,4');
    expect(text).toContain('Frisknärvaro (%) 86,71');
    expect(text).toContain('Förbättra dialogen mellan kommunen och företagen Klart');

    const docx = await http()
      .get(`/api/v1/followup-reports/${reportId}/document?format=docx`)
      .set(auth())
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  }, 240_000);

  it('drafts one plan of a board and year when two are asked for at once; the other is a 409 and leaves no case', async () => {
    // The registrations meet at the dnr counter's row: the second sees the first's plan.
    tenant.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;
    const cases = async () =>
      Number(
        (
          await api.dataSource.query('SELECT COUNT(*) AS n FROM cases WHERE municipality_id = ?', [
            tenant.municipalityId,
          ])
        )[0].n,
      );
    const before = await cases();
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        http()
          .post('/api/v1/plans')
          .set(auth())
          .send({ organId: ks, firstYear: 2026, lastYear: 2028 }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    expect(
      answers.filter((answer) => answer.status === 409).map((answer) => answer.body.code),
    ).toEqual(['plan-exists', 'plan-exists']);
    expect(await cases()).toBe(before + 1);
  });

  it('refuses a Kolada file with a wrong header, an unknown KPI or a value that is not a number, and imports nothing', async () => {
    tenant.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;
    await api.dataSource.query('UPDATE municipalities SET kommunkod = ? WHERE id = ?', [
      '2514',
      tenant.municipalityId,
    ]);
    // An indicator with a KPI id, as Kolada names it (the id here is an example).
    const indicator = (
      await http()
        .post(`/api/v1/organs/${ks}/indicators`)
        .set(auth())
        .send({
          kpiId: 'N00000',
          name: 'Exempel ur Kolada',
          unit: '%',
          source: 'Kolada',
          direction: 'increase',
          bySex: true,
        })
        .expect(201)
    ).body;
    const count = async () =>
      Number(
        (
          await api.dataSource.query(
            'SELECT COUNT(*) AS n FROM indicator_values WHERE indicator_id = ?',
            [indicator.id],
          )
        )[0].n,
      );
    const post = (csv: string) =>
      http().post(`/api/v1/organs/${ks}/indicator-values/import`).set(auth()).send({ csv });
    const header = await post('kpi;kommun;år;värde\nN00000;2514;2024;41\n').expect(422);
    expect(header.headers['content-type']).toContain('application/problem+json');
    expect(header.body.errors[0]).toEqual({
      field: 'csv[1]',
      message: 'the header lacks gender: expected kpi;municipality;period;gender;value',
    });
    const unknown = await post(
      'kpi,municipality,period,gender,value\nN00000,2514,2024,T,41\nU99999,2514,2024,T,12\n',
    ).expect(422);
    expect(unknown.body.errors).toEqual([
      { field: 'csv[3]', message: "KPI U99999 is not one of the board's indicators" },
    ]);
    const notNumber = await post(
      'kpi,municipality,period,gender,value\nN00000,2514,2024,T,41\nN00000,2514,2023,K,fyrtio\n',
    ).expect(422);
    expect(notNumber.body.errors).toEqual([
      { field: 'csv[3]', message: '"fyrtio" is not a number' },
    ]);
    const otherMunicipality = await post(
      'kpi,municipality,period,gender,value\nN00000,2580,2024,T,41\n',
    ).expect(422);
    expect(otherMunicipality.body.errors[0].message).toBe(
      'municipality 2580 is not this one (2514)',
    );
    expect(await count()).toBe(0);

    const imported = await post(
      'kpi,municipality,period,gender,value\nN00000,2514,2023,T,40.2\nN00000,2514,2024,T,41\nN00000,2514,2024,K,44.5\nN00000,2514,2024,M,\n',
    ).expect(200);
    expect(imported.body).toEqual({ imported: 3, empty: 1, indicators: 1 });
    const [series] = (
      await http().get(`/api/v1/organs/${ks}/indicators`).set(auth()).expect(200)
    ).body.filter((row: { id: number }) => row.id === indicator.id);
    expect(series.outcomes.map((o: { year: number; value: number }) => [o.year, o.value])).toEqual([
      [2023, 40.2],
      [2024, 41],
    ]);
    expect(series.outcomes[1].enteredBy).toBe(tenant.userIds.sekreterare);
    expect(series.bySexOutcomes).toEqual([{ year: 2024, gender: 'K', value: 44.5 }]);
    const [audit] = await api.dataSource.query(
      "SELECT after_state AS after FROM audit_log WHERE action = 'indicator.values-imported' ORDER BY id DESC LIMIT 1",
    );
    expect(
      JSON.parse(typeof audit.after === 'string' ? audit.after : JSON.stringify(audit.after)),
    ).toMatchObject({
      imported: 3,
      empty: 1,
    });
  });
});
