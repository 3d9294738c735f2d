import { FixedClock } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Obligations } from '@nf/followups';
import { FollowUpScheduler } from '@nf/followups-jobs';
import { CaseDecisions } from '@nf/registry';
import { ApiHarness, startApi } from '../support/api-harness';
import { seedTenant, Tenant } from '../support/identity';
import { eventually, redisClient, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';

const YEARLY_IN_FEBRUARY = 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1';
const HOUR = 3_600_000;

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

  it('opens the Kalix follow-ups in January, reminds before the end of February, once each, and tells the secretary when one is late', async () => {
    const obligations = api.app.get(Obligations);
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
        await obligations.create(kalix, {
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
    const easter = await obligations.create(kalix, {
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
        // The 2025 follow-ups are decided by KS before their due date; 2026's are not.
        const open = (await api.dataSource.query(
          "SELECT follow_up_case_id AS caseId FROM obligation_occurrences WHERE status = 'open' AND due_on = '2025-02-28'",
        )) as Array<{ caseId: string }>;
        expect(open).toHaveLength(2);
        await api.app.get(TransactionRunner).run(async (tx) => {
          for (const row of open) {
            await api.app
              .get(CaseDecisions)
              .markDecided(tx, kalix, Number(row.caseId), clock.now());
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
    expect(followUps.map((row) => [row.status, row.dnr.slice(0, 4), Number(row.linked)])).toEqual([
      ['fulfilled', '2025', 1],
      ['open', '2026', 1],
      ['fulfilled', '2025', 1],
      ['open', '2026', 1],
    ]);
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
    expect(officials.filter((row) => row.subject.startsWith('Uppföljning att göra'))).toHaveLength(
      5,
    );
    const secretary = await inbox(kalix.userIds.sekreterare);
    expect(secretary.map((row) => row.subject).sort()).toEqual([
      'Försenad uppföljning: Redovisning av handlingsplan',
      'Försenad uppföljning: Årlig uppföljning av 2018-00278',
      'Försenad uppföljning: Årlig uppföljning av 2021-00079',
    ]);
    // KS sees which are late.
    const late = await obligations.list(kalix, { late: true });
    expect(late.map((row) => row.title).sort()).toEqual([
      'Redovisning av handlingsplan',
      'Årlig uppföljning av 2018-00278',
      'Årlig uppföljning av 2021-00079',
    ]);
  });
});

describe('Follow-ups under failure: real BullMQ delayed jobs and the sweep', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    worker = await startWorker(config, { runOutbox: true });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  /** A planned obligation's first reminder, moved to fire `inMs` from now. */
  async function reminderDueIn(inMs: number) {
    const obligation = await api.app.get(Obligations).create(kalix, {
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
    await worker.app
      .get(FollowUpScheduler)
      .reschedule(kalix, wakeupId, new Date(Date.now() + inMs));
    return wakeupId;
  }

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
    const scheduler = worker.app.get(FollowUpScheduler);
    expect((await scheduler.wake(kalix, wakeupId, 1)).status).toBe('skipped');
    expect((await scheduler.wake(kalix, wakeupId, 2)).status).toBe('skipped');
    expect(await toldOf(wakeupId)).toBe(1);
  });

  it('fires a reminder whose job Redis lost, once, when the sweep comes', async () => {
    const wakeupId = await reminderDueIn(1_000);
    // Wait until the wake-up is armed in Redis, then lose Redis's data.
    await eventually(async () => {
      const [armed] = await api.dataSource.query(
        `SELECT COUNT(*) AS n FROM outbox_messages WHERE job_name = 'followups.wake'
           AND status = 'published' AND JSON_EXTRACT(payload, '$.wakeupId') = ? AND JSON_EXTRACT(payload, '$.version') = 2`,
        [wakeupId],
      );
      return Number(armed.n) === 1;
    });
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
});
