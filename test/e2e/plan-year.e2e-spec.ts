import { FixedClock } from '@nf/common';
import { AnnualFollowups, budgetActorOf } from '@nf/followups';
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

/** Kalix KS 2023-12-11, item 13: the timetable of the budget process for 2025. */
const TIMETABLE = (
  JSON.parse(
    readFileSync(
      join(__dirname, '..', '..', 'libs', 'demo', 'fixtures', 'kalix-ks-2023-12-11.json'),
      'utf8',
    ),
  ) as { budgetTimetable2025: Array<{ when: string; what: string }> }
).budgetTimetable2025;

/**
 * A sweep a day for twenty months, with the year's work done through the API on its days: about
 * 630 sweeps, some 10 s on this machine.
 */
const WALK_TIMEOUT_MS = 120_000;

interface ReportBody {
  id: number;
  version: number;
  status: string;
  content: {
    year: number;
    kind: string;
    period: string;
    planId: number | null;
    goals: Array<{ key: string; title: string }>;
    kfAssignments: Array<{ key: string; title: string; status: string }>;
  };
  figures: {
    goals: Array<{
      key: string;
      indicators: Array<{
        name: string;
        outcome: number | null;
        targetText: string;
        met: boolean | null;
      }>;
    }>;
    tables: Array<{
      kind: string;
      total: {
        budget: number | null;
        outcome: number | null;
        forecast: number | null;
        deviation: number | null;
        forecastDeviation: number | null;
      };
    }>;
  } | null;
}

describe('Plan and follow-up: a year walked with the clock, from the plan in December to the next plan', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  const clock = new FixedClock('2023-12-04T08:00:00Z');
  let api: ApiHarness;
  let worker: WorkerHarness;
  let tenant: Tenant;
  let organs: { KS: number; KF: number; SN: number };
  const http = () => request(api.app.getHttpServer());
  const as = (role = 'sekreterare') => ({ Authorization: `Bearer ${tenant.tokens[role]}` });

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock, demoOnStart: false });
    tenant = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    worker = await startWorker(config, { clock });
    const ids = Object.fromEntries(
      (
        (await api.dataSource.query('SELECT id, code FROM organs WHERE municipality_id = ?', [
          tenant.municipalityId,
        ])) as Array<{ id: string; code: string }>
      ).map((row) => [row.code, Number(row.id)]),
    );
    // A nämnd beside the styrelse, for the steps every board takes.
    const sn = await http()
      .post('/api/v1/organs')
      .set(as('admin'))
      .send({ code: 'SN', name: 'Socialnämnden', kind: 'nämnd' })
      .expect(201);
    organs = { KS: ids.KS, KF: ids.KF, SN: sn.body.id };
    // KS's annual follow-up of 2024, due by the end of February 2025.
    await api.app.get(AnnualFollowups).setUp(tenant, organs.KS, { firstDue: '2025-02-28' });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const caseIdOf = async (dnr: string) =>
    Number(
      (
        await api.dataSource.query('SELECT id FROM cases WHERE municipality_id = ? AND dnr = ?', [
          tenant.municipalityId,
          dnr,
        ])
      )[0].id,
    );
  const decide = (caseId: number) =>
    api.dataSource.transaction((tx) =>
      api.app.get(MarkCasesDecided).execute(tx, tenant, [{ caseId }], clock.now()),
    );
  const reportOf = async (kind: string, year: number): Promise<ReportBody> => {
    const [row] = (await api.dataSource.query(
      `SELECT r.id FROM followup_reports r JOIN obligation_occurrences c ON c.id = r.occurrence_id
         JOIN obligations o ON o.id = c.obligation_id
        WHERE r.municipality_id = ? AND o.kind = ? AND JSON_VALUE(r.content, '$.year') = ?`,
      [tenant.municipalityId, kind, year],
    )) as Array<{ id: string }>;
    expect(row).toBeDefined();
    return (await http().get(`/api/v1/followup-reports/${row.id}`).set(as()).expect(200)).body;
  };
  const inbox = async (userId: number) =>
    (
      (await api.dataSource.query(
        'SELECT subject FROM inbox_messages WHERE user_id = ? ORDER BY id',
        [userId],
      )) as Array<{ subject: string }>
    ).map((row) => row.subject);

  /** A plan for KS's year: two goals, two indicators, KF's and KS's assignments. */
  const draftPlan = async (
    year: number,
    indicators: { climate: number; sick: number },
    assignments: Array<{ key: string; title: string; givenBy: 'KF' | 'KS' }>,
  ) =>
    (
      await http()
        .post('/api/v1/plans')
        .set(as())
        .send({
          organId: organs.KS,
          firstYear: year,
          lastYear: year,
          sections: [{ title: 'Inledning', text: `Kommunstyrelsens plan för ${year}.` }],
          areas: [{ key: 'A', title: 'Attraktiv kommun' }],
          goals: [
            {
              key: 'G1',
              areaKey: 'A',
              title: 'Kalix ska ha ett bra företagsklimat',
              kfGoal: 'Fler arbetstillfällen',
              description: '',
              financing: 'Inom ram',
              activities: [
                {
                  what: 'Företagsbesök',
                  who: 'Näringslivschef',
                  startsOn: `${year}-01-01`,
                  endsOn: `${year}-12-31`,
                },
              ],
              indicators: [
                {
                  indicatorId: indicators.climate,
                  targets: [{ year, kind: 'min', value: 3.5 }],
                },
              ],
            },
            {
              key: 'G2',
              areaKey: 'A',
              title: 'Kommunen ska vara en attraktiv arbetsgivare',
              kfGoal: null,
              description: '',
              financing: 'Inom ram',
              activities: [],
              indicators: [
                {
                  indicatorId: indicators.sick,
                  targets: [{ year, kind: 'direction', direction: 'decrease' }],
                },
              ],
            },
          ],
          assignments: assignments.map((a) => ({ ...a, goalKey: 'G1', dueOn: `${year}-12-31` })),
        })
        .expect(201)
    ).body as { id: number; caseId: number; status: string };

  it(
    "adopts the plan in December, drafts the delårsrapport in August with a forecast and the årsuppföljning in January from the plan, reminds, is decided by KS in February, and draws next year's from the next plan",
    async () => {
      const scheduler = worker.app.get(FollowUpScheduler);
      // The board's indicators with the outcomes of the years before.
      const indicator = async (
        name: string,
        unit: string,
        direction: string,
        outcomes: Record<number, number>,
      ) => {
        const created = await http()
          .post(`/api/v1/organs/${organs.KS}/indicators`)
          .set(as())
          .send({ name, unit, source: 'Kolada', direction })
          .expect(201);
        await http()
          .put(`/api/v1/indicators/${created.body.id}/values`)
          .set(as())
          .send({
            values: Object.entries(outcomes).map(([year, value]) => ({
              year: Number(year),
              value,
            })),
          })
          .expect(200);
        return created.body.id as number;
      };
      const indicators = {
        climate: await indicator('Företagsklimat, helhetsbetyg', 'betyg', 'increase', {
          2022: 3.2,
          2023: 3.4,
        }),
        sick: await indicator('Sjukfrånvaro, andel (%)', '%', 'decrease', { 2022: 7.9, 2023: 7.6 }),
      };
      const plan2024 = await draftPlan(2024, indicators, [
        { key: 'U1', title: 'Utred ett gemensamt företagscenter', givenBy: 'KF' },
        { key: 'U2', title: 'Ta fram en lokalförsörjningsplan', givenBy: 'KS' },
      ]);
      expect(plan2024.status).toBe('draft');
      // The budget for 2024 per verksamhet, in tkr.
      await http()
        .put(`/api/v1/organs/${organs.KS}/economy`)
        .set(as())
        .send({
          rows: [
            { table: 'drift', code: '1010', name: 'Kommunledning' },
            { table: 'drift', code: '1020', name: 'Näringsliv' },
          ],
          values: [
            {
              table: 'drift',
              code: '1010',
              year: 2024,
              period: 'Y',
              measure: 'budget',
              value: -40000,
            },
            {
              table: 'drift',
              code: '1020',
              year: 2024,
              period: 'Y',
              measure: 'budget',
              value: -12000,
            },
          ],
        })
        .expect(200);
      // The delårsrapport per 31 August: KS's, due by the end of September, opened in August.
      const delar = await http()
        .post('/api/v1/obligations')
        .set(as())
        .send({
          kind: 'delar',
          title: 'Delårsrapport – Kommunstyrelsen',
          organId: organs.KS,
          reportOrganId: organs.KS,
          rrule: 'FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=30',
          firstDue: '2024-09-30',
          leadDays: 45,
          reminderDays: [14, 3],
        })
        .expect(201);
      expect(delar.body.kind).toBe('delar');

      // The walk: a sweep each morning, the year's work on its days.
      const days: Record<string, () => Promise<void>> = {
        // KS decides the plan on 11 December, and the budget timetable (item 13) with it.
        '2023-12-11': async () => {
          await decide(plan2024.caseId);
          // A step the text names no doer of is refused with its place, and nothing is set up.
          const refused = await http()
            .post('/api/v1/budget-timetables')
            .set(as())
            .send({
              budgetYear: 2025,
              steps: [
                { when: '2024-03', what: 'Nämnderna beslutar', actor: 'boards' },
                { when: '2024-02-30', what: 'Fel dag', actor: 'styrelse' },
              ],
            })
            .expect(422);
          expect(refused.body.errors).toEqual([
            { field: 'steps[1].when', message: 'is neither a month (2024-03) nor a day' },
          ]);
          // Sent twice at once (a double click): set up once, the other a 409.
          const body = {
            budgetYear: 2025,
            caseId: await caseIdOf('2023-00466'),
            steps: TIMETABLE.map((step) => ({ ...step, actor: budgetActorOf(step.what) })),
          };
          const [first, second] = await Promise.all(
            [0, 1].map(() => http().post('/api/v1/budget-timetables').set(as()).send(body)),
          );
          expect([first.status, second.status].sort()).toEqual([201, 409]);
          const timetable = first.status === 201 ? first : second;
          // Three steps for every board (KS and SN), one each for the companies (followed by KS),
          // KS and KF.
          expect(timetable.body).toHaveLength(3 * 2 + 3);
          const [{ n }] = await api.dataSource.query(
            "SELECT COUNT(*) AS n FROM obligations WHERE municipality_id = ? AND kind = 'budget'",
            [tenant.municipalityId],
          );
          expect(Number(n)).toBe(9);
        },
        // The adopted plan as the board reads it: its goals, targets beside the outcomes of the
        // years before, its assignments and its budget.
        '2023-12-12': async () => {
          const pdf = await http()
            .get(`/api/v1/plans/${plan2024.id}/document`)
            .set(as())
            .buffer(true)
            .parse(binary)
            .expect(200);
          expect(pdf.headers['content-type']).toBe('application/pdf');
          const text = pdfText(pdf.body as Buffer);
          expect(text).toContain('Verksamhetsplan 2024 – Kommunstyrelsen');
          expect(text).toContain('Antagen 11 december 2023.');
          expect(text).toContain('Prioriterat område: Attraktiv kommun');
          expect(text).toContain('Kommunfullmäktiges mål: Fler arbetstillfällen');
          expect(text).toMatch(/Företagsbesök Näringslivschef 2024-01-01–\s?2024-12-31/);
          expect(text).toMatch(/Företagsklimat, helhetsbetyg\. Källa: Kolada – 3,2 3,4 Minst 3,5/);
          expect(text).toMatch(/Sjukfrånvaro, andel \(%\)\. Källa: Kolada – 7,9 7,6 Minska/);
          expect(text).toContain('Utred ett gemensamt företagscenter KF 2024-12-31');
          expect(text).toContain('1010 Kommunledning -40,0');
          expect(text).toContain('Summa -52,0');
          const docx = await http()
            .get(`/api/v1/plans/${plan2024.id}/document?format=docx`)
            .set(as())
            .buffer(true)
            .parse(binary)
            .expect(200);
          expect((docx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
        },
        // KS decides its own budget document in March; SN does not.
        '2024-03-20': async () => {
          const [row] = (await api.dataSource.query(
            `SELECT c.follow_up_case_id AS caseId FROM obligation_occurrences c JOIN obligations o ON o.id = c.obligation_id
              WHERE o.kind = 'budget' AND o.organ_id = ? AND c.due_on = '2024-03-31'`,
            [organs.KS],
          )) as Array<{ caseId: string }>;
          await decide(Number(row.caseId));
        },
        // The first two tertials' outcome and the forecast for the year, from the ledger.
        '2024-08-12': async () => {
          await http()
            .put(`/api/v1/organs/${organs.KS}/economy`)
            .set(as())
            .send({
              values: [
                {
                  table: 'drift',
                  code: '1010',
                  year: 2024,
                  period: 'T2',
                  measure: 'outcome',
                  value: -27100,
                },
                {
                  table: 'drift',
                  code: '1010',
                  year: 2024,
                  period: 'T2',
                  measure: 'forecast',
                  value: -41500,
                },
                {
                  table: 'drift',
                  code: '1020',
                  year: 2024,
                  period: 'T2',
                  measure: 'outcome',
                  value: -7200,
                },
                {
                  table: 'drift',
                  code: '1020',
                  year: 2024,
                  period: 'T2',
                  measure: 'forecast',
                  value: -11200,
                },
              ],
            })
            .expect(200);
        },
        '2024-08-20': async () => {
          const report = await reportOf('delar', 2024);
          expect(report.content).toMatchObject({
            kind: 'delar',
            period: 'T2',
            planId: plan2024.id,
          });
          expect(report.content.goals.map((g) => g.key)).toEqual(['G1', 'G2']);
          // The year's budget beside the forecast: deviation = budget − forecast in costs.
          expect(report.figures!.tables[0]).toMatchObject({
            kind: 'drift',
            total: { budget: -52000, outcome: -34300, forecast: -52700, forecastDeviation: -700 },
          });
          const pdf = await http()
            .get(`/api/v1/followup-reports/${report.id}/document`)
            .set(as())
            .buffer(true)
            .parse(binary)
            .expect(200);
          const text = pdfText(pdf.body as Buffer);
          expect(text).toContain('Delårsrapport 2024 – Kommunstyrelsen');
          expect(text).toContain('Prognos 2024');
          expect(text).toContain('Utfall jan–aug 2024');
          expect(text).toContain('Summa -34,3 -52,0 -52,7 -0,7');
        },
        '2024-09-20': async () => {
          const [row] = (await api.dataSource.query(
            `SELECT c.follow_up_case_id AS caseId FROM obligation_occurrences c
              WHERE c.obligation_id = ? AND c.due_on = '2024-09-30'`,
            [delar.body.id],
          )) as Array<{ caseId: string }>;
          await decide(Number(row.caseId));
        },
        // Next year's plan: the KF assignment carries on; KS's was done in 2024.
        '2024-12-02': async () => {
          const plan2025 = await draftPlan(2025, indicators, [
            { key: 'U1', title: 'Utred ett gemensamt företagscenter', givenBy: 'KF' },
            { key: 'U3', title: 'Inför e-handel i hela kommunen', givenBy: 'KF' },
          ]);
          nextPlan = plan2025.id;
          await decide(plan2025.caseId);
        },
        // The year's outcomes, once Kolada has them.
        '2025-01-15': async () => {
          for (const [id, value] of [
            [indicators.climate, 3.6],
            [indicators.sick, 7.8],
          ]) {
            await http()
              .put(`/api/v1/indicators/${id}/values`)
              .set(as())
              .send({ values: [{ year: 2024, value }] })
              .expect(200);
          }
        },
        // The board assesses, the report goes to KS as a beslutsunderlag, KS decides on the 20th.
        '2025-02-17': async () => {
          const report = await reportOf('arsuppfoljning', 2024);
          expect(report.status).toBe('draft');
          expect(report.content).toMatchObject({
            kind: 'arsuppfoljning',
            period: 'Y',
            planId: plan2024.id,
          });
          expect(report.content.goals.map((g) => g.title)).toEqual([
            'Kalix ska ha ett bra företagsklimat',
            'Kommunen ska vara en attraktiv arbetsgivare',
          ]);
          // Each goal's indicator: this year's outcome against its target.
          expect(
            report.figures!.goals.map((g) =>
              g.indicators.map((i) => [i.outcome, i.targetText, i.met]),
            ),
          ).toEqual([[[3.6, 'Minst 3,5', true]], [[7.8, 'Minska', false]]]);
          expect(report.content.kfAssignments.map((a) => a.key)).toEqual(['U1', 'U2']);
          const updated = await http()
            .put(`/api/v1/followup-reports/${report.id}`)
            .set(as())
            .send({
              version: report.version,
              goals: report.content.goals.map((goal, i) => ({
                ...goal,
                assessment: i === 0 ? 'Helt uppfyllt' : 'Delvis uppfyllt',
                trend: i === 0 ? 'up' : 'down',
                comment: '',
              })),
              kfAssignments: report.content.kfAssignments.map((a) => ({
                ...a,
                status: a.key === 'U2' ? 'done' : 'ongoing',
                comment: '',
              })),
            })
            .expect(200);
          const basis = await http()
            .post(`/api/v1/followup-reports/${report.id}/beslutsunderlag`)
            .set(as())
            .expect(201);
          expect(basis.body.filename).toBe(`arsuppfoljning-2024-${report.id}.pdf`);
          // Asked again for the same version: the same document.
          const again = await http()
            .post(`/api/v1/followup-reports/${report.id}/beslutsunderlag`)
            .set(as())
            .expect(201);
          expect(again.body.documentId).toBe(basis.body.documentId);
          const [document] = (await api.dataSource.query(
            `SELECT d.type, d.description, d.case_id AS caseId, f.content_type AS contentType
               FROM documents d JOIN document_files f ON f.document_id = d.id WHERE d.id = ?`,
            [basis.body.documentId],
          )) as Array<{ type: string; description: string; caseId: string; contentType: string }>;
          expect(document).toMatchObject({
            type: 'beslutsunderlag',
            description: `Årsuppföljning 2024 – Kommunstyrelsen (version ${updated.body.version})`,
            contentType: 'application/pdf',
          });
          followUpCase = Number(document.caseId);
        },
        '2025-02-20': async () => {
          await decide(followUpCase);
        },
      };
      let nextPlan = 0;
      let followUpCase = 0;
      for (
        let t = Date.parse('2023-12-05T08:00:00Z');
        t <= Date.parse('2025-08-20T08:00:00Z');
        t += 86_400_000
      ) {
        clock.set(new Date(t));
        await scheduler.sweep();
        const day = new Date(t).toISOString().slice(0, 10);
        if (days[day]) {
          tenant.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;
          await days[day]();
          await scheduler.sweep();
        }
      }
      tenant.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;

      // Both plans adopted by the sweep after their decisions.
      const plans = (await http().get(`/api/v1/plans?organId=${organs.KS}`).set(as()).expect(200))
        .body as Array<{
        id: number;
        status: string;
        firstYear: number;
      }>;
      expect(plans.map((p) => [p.firstYear, p.status])).toEqual([
        [2025, 'adopted'],
        [2024, 'adopted'],
      ]);
      // The delårsrapport and the årsuppföljning of 2024 final, their occurrences fulfilled.
      expect((await reportOf('delar', 2024)).status).toBe('final');
      const annual = await reportOf('arsuppfoljning', 2024);
      expect(annual.status).toBe('final');
      // Reminded at the end of January and in mid-February; decided before the last one. (SN's
      // own, which has no official, is reminded to KS's secretary, whom SN reports to.)
      const secretary = await inbox(tenant.userIds.sekreterare);
      expect(
        secretary.filter((s) => s.startsWith('Påminnelse: Årsuppföljning – Kommunstyrelsen')),
      ).toEqual([
        'Påminnelse: Årsuppföljning – Kommunstyrelsen ska redovisas senast 2025-02-28',
        'Påminnelse: Årsuppföljning – Kommunstyrelsen ska redovisas senast 2025-02-28',
      ]);
      expect(
        secretary.filter((s) => s.startsWith('Försenad uppföljning: Årsuppföljning – K')),
      ).toEqual([]);
      // Next year's delårsrapport is drawn from the next plan: the KF assignment carried on and
      // the new one; KS's, done in 2024, stays in 2024's report.
      const next = await reportOf('delar', 2025);
      expect(next.content).toMatchObject({ kind: 'delar', period: 'T2', planId: nextPlan });
      expect(next.content.kfAssignments.map((a) => [a.key, a.status])).toEqual([
        ['U1', 'ongoing'],
        ['U3', 'ongoing'],
      ]);
      expect(annual.content.kfAssignments.map((a) => [a.key, a.status])).toEqual([
        ['U1', 'ongoing'],
        ['U2', 'done'],
      ]);

      // The budget timetable: KS's March step decided in time (its last reminder not needed);
      // SN's open and late; the secretary of KS told when KS's case opened and reminded once.
      const steps = (await api.dataSource.query(
        `SELECT o.organ_id AS organId, c.due_on AS dueOn, c.status,
                (SELECT GROUP_CONCAT(w.kind, ':', w.status ORDER BY w.fires_at) FROM wakeups w WHERE w.occurrence_id = c.id) AS wakeups
           FROM obligation_occurrences c JOIN obligations o ON o.id = c.obligation_id
          WHERE o.kind = 'budget' AND c.due_on = '2024-03-31' ORDER BY o.organ_id`,
      )) as Array<{ organId: string; status: string; wakeups: string }>;
      expect(steps.map((s) => [Number(s.organId), s.status, s.wakeups])).toEqual([
        [organs.KS, 'fulfilled', 'open:done,remind:done,remind:cancelled,late:cancelled'],
        [organs.SN, 'open', 'open:done,remind:done,remind:done,late:done'],
      ]);
      const ksSteps = secretary.filter((s) => s.includes('Budgetberedning 2025 (Kommunstyrelsen)'));
      expect(ksSteps[0]).toMatch(
        /^Att göra i budgetprocessen: Budget 2025: Nämnderna beslutar om dokumentet Budgetberedning 2025 \(Kommunstyrelsen\) \(dnr 2024-\d{5}\)$/,
      );
      expect(ksSteps.filter((s) => s.startsWith('Påminnelse:'))).toHaveLength(1);
    },
    WALK_TIMEOUT_MS,
  );
});
