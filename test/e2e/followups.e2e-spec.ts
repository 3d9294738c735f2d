import { Principal, Role } from '@nf/access';
import { FixedClock } from '@nf/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TransactionRunner } from '@nf/database';
import { CreateObligation, ObligationQueries } from '@nf/followups';
import { FollowUpScheduler, RescheduleWakeup, WakeWakeup } from '@nf/followups-jobs';
import { AppConfig } from '@nf/config';
import { MarkCasesDecided } from '@nf/registry';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { login, seedTenant, Tenant } from '../support/identity';
import { eventually, redisClient, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startSmtp, SmtpHarness } from '../support/smtp';
import { workflowClient } from '../support/workflow-client';
import { startWorker, WorkerHarness } from '../support/worker-harness';

const YEARLY_IN_FEBRUARY = 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1';
/** Luleå's annual follow-up for 2024 (the fixture), as a board would write its own. */
const LULEA = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', 'libs', 'demo', 'fixtures', 'lulea-ks-arsuppfoljning-2024.json'),
    'utf8',
  ),
) as {
  goals: { items: Array<{ title: string; trend: string; assessment: string; evidence: string }> };
  kfAssignments: { items: Array<{ title: string; status: string; comment: string }> };
};
const HOUR = 3_600_000;

/**
 * The walk sweeps twice every six hours for fifteen months: some 3,700 sweeps of about 30 queries
 * each, which takes 40–90 s by the machine's day (more than the 60 s other tests get).
 */
const WALK_TIMEOUT_MS = 240_000;

describe('Follow-ups: a walk with the clock from December 2024 to March 2026', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  const clock = new FixedClock('2024-12-01T08:00:00Z');
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock, demoOnStart: false });
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    worker = await startWorker(config, { clock });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const caseIdOf = async (dnr: string) =>
    Number(
      (
        await api.dataSource.query('SELECT id FROM cases WHERE municipality_id = ? AND dnr = ?', [
          kalix.municipalityId,
          dnr,
        ])
      )[0].id,
    );

  /** KS's 2024 report, written through the API as the Luleå report has it. */
  const fillAnnualReport = async () => {
    kalix.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;
    const http = () => request(api.app.getHttpServer());
    const auth = () => ({ Authorization: `Bearer ${kalix.tokens.sekreterare}` });
    const { boards } = (await http().get('/api/v1/annual-followups').set(auth()).expect(200)).body;
    const draft = (
      await http().get(`/api/v1/followup-reports/${boards[0].report.id}`).set(auth()).expect(200)
    ).body;
    expect(draft.content).toMatchObject({ year: 2024, board: 'Kommunstyrelsen', goals: [] });
    const goals = LULEA.goals.items.map((goal) => ({
      title: goal.title,
      assessment: goal.assessment,
      trend: goal.trend,
      comment: goal.evidence,
    }));
    const kfAssignments = LULEA.kfAssignments.items.map((item) => ({
      title: item.title,
      status: item.status,
      comment: item.comment,
    }));
    const saved = await http()
      .put(`/api/v1/followup-reports/${draft.id}`)
      .set(auth())
      .send({ version: draft.version, goals, kfAssignments });
    expect(saved.status).toBe(200);
    expect(saved.body.content.goals).toEqual(goals);
    // A second secretary's edit from the same version is refused: no lost update.
    await http()
      .put(`/api/v1/followup-reports/${draft.id}`)
      .set(auth())
      .send({ version: draft.version, goals: [] })
      .expect(409);
    const { boards: after } = (await http().get('/api/v1/annual-followups').set(auth()).expect(200))
      .body;
    expect(after[0].report.assessed).toEqual(
      Object.fromEntries(
        ['Ej uppfyllt', 'Delvis uppfyllt', 'I hög grad uppfyllt', 'Helt uppfyllt'].map((value) => [
          value,
          goals.filter((goal) => goal.assessment === value).length,
        ]),
      ),
    );
  };

  it(
    'opens the Kalix follow-ups in January, reminds before the end of February, once each, and tells the secretary when one is late',
    async () => {
      const obligations = api.app.get(ObligationQueries);
      const createObligation = api.app.get(CreateObligation);
      const scheduler = worker.app.get(FollowUpScheduler);
      const [ks] = (
        await api.dataSource.query(
          "SELECT id FROM organs WHERE municipality_id = ? AND code = 'KS'",
          [kalix.municipalityId],
        )
      ).map((row: { id: string }) => Number(row.id));
      const official = kalix.userIds.handlaggare;
      const created = [];
      for (const dnr of ['2021-00079', '2018-00278']) {
        created.push(
          await createObligation.execute(kalix, {
            title: `Årlig uppföljning av ${dnr}`,
            caseId: await caseIdOf(dnr),
            responsibleUserId: official,
            reportOrganId: ks,
            rrule: YEARLY_IN_FEBRUARY,
            firstDue: '2025-02-28',
          }),
        );
      }
      // Due on Annandag påsk 2025 (a holiday), with a reminder on Långfredag and one before the
      // spring DST change: each at 08:00 on the clock in Stockholm.
      const easter = await createObligation.execute(kalix, {
        title: 'Redovisning av handlingsplan',
        responsibleUserId: official,
        reportOrganId: ks,
        rrule: null,
        firstDue: '2025-04-21',
        leadDays: 30,
        reminderDays: [25, 3],
      });

      // The walk: the sweep every six hours, twice at each step (a second run finds nothing).
      const decideOn = '2025-02-20T10:00:00Z';
      let decided = false;
      for (let t = clock.now().getTime(); t <= Date.parse('2026-03-03T12:00:00Z'); t += 6 * HOUR) {
        clock.set(new Date(t));
        await scheduler.sweep();
        await scheduler.sweep();
        if (!decided && t >= Date.parse(decideOn)) {
          // KS's annual follow-up for 2024 is written: the Luleå report's goals and KF's assignments.
          await fillAnnualReport();
          // The 2025 follow-ups are decided by KS before their due date; 2026's are not.
          const open = (await api.dataSource.query(
            "SELECT follow_up_case_id AS caseId FROM obligation_occurrences WHERE status = 'open' AND due_on = '2025-02-28'",
          )) as Array<{ caseId: string }>;
          expect(open).toHaveLength(3);
          await api.app.get(TransactionRunner).run(async (tx) => {
            for (const row of open) {
              await api.app
                .get(MarkCasesDecided)
                .execute(tx, kalix, [{ caseId: Number(row.caseId) }], clock.now());
            }
          });
          decided = true;
        }
      }

      const wakeups = (await api.dataSource.query(
        `SELECT c.obligation_id AS obligationId, c.due_on AS dueOn, w.kind, w.offset_days AS offsetDays,
              w.fires_at AS firesAt, w.status, w.fired_at AS firedAt
         FROM wakeups w JOIN obligation_occurrences c ON c.id = w.occurrence_id
        ORDER BY c.obligation_id, w.fires_at`,
      )) as Array<{
        obligationId: string;
        kind: string;
        offsetDays: number;
        firesAt: Date;
        status: string;
        firedAt: Date | null;
      }>;
      const of = (obligationId: number) =>
        wakeups
          .filter((row) => Number(row.obligationId) === obligationId)
          .map((row) => [row.kind, row.firesAt.toISOString(), row.status]);
      // 07:00 and 08:00 in Stockholm (CET, UTC+1 in winter); weekends and holidays moved as
      // configured: reminders to the working day before, the late notice to the one after.
      expect(of(created[0].id)).toEqual([
        ['open', '2025-01-29T06:00:00.000Z', 'done'],
        ['remind', '2025-02-14T07:00:00.000Z', 'done'],
        // Decided on 20 February: the last reminder and the late notice are not needed.
        ['remind', '2025-02-25T07:00:00.000Z', 'cancelled'],
        ['late', '2025-03-03T07:00:00.000Z', 'cancelled'],
        ['open', '2026-01-29T06:00:00.000Z', 'done'],
        ['remind', '2026-02-13T07:00:00.000Z', 'done'], // 14 February 2026 is a Saturday
        ['remind', '2026-02-25T07:00:00.000Z', 'done'],
        ['late', '2026-03-02T07:00:00.000Z', 'done'], // 1 March 2026 is a Sunday
      ]);
      expect(of(easter.id)).toEqual([
        ['open', '2025-03-21T06:00:00.000Z', 'done'], // 22 March is a Saturday
        ['remind', '2025-03-27T07:00:00.000Z', 'done'], // CET: 08:00 is 07:00Z
        ['remind', '2025-04-17T06:00:00.000Z', 'done'], // Långfredag → skärtorsdagen; CEST
        ['late', '2025-04-22T06:00:00.000Z', 'done'], // Annandag påsk is the due date
      ]);
      // Each fired within a step of the sweep after its time, and once.
      for (const row of wakeups.filter((candidate) => candidate.status === 'done')) {
        const lateBy = row.firedAt!.getTime() - row.firesAt.getTime();
        expect(lateBy).toBeGreaterThanOrEqual(0);
        expect(lateBy).toBeLessThan(6 * HOUR);
      }

      // The follow-up cases: registered in the year they open, linked to the original case.
      const followUps = (await api.dataSource.query(
        `SELECT c.obligation_id AS obligationId, c.due_on AS dueOn, c.status, k.dnr, k.title,
              (SELECT COUNT(*) FROM case_links l WHERE l.case_id = k.id AND l.related_case_id = o.case_id) AS linked
         FROM obligation_occurrences c JOIN obligations o ON o.id = c.obligation_id
         JOIN cases k ON k.id = c.follow_up_case_id
        WHERE o.case_id IS NOT NULL ORDER BY c.obligation_id, c.due_on`,
      )) as Array<{
        obligationId: string;
        status: string;
        dnr: string;
        title: string;
        linked: string;
      }>;
      expect(followUps.map((row) => [row.status, row.dnr.slice(0, 4), Number(row.linked)])).toEqual(
        [
          ['fulfilled', '2025', 1],
          ['open', '2026', 1],
          ['fulfilled', '2025', 1],
          ['open', '2026', 1],
        ],
      );
      expect(followUps[0].title).toBe('Uppföljning februari 2025: Årlig uppföljning av 2021-00079');

      // The official was told of each follow-up when it opened and at each reminder still needed
      // (2025: two, as it was decided early; 2026: three), and three times of the Easter plan; the
      // secretary once for each late one.
      const inbox = async (userId: number) =>
        (await api.dataSource.query(
          'SELECT subject FROM inbox_messages WHERE user_id = ? ORDER BY id',
          [userId],
        )) as Array<{ subject: string }>;
      const officials = await inbox(official);
      expect(officials).toHaveLength(2 * (2 + 3) + 3);
      expect(
        officials.filter((row) => row.subject.startsWith('Uppföljning att göra')),
      ).toHaveLength(5);
      const secretary = await inbox(kalix.userIds.sekreterare);
      expect(
        secretary
          .map((row) => row.subject)
          .filter((subject) => subject.startsWith('Försenad'))
          .sort(),
      ).toEqual([
        'Försenad uppföljning: Redovisning av handlingsplan',
        'Försenad uppföljning: Årlig uppföljning av 2018-00278',
        'Försenad uppföljning: Årlig uppföljning av 2021-00079',
        'Försenad uppföljning: Årsuppföljning – Kommunstyrelsen',
      ]);
      // KS sees which are late.
      const registrator = new Principal(
        kalix.userIds.registrator,
        kalix.municipalityId,
        'registrator',
        'person',
        [{ role: Role.Registrator }],
      );
      const late = await obligations.list(registrator, { late: true });
      expect(late.map((row) => row.title).sort()).toEqual([
        'Redovisning av handlingsplan',
        'Årlig uppföljning av 2018-00278',
        'Årlig uppföljning av 2021-00079',
        'Årsuppföljning – Kommunstyrelsen',
      ]);

      // The annual follow-up: set up by the sweep for KS (the one board here), opened in January
      // each year, reminded 28, 14 and 3 days before the end of February, its secretary told.
      const [annual] = await api.dataSource.query(
        "SELECT id FROM obligations WHERE municipality_id = ? AND kind = 'arsuppfoljning'",
        [kalix.municipalityId],
      );
      expect(of(Number(annual.id))).toEqual([
        ['open', '2025-01-03T06:00:00.000Z', 'done'], // 4 January 2025 is a Saturday
        ['remind', '2025-01-31T07:00:00.000Z', 'done'],
        ['remind', '2025-02-14T07:00:00.000Z', 'done'],
        ['remind', '2025-02-25T07:00:00.000Z', 'cancelled'],
        ['late', '2025-03-03T07:00:00.000Z', 'cancelled'],
        ['open', '2026-01-02T06:00:00.000Z', 'done'], // 4 January 2026 is a Sunday
        ['remind', '2026-01-30T07:00:00.000Z', 'done'], // 31 January 2026 is a Saturday
        ['remind', '2026-02-13T07:00:00.000Z', 'done'],
        ['remind', '2026-02-25T07:00:00.000Z', 'done'],
        ['late', '2026-03-02T07:00:00.000Z', 'done'],
      ]);
      expect(
        secretary.filter((row) => row.subject.startsWith('Påminnelse: Årsuppföljning')),
      ).toHaveLength(2 + 3);
      // This year's report is drawn up from last year's: the same goals, to be assessed anew, and
      // KF's assignments still ongoing; last year's is final.
      kalix.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;
      const overview = (
        await request(api.app.getHttpServer())
          .get('/api/v1/annual-followups')
          .set('Authorization', `Bearer ${kalix.tokens.sekreterare}`)
          .expect(200)
      ).body;
      expect(overview.boards).toHaveLength(1);
      const [ks2026] = overview.boards;
      expect(ks2026).toMatchObject({
        organName: 'Kommunstyrelsen',
        occurrence: { dueOn: '2026-02-28', status: 'open', late: true },
        report: {
          status: 'draft',
          goals: LULEA.goals.items.length,
          assessed: {
            'Ej uppfyllt': 0,
            'Delvis uppfyllt': 0,
            'I hög grad uppfyllt': 0,
            'Helt uppfyllt': 0,
          },
        },
      });
      const report = (
        await request(api.app.getHttpServer())
          .get(`/api/v1/followup-reports/${ks2026.report.id}`)
          .set('Authorization', `Bearer ${kalix.tokens.sekreterare}`)
          .expect(200)
      ).body;
      expect(report.content.year).toBe(2025);
      expect(report.content.goals.map((goal: { title: string }) => goal.title)).toEqual(
        LULEA.goals.items.map((goal) => goal.title),
      );
      expect(
        report.content.goals.every((goal: { assessment: null }) => goal.assessment === null),
      ).toBe(true);
      expect(report.content.kfAssignments.map((item: { title: string }) => item.title)).toEqual(
        LULEA.kfAssignments.items
          .filter((item) => item.status === 'ongoing')
          .map((item) => item.title),
      );
      const [final] = await api.dataSource.query(
        `SELECT r.id, r.status, r.version FROM followup_reports r JOIN obligation_occurrences c ON c.id = r.occurrence_id
        WHERE c.due_on = '2025-02-28'`,
      );
      expect(final.status).toBe('final');
      const refused = await request(api.app.getHttpServer())
        .put(`/api/v1/followup-reports/${final.id}`)
        .set('Authorization', `Bearer ${kalix.tokens.sekreterare}`)
        .send({ version: Number(final.version), goals: [] });
      expect(refused.status).toBe(409);
    },
    WALK_TIMEOUT_MS,
  );
  it("applies the municipality's rule for annual follow-ups to every board's next one, and sets up a new board's", async () => {
    const http = () => request(api.app.getHttpServer());
    kalix.tokens.admin = (await login(api, 'kalix', 'admin')).accessToken;
    const auth = { Authorization: `Bearer ${kalix.tokens.admin}` };
    const overview = async () =>
      (await http().get('/api/v1/annual-followups').set(auth).expect(200)).body;
    expect((await overview()).settings).toEqual({
      rrule: YEARLY_IN_FEBRUARY,
      leadDays: 55,
      reminderDays: [28, 14, 3],
      reportOrganId: null,
      version: 0,
    });
    const inMarch = 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1';
    const refused = await http()
      .put('/api/v1/annual-followups/settings')
      .set(auth)
      .send({ rrule: inMarch, leadDays: 20, reminderDays: [30], version: 0 });
    expect(refused.status).toBe(422);
    expect((await overview()).settings.version).toBe(0);
    const saved = await http()
      .put('/api/v1/annual-followups/settings')
      .set(auth)
      .send({ rrule: inMarch, leadDays: 60, reminderDays: [7, 30], version: 0 })
      .expect(200);
    expect(saved.body).toMatchObject({ rrule: inMarch, reminderDays: [30, 7], version: 1 });
    await http()
      .put('/api/v1/annual-followups/settings')
      .set(auth)
      .send({ rrule: YEARLY_IN_FEBRUARY, leadDays: 60, reminderDays: [7], version: 0 })
      .expect(409);
    // KS's obligation follows the new rule from its next occurrence; the open one keeps its date.
    const [ks] = (await overview()).boards;
    expect(ks.occurrence.dueOn).toBe('2026-02-28');
    const [rule] = await api.dataSource.query(
      'SELECT rrule, lead_days AS leadDays FROM obligations WHERE id = ?',
      [ks.obligationId],
    );
    expect(rule).toEqual({ rrule: inMarch, leadDays: 60 });
    const [audited] = await api.dataSource.query(
      "SELECT after_state AS afterState FROM audit_log WHERE action = 'annual-followups.settings-updated'",
    );
    const after =
      typeof audited.afterState === 'string' ? JSON.parse(audited.afterState) : audited.afterState;
    expect(after).toMatchObject({ rrule: inMarch, appliedToObligations: [ks.obligationId] });

    // A new nämnd gets its annual follow-up from the sweep ten minutes on (time for whoever
    // created it to set one up by hand), due on the new rule.
    await http()
      .post('/api/v1/organs')
      .set(auth)
      .send({ code: 'SN', name: 'Socialnämnden', kind: 'nämnd' })
      .expect(201);
    const scheduler = worker.app.get(FollowUpScheduler);
    await scheduler.sweep();
    expect((await overview()).boards).toHaveLength(1);
    clock.set(new Date(clock.now().getTime() + 11 * 60_000));
    await scheduler.sweep();
    await scheduler.sweep();
    const boards = (await overview()).boards as Array<{
      organName: string;
      title: string;
      occurrence: { dueOn: string; status: string } | null;
    }>;
    expect(boards.map((board) => [board.organName, board.title, board.occurrence?.dueOn])).toEqual([
      ['Kommunstyrelsen', 'Årsuppföljning – Kommunstyrelsen', '2026-02-28'],
      ['Socialnämnden', 'Årsuppföljning – Socialnämnden', '2026-03-31'],
    ]);
    // Its case opened at once: 60 days before 31 March had passed.
    expect(boards[1].occurrence?.status).toBe('open');

    // The nämnd is dissolved: its annual follow-up ends, and its reminders with it.
    const [sn] = await api.dataSource.query(
      "SELECT id FROM organs WHERE municipality_id = ? AND code = 'SN'",
      [kalix.municipalityId],
    );
    const { version } = (await http().get(`/api/v1/organs/${sn.id}`).set(auth).expect(200)).body;
    await http()
      .patch(`/api/v1/organs/${sn.id}`)
      .set(auth)
      .send({ active: false, version })
      .expect(200);
    expect((await scheduler.sweep()).ended).toBe(1);
    expect((await scheduler.sweep()).ended).toBe(0);
    expect(((await overview()).boards as unknown[]).length).toBe(1);
    const [{ pending }] = await api.dataSource.query(
      `SELECT COUNT(*) AS pending FROM wakeups w JOIN obligation_occurrences c ON c.id = w.occurrence_id
         JOIN obligations o ON o.id = c.obligation_id
        WHERE o.organ_id = ? AND w.status = 'pending'`,
      [sn.id],
    );
    expect(Number(pending)).toBe(0);
  });
  it('goes on with the rest of the sweep when one obligation cannot be planned', async () => {
    // A rule that no longer reads (written past the API, say by an import) is a poison row.
    await api.dataSource.query(
      `INSERT INTO obligations (municipality_id, kind, title, rrule, first_due, lead_days, reminder_days,
                                status, created_at, updated_at, version)
       VALUES (?, 'follow-up', 'Trasig bevakning', 'FREQ=BOGUS', '2026-04-30', 30, '[3]', 'active', NOW(3), NOW(3), 1)`,
      [kalix.municipalityId],
    );
    const good = await api.app.get(CreateObligation).execute(kalix, {
      title: 'Redovisning trots felet',
      responsibleUserId: kalix.userIds.handlaggare,
      rrule: null,
      firstDue: '2026-04-30',
      leadDays: 30,
      reminderDays: [3],
    });
    const scheduler = worker.app.get(FollowUpScheduler);
    const first = await scheduler.sweep();
    expect(first.failed).toBe(1);
    const occurrence = async () =>
      (
        await api.dataSource.query(
          'SELECT status, follow_up_case_id AS caseId FROM obligation_occurrences WHERE obligation_id = ?',
          [good.id],
        )
      )[0];
    expect((await occurrence()).status).toBe('scheduled');
    // On 31 March (30 days before) its case opens, although the broken one fails every sweep.
    clock.set(new Date('2026-03-31T06:00:00Z'));
    const second = await scheduler.sweep();
    expect(second.failed).toBe(1);
    expect(await occurrence()).toMatchObject({ status: 'open' });
    expect((await occurrence()).caseId).not.toBeNull();
  });
});

describe('Follow-ups with real BullMQ jobs: decisions, delayed jobs, failures and the sweep', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let worker: WorkerHarness;
  let smtp: SmtpHarness;
  let kalix: Tenant;
  let workerConfig: AppConfig;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    smtp = await startSmtp();
    workerConfig = testConfig({ APP_DEMO: 'true', SMTP_PORT: String(smtp.port) });
    worker = await startWorker(workerConfig, { runOutbox: true });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  it("proposes an obligation from a decision's follow-up clause, once, and runs it only when a person confirms it", async () => {
    const client = workflowClient(api, kalix);
    const decide = async (title: string, followUpClause: string) => {
      const caseId = await client.registerCase(title);
      await client.startRoute(caseId, 'ks-direkt');
      await client.submitTjansteskrivelse(caseId, ['att godkänna planen'], { followUpClause });
      await client.waitFor(
        caseId,
        'ready for KS',
        (t) => t.steps[t.route.currentStep].state === 'ready',
      );
      await client.outcome(caseId, {
        kind: 'decision',
        text: 'Kommunstyrelsen beslutar att godkänna planen.',
        meetingDate: '2023-12-11',
        paragraph: 250,
      });
      await client.waitFor(caseId, 'decided', (timeline) => timeline.route.status === 'decided');
      return caseId;
    };
    const readable = await decide(
      'Plan för digitalisering',
      'Nästa uppföljning sker februari 2025, därefter sker uppföljning årligen i februari månad.',
    );
    const unreadable = await decide('Plan för friluftsliv', 'Planen utvärderas årligen.');
    const scheduler = worker.app.get(FollowUpScheduler);
    expect((await scheduler.sweep()).proposed).toBe(2);
    expect((await scheduler.sweep()).proposed).toBe(0);

    const http = () => request(api.app.getHttpServer());
    const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });
    const obligations = async () =>
      (await http().get('/api/v1/obligations').set(as('sekreterare')).expect(200)).body as Array<{
        id: number;
        caseId: number;
        status: string;
        rrule: string | null;
        firstDue: string | null;
        clause: string | null;
        proposal: { description?: string; assumptions?: string[]; refused?: string } | null;
        next: { dueOn: string } | null;
      }>;
    const of = async (caseId: number) =>
      (await obligations()).find((row) => row.caseId === caseId)!;
    expect(await of(readable)).toMatchObject({
      status: 'proposed',
      rrule: YEARLY_IN_FEBRUARY,
      firstDue: '2025-02-28',
      next: null,
    });
    const refused = await of(unreadable);
    expect(refused).toMatchObject({ status: 'proposed', rrule: null, firstDue: null });
    expect(refused.proposal?.refused).toMatch(/månad/);
    // The official responsible for each case was asked to confirm.
    const asked = await api.dataSource.query(
      `SELECT subject FROM inbox_messages WHERE user_id = ? AND subject LIKE 'Bekräfta uppföljning:%' ORDER BY id`,
      [kalix.userIds.handlaggare],
    );
    // The official marks the first read; reading it again changes nothing, and it is theirs only.
    const [first] = (
      await http().get('/api/v1/me/inbox').set(as('handlaggare')).expect(200)
    ).body.filter((message: { subject: string }) => message.subject.startsWith('Bekräfta'));
    expect(first.readAt).toBeNull();
    const read = await http()
      .post(`/api/v1/me/inbox/${first.id}/read`)
      .set(as('handlaggare'))
      .expect(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await http()
      .post(`/api/v1/me/inbox/${first.id}/read`)
      .set(as('handlaggare'))
      .expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);
    await http().post(`/api/v1/me/inbox/${first.id}/read`).set(as('sekreterare')).expect(404);
    const [{ n: readEntries }] = await api.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'inbox.message-read' AND entity_id = ?",
      [String(first.id)],
    );
    expect(Number(readEntries)).toBe(1);
    expect(asked.map((row: { subject: string }) => row.subject.split(' (dnr')[0])).toEqual([
      'Bekräfta uppföljning: Plan för digitalisering',
      'Bekräfta uppföljning: Plan för friluftsliv',
    ]);

    // Confirmed as read: active, and its first occurrence is planned by the job.
    const confirmed = await http()
      .post(`/api/v1/obligations/${(await of(readable)).id}/confirm`)
      .set(as('sekreterare'))
      .send({})
      .expect(200);
    expect(confirmed.body).toMatchObject({ status: 'active', firstDue: '2025-02-28' });
    await eventually(async () => (await of(readable)).next?.dueOn === '2025-02-28');
    await http()
      .post(`/api/v1/obligations/${(await of(readable)).id}/confirm`)
      .set(as('sekreterare'))
      .send({})
      .expect(409);

    // The unread clause needs a due date before it can run; without one nothing changes (the
    // workers are running, so the check is on the obligation and its trail, not the whole database).
    const before = await of(unreadable);
    const missing = await http()
      .post(`/api/v1/obligations/${refused.id}/confirm`)
      .set(as('sekreterare'))
      .send({ rrule: YEARLY_IN_FEBRUARY });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'firstDue' })]);
    expect(await of(unreadable)).toEqual(before);
    const trail = await api.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'obligation' AND entity_id = ? ORDER BY id`,
      [String(refused.id)],
    );
    expect(trail.map((row: { action: string }) => row.action)).toEqual(['obligation.proposed']);
    await http()
      .post(`/api/v1/obligations/${refused.id}/dismiss`)
      .set(as('sekreterare'))
      .send({ reason: 'Utvärderingen görs i årsredovisningen' })
      .expect(204);
    expect((await of(unreadable)).status).toBe('dismissed');
    const [dismissed] = await api.dataSource.query(
      `SELECT after_state AS afterState FROM audit_log WHERE action = 'obligation.dismissed' AND entity_id = ?`,
      [String(refused.id)],
    );
    expect(
      typeof dismissed.afterState === 'string'
        ? JSON.parse(dismissed.afterState)
        : dismissed.afterState,
    ).toEqual({
      status: 'dismissed',
      reason: 'Utvärderingen görs i årsredovisningen',
    });
    expect((await scheduler.sweep()).proposed).toBe(0);
  });

  /** A planned obligation's first reminder, moved to fire `inMs` from now. */
  async function reminderDueIn(inMs: number) {
    const obligation = await api.app.get(CreateObligation).execute(kalix, {
      title: `Påminnelseprov ${Math.random()}`,
      responsibleUserId: kalix.userIds.handlaggare,
      rrule: null,
      firstDue: '2099-06-30',
    });
    let wakeupId = 0;
    await eventually(async () => {
      const [row] = await api.dataSource.query(
        `SELECT w.id FROM wakeups w JOIN obligation_occurrences c ON c.id = w.occurrence_id
          WHERE c.obligation_id = ? AND w.kind = 'remind' ORDER BY w.offset_days DESC LIMIT 1`,
        [obligation.id],
      );
      wakeupId = row ? Number(row.id) : 0;
      return wakeupId > 0;
    });
    await worker.app.get(RescheduleWakeup).execute(kalix, wakeupId, new Date(Date.now() + inMs));
    return wakeupId;
  }

  /** The version of the wake-up whose delayed job the relay has put in Redis (0: none yet). */
  const armedVersion = async (wakeupId: number) =>
    Number(
      (
        await api.dataSource.query(
          `SELECT COALESCE(MAX(JSON_EXTRACT(payload, '$.version')), 0) AS version FROM outbox_messages
            WHERE job_name = 'followups.wake' AND status = 'published' AND JSON_EXTRACT(payload, '$.wakeupId') = ?`,
          [wakeupId],
        )
      )[0].version,
    );

  const toldOf = async (wakeupId: number) =>
    Number(
      (
        await api.dataSource.query(
          'SELECT COUNT(*) AS n FROM inbox_messages WHERE idempotency_key = ?',
          [`wakeup:${wakeupId}:user:${kalix.userIds.handlaggare}`],
        )
      )[0].n,
    );

  it('fires a rescheduled reminder by its delayed job, once; the job armed for the old time does nothing', async () => {
    const wakeupId = await reminderDueIn(1_500);
    await eventually(async () => (await toldOf(wakeupId)) === 1, { timeoutMs: 15_000 });
    const [row] = await api.dataSource.query('SELECT status, version FROM wakeups WHERE id = ?', [
      wakeupId,
    ]);
    expect(row).toMatchObject({ status: 'done', version: 2 });
    // The job armed for version 1 comes to nothing, and so does a second run of version 2.
    const wake = worker.app.get(WakeWakeup);
    expect((await wake.execute(kalix, wakeupId, 1)).status).toBe('skipped');
    expect((await wake.execute(kalix, wakeupId, 2)).status).toBe('skipped');
    expect(await toldOf(wakeupId)).toBe(1);
  });

  it('fires a reminder whose job Redis lost, once, when the sweep comes', async () => {
    const wakeupId = await reminderDueIn(1_000);
    // Wait until the wake-up is armed in Redis, then lose Redis's data.
    await eventually(async () => (await armedVersion(wakeupId)) === 2);
    const redis = redisClient(config);
    try {
      await redis.flushdb();
    } finally {
      redis.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await toldOf(wakeupId)).toBe(0);
    const scheduler = worker.app.get(FollowUpScheduler);
    const swept = await scheduler.sweep();
    expect(swept.fired).toBeGreaterThanOrEqual(1);
    await scheduler.sweep();
    expect(await toldOf(wakeupId)).toBe(1);
  });

  it('sends a reminder once when the workers come back after being down across its time', async () => {
    const wakeupId = await reminderDueIn(2_500);
    await eventually(async () => (await armedVersion(wakeupId)) === 2);
    await worker.close();
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(await toldOf(wakeupId)).toBe(0);
    worker = await startWorker(workerConfig, { runOutbox: true });
    await eventually(async () => (await toldOf(wakeupId)) === 1, { timeoutMs: 15_000 });
    // The sweep that also finds it due comes to nothing.
    await worker.app.get(FollowUpScheduler).sweep();
    expect(await toldOf(wakeupId)).toBe(1);
  });

  it("delivers a reminder's e-mail once when the SMTP server accepts again after refusing", async () => {
    // The mail of the tests before has gone, so that the refusals fall on this one.
    await eventually(
      async () =>
        Number(
          (
            await api.dataSource.query(
              "SELECT COUNT(*) AS n FROM mail_deliveries WHERE status = 'pending'",
            )
          )[0].n,
        ) === 0,
      { timeoutMs: 30_000 },
    );
    smtp.refuseNext(3);
    const wakeupId = await reminderDueIn(500);
    const key = `wakeup:${wakeupId}:user:${kalix.userIds.handlaggare}`;
    const [{ title }] = await api.dataSource.query(
      `SELECT o.title FROM wakeups w JOIN obligation_occurrences c ON c.id = w.occurrence_id
         JOIN obligations o ON o.id = c.obligation_id WHERE w.id = ?`,
      [wakeupId],
    );
    const arrived = () =>
      smtp.messages.filter((message) => message.subject?.startsWith(`Påminnelse: ${title} `));
    await eventually(async () => arrived().length === 1, { timeoutMs: 30_000 });
    const delivery = async () =>
      (
        await api.dataSource.query(
          'SELECT status, attempts, recipient FROM mail_deliveries WHERE idempotency_key = ?',
          [key],
        )
      )[0];
    // The job records the sending just after the server took the message.
    await eventually(async () => (await delivery()).status === 'sent');
    // Refused three times, retried with backoff, accepted on the fourth attempt.
    expect(await delivery()).toMatchObject({
      attempts: 4,
      recipient: 'jeanette.larsson@kalix.example.se',
    });
    // Later sweeps and mail jobs send nothing more.
    await worker.app.get(FollowUpScheduler).sweep();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(arrived()).toHaveLength(1);
    expect(arrived()[0].text).toContain('ska redovisas senast 2099-06-30');
  });
});
