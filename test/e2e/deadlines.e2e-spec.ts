import { FixedClock } from '@nf/common';
import { FollowUpScheduler } from '@nf/followups-jobs';
import { PostAnslag } from '@nf/protocols-jobs';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { login, seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { workflowClient } from '../support/workflow-client';
import { startWorker, WorkerHarness } from '../support/worker-harness';

const HOUR = 3_600_000;

interface DeadlineView {
  id: number;
  kind: string;
  title: string;
  subject: { type: string; id: number };
  dueOn: string;
  status: string;
  late: boolean;
}

describe('Legal deadlines: records with reminders, from December 2023 to October 2024', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  const clock = new FixedClock('2023-12-01T08:00:00Z');
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let organs: Record<string, number>;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock, demoOnStart: false });
    kalix = await seedTenant(api, 'kalix');
    worker = await startWorker(config, { clock });
    organs = await workflowClient(api, kalix).organIds();
    // In Kalix the same nämndsekreterare keeps KF's records too.
    await request(api.app.getHttpServer())
      .put(`/api/v1/users/${kalix.userIds.sekreterare}/roles`)
      .set({ Authorization: `Bearer ${kalix.tokens.admin}` })
      .send({
        roles: ['KF', 'KS', 'KSAPU'].map((organ) => ({
          role: 'sekreterare',
          organId: organs[organ],
        })),
      })
      .expect(200);
    kalix.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  const http = () => request(api.app.getHttpServer());
  const as = (role: string) => ({ Authorization: `Bearer ${kalix.tokens[role]}` });
  /** The clock moves on by months: the secretary logs in again. */
  const loginAgain = async () => {
    kalix.tokens.sekreterare = (await login(api, 'kalix', 'sekreterare')).accessToken;
  };
  const deadlines = async (query = '') =>
    (await http().get(`/api/v1/deadlines${query}`).set(as('sekreterare')).expect(200))
      .body as DeadlineView[];
  const createKfMeeting = async (startsAt: string) =>
    (
      await http()
        .post('/api/v1/meetings')
        .set(as('sekreterare'))
        .send({ organId: organs.KF, startsAt, place: 'Folkets hus, Kalix' })
        .expect(201)
    ).body as { id: number; version: number };

  it('records each deadline once, reminds and tells what is late on working days, and settles what was done', async () => {
    const scheduler = worker.app.get(FollowUpScheduler);
    // The notice job of the demo's adjusted KSAPU protocol (this worker runs no outbox).
    for (const row of (await api.dataSource.query(
      "SELECT id FROM protocols WHERE municipality_id = ? AND status = 'adjusted'",
      [kalix.municipalityId],
    )) as Array<{ id: string }>) {
      await worker.app
        .get(PostAnslag)
        .handle({ municipalityId: kalix.municipalityId, protocolId: Number(row.id) });
    }
    const january = await createKfMeeting('2024-01-29T18:00');
    const march = await createKfMeeting('2024-03-25T18:00');
    const first = await scheduler.sweep();
    expect(first.deadlines).toBeGreaterThanOrEqual(6);
    expect((await scheduler.sweep()).deadlines).toBe(0);

    const recorded = await deadlines();
    const find = (kind: string, title: string) => {
      const found = recorded.filter((row) => row.kind === kind && row.title.includes(title));
      expect(found).toHaveLength(1);
      return found[0];
    };
    // KSAPU of 20 November 2023 was adjusted (on the clock's 1 December) and posted by the demo:
    // met when first seen; its appeal period runs three weeks from posting.
    expect(find('justering', 'arbets- och personalutskott 20 november 2023')).toMatchObject({
      status: 'met',
      dueOn: '2023-12-04',
      late: false,
    });
    expect(find('anslag', '20 november 2023')).toMatchObject({ status: 'met' });
    const appeal = find('appeal-end', '20 november 2023');
    expect(appeal).toMatchObject({ status: 'open', dueOn: '2023-12-22' });
    // KS of 11 December: 14 days is juldagen, then annandag jul: the last day moves to the 27th.
    const ks = find('justering', 'Kommunstyrelsen 11 december 2023');
    expect(ks).toMatchObject({ status: 'open', dueOn: '2023-12-27' });
    // KF of 29 January 2024: announced a week before, adjusted within 14 days.
    const announcement = find('kf-announcement', '29 januari 2024');
    expect(announcement).toMatchObject({ status: 'open', dueOn: '2024-01-22' });
    expect(find('justering', 'Kommunfullmäktige 29 januari 2024')).toMatchObject({
      dueOn: '2024-02-12',
    });
    // The motion 2023-00439, submitted 16 October 2023, should be decided within a year.
    const motion = find('motion-year', '2023-00439');
    expect(motion).toMatchObject({ status: 'open', dueOn: '2024-10-16' });

    // The walk: a sweep every six hours. KF's January kallelse is published on 10 January; the
    // March meeting is cancelled on 1 March. Nothing else is done.
    for (let t = clock.now().getTime(); t <= Date.parse('2024-10-20T12:00:00Z'); t += 6 * HOUR) {
      clock.set(new Date(t));
      if (t === Date.parse('2024-01-10T08:00:00Z')) {
        await loginAgain();
        const meeting = (
          await http().get(`/api/v1/meetings/${january.id}`).set(as('sekreterare')).expect(200)
        ).body as { version: number };
        await http()
          .post(`/api/v1/meetings/${january.id}/kallelse`)
          .set(as('sekreterare'))
          .send({ version: meeting.version })
          .expect(201);
      }
      if (t === Date.parse('2024-03-01T08:00:00Z')) {
        await loginAgain();
        await http()
          .post(`/api/v1/meetings/${march.id}/cancel`)
          .set(as('sekreterare'))
          .send({ reason: 'Inga ärenden', version: march.version })
          .expect(200);
      }
      await scheduler.sweep();
    }
    await scheduler.sweep();
    await loginAgain();

    const wakeupsOf = async (deadlineId: number) =>
      (
        (await api.dataSource.query(
          'SELECT kind, fires_at AS firesAt, status FROM wakeups WHERE deadline_id = ? ORDER BY fires_at',
          [deadlineId],
        )) as Array<{ kind: string; firesAt: Date; status: string }>
      ).map((row) => [row.kind, row.firesAt.toISOString(), row.status]);
    // Three days before the 27th is julafton, a Sunday: the reminder comes on Friday the 22nd;
    // the late notice on the working day after the last day.
    expect(await wakeupsOf(ks.id)).toEqual([
      ['remind', '2023-12-22T07:00:00.000Z', 'done'],
      ['late', '2023-12-28T07:00:00.000Z', 'done'],
    ]);
    // The day after the appeal period is a Saturday, then julafton and two holidays.
    expect(await wakeupsOf(appeal.id)).toEqual([['passed', '2023-12-27T07:00:00.000Z', 'done']]);
    // Published before its reminder: nothing to tell.
    expect(await wakeupsOf(announcement.id)).toEqual([
      ['remind', '2024-01-19T07:00:00.000Z', 'cancelled'],
      ['late', '2024-01-23T07:00:00.000Z', 'cancelled'],
    ]);
    // Nine and eleven months after submission (summer time: 08:00 is 06:00Z), then late.
    expect(await wakeupsOf(motion.id)).toEqual([
      ['remind', '2024-07-16T06:00:00.000Z', 'done'],
      ['remind', '2024-09-16T06:00:00.000Z', 'done'],
      ['late', '2024-10-17T06:00:00.000Z', 'done'],
    ]);

    const after = await deadlines();
    const statusOf = (id: number) => after.find((row) => row.id === id)!.status;
    expect(statusOf(appeal.id)).toBe('passed');
    expect(statusOf(announcement.id)).toBe('met');
    expect(statusOf(ks.id)).toBe('open');
    expect(after.find((row) => row.id === ks.id)!.late).toBe(true);
    expect(
      after
        .filter((row) => row.subject.type === 'meeting' && row.subject.id === march.id)
        .map((row) => [row.kind, row.status])
        .sort(),
    ).toEqual([
      ['justering', 'cancelled'],
      ['kf-announcement', 'cancelled'],
    ]);
    expect((await deadlines('?kind=motion-year&status=open')).map((row) => row.id)).toEqual([
      motion.id,
    ]);

    // The secretary of KS, KSAPU and KF was told each thing once; the motion's official too.
    const subjects = (
      (await api.dataSource.query(
        'SELECT subject FROM inbox_messages WHERE user_id = ? ORDER BY id',
        [kalix.userIds.sekreterare],
      )) as Array<{ subject: string }>
    ).map((row) => row.subject);
    const about = (title: string) => subjects.filter((subject) => subject.includes(title));
    expect(about('Kommunstyrelsen 11 december 2023')).toEqual([
      'Påminnelse: Justering av protokoll: Kommunstyrelsen 11 december 2023, senast 27 december 2023',
      'Försenat: Justering av protokoll: Kommunstyrelsen 11 december 2023',
    ]);
    expect(about('Sista dag för överklagande')).toHaveLength(1);
    expect(about('Sista dag för överklagande')[0]).toMatch(/^Tiden har gått ut: /);
    expect(about('2023-00439')).toHaveLength(3);
    expect(about('Kungörelse')).toEqual([]);
    const [body] = (await api.dataSource.query(
      "SELECT body FROM inbox_messages WHERE user_id = ? AND subject LIKE 'Försenat: Justering av protokoll: Kommunstyrelsen%'",
      [kalix.userIds.sekreterare],
    )) as Array<{ body: string }>;
    expect(body.body).toContain('Sista dag var onsdagen den 27 december 2023');
    expect(body.body).toContain('(5 kap. 69 § kommunallagen)');

    // The budget year (kommunallagen 11 kap.), recorded on the first sweep of 2024: last year's
    // annual report by 15 April, the styrelse's proposal for 2025 by the end of October, KF's
    // budget by the end of November (the 30th is a Saturday: the Monday after). Reminded a month
    // ahead and three days before, on working days; late the day after.
    const budgetYear = after.filter((row) => row.subject.type === 'year');
    expect(
      budgetYear.map((row) => [row.kind, row.subject.id, row.title, row.dueOn, row.status]),
    ).toEqual([
      [
        'annual-report',
        2023,
        'Årsredovisning 2023 till fullmäktige och revisorerna',
        '2024-04-15',
        'open',
      ],
      ['budget-proposal', 2025, 'Styrelsens förslag till budget 2025', '2024-10-31', 'open'],
      ['budget-adoption', 2025, 'Fullmäktiges beslut om budget 2025', '2024-12-02', 'open'],
    ]);
    const [annualReport, proposal, adoption] = budgetYear;
    expect(await wakeupsOf(annualReport.id)).toEqual([
      ['remind', '2024-03-15T07:00:00.000Z', 'done'], // the 16th is a Saturday
      ['remind', '2024-04-12T06:00:00.000Z', 'done'],
      ['late', '2024-04-16T06:00:00.000Z', 'done'],
    ]);
    expect(await wakeupsOf(proposal.id)).toEqual([
      ['remind', '2024-10-01T06:00:00.000Z', 'done'],
      ['remind', '2024-10-28T07:00:00.000Z', 'pending'],
      ['late', '2024-11-01T07:00:00.000Z', 'pending'],
    ]);
    // The system holds no budget: the secretary records the proposal as made, with its case; the
    // rest of its reminders are cancelled. A deadline settled by its subject cannot be met by hand.
    const met = await http()
      .post(`/api/v1/deadlines/${proposal.id}/met`)
      .set(as('sekreterare'))
      .send({})
      .expect(200);
    expect(met.body).toMatchObject({ id: proposal.id, status: 'met', late: false });
    expect(await wakeupsOf(proposal.id)).toEqual([
      ['remind', '2024-10-01T06:00:00.000Z', 'done'],
      ['remind', '2024-10-28T07:00:00.000Z', 'cancelled'],
      ['late', '2024-11-01T07:00:00.000Z', 'cancelled'],
    ]);
    for (const [id, code] of [
      [proposal.id, 'deadline-not-open'],
      [ks.id, 'deadline-settled-by-its-subject'],
    ] as const) {
      const refused = await http()
        .post(`/api/v1/deadlines/${id}/met`)
        .set(as('sekreterare'))
        .send({})
        .expect(409);
      expect(refused.body.code).toBe(code);
    }
    kalix.tokens.ledamot = (await login(api, 'kalix', 'ledamot')).accessToken;
    await http()
      .post(`/api/v1/deadlines/${adoption.id}/met`)
      .set(as('ledamot'))
      .send({})
      .expect(403);
    const [late] = (await api.dataSource.query(
      "SELECT body FROM inbox_messages WHERE user_id = ? AND subject = 'Försenat: Årsredovisning 2023 till fullmäktige och revisorerna'",
      [kalix.userIds.sekreterare],
    )) as Array<{ body: string }>;
    expect(late.body).toContain('Sista dag var måndagen den 15 april 2024');
    expect(late.body).toContain('lagen (2018:597) om kommunal bokföring och redovisning');

    // Every change is in the audit log.
    const audited = (await api.dataSource.query(
      "SELECT action, COUNT(*) AS n FROM audit_log WHERE entity_type = 'deadline' GROUP BY action ORDER BY action",
    )) as Array<{ action: string; n: string }>;
    const counts = Object.fromEntries(audited.map((row) => [row.action, Number(row.n)]));
    expect(counts['deadline.recorded']).toBe(after.length);
    expect(counts['deadline.cancelled']).toBe(2);
    expect(counts['deadline.met']).toBeGreaterThanOrEqual(1);
    expect(counts['deadline.passed']).toBeGreaterThanOrEqual(1);
  });

  it('gives each user a calendar feed of their meetings, deadlines and follow-ups, behind a secret address', async () => {
    clock.set(new Date('2024-01-15T08:00:00Z'));
    await loginAgain();
    kalix.tokens.ledamot = (await login(api, 'kalix', 'ledamot')).accessToken;
    const created = await http()
      .post('/api/v1/me/calendar-feed')
      .set(as('sekreterare'))
      .expect(201);
    expect(created.body.path).toBe(`/api/v1/calendar/${created.body.token}.ics`);
    const feed = await http().get(created.body.path).expect(200);
    expect(feed.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = feed.text
      .split('BEGIN:VEVENT')
      .slice(1)
      .map((event) => event.replace(/\r\n /g, ''));
    const field = (event: string, name: string) =>
      new RegExp(`\r\n${name}[;:]([^\r]*)`).exec(event)?.[1]?.replace(/\\,/g, ',') ?? null;
    const summaries = events.map((event) => [
      field(event, 'SUMMARY'),
      field(event, 'DTSTART'),
      field(event, 'STATUS'),
    ]);
    // The secretary's organs' meetings (KSAPU, KS and — granted above — KF), the cancelled one too.
    expect(summaries).toEqual(
      expect.arrayContaining([
        ['Kommunstyrelsen, sammanträde', '20231211T080000Z', 'CONFIRMED'],
        ['Kommunfullmäktige, sammanträde', '20240129T170000Z', 'CONFIRMED'],
        ['Kommunfullmäktige, sammanträde', '20240325T170000Z', 'CANCELLED'],
        [
          'Justering av protokoll: Kommunstyrelsen 11 december 2023',
          'VALUE=DATE:20231227',
          'CONFIRMED',
        ],
        [
          'Kungörelse av sammanträde: Kommunfullmäktige 29 januari 2024',
          'VALUE=DATE:20240122',
          'CONFIRMED',
        ],
      ]),
    );
    expect(feed.text).toContain(
      'UID:meeting-' /* the kallelse invitation's UID: one event, not two */,
    );
    // A member sees the meetings of the organ they sit on, and no secretary's deadlines.
    const member = await http().post('/api/v1/me/calendar-feed').set(as('ledamot')).expect(201);
    const memberFeed = (await http().get(member.body.path).expect(200)).text;
    expect(memberFeed).toContain('SUMMARY:Kommunstyrelsen\\, sammanträde');
    expect(memberFeed).not.toContain('Kommunfullmäktige');
    expect(memberFeed).not.toContain('Justering av protokoll');

    // An official sees the follow-ups they answer for, on their due dates: the näringslivschef
    // the yearly reports of Kalix items 7 and 8.
    kalix.tokens.naringslivschef = (await login(api, 'kalix', 'naringslivschef')).accessToken;
    const official = await http()
      .post('/api/v1/me/calendar-feed')
      .set(as('naringslivschef'))
      .expect(201);
    const officialFeed = (await http().get(official.body.path).expect(200)).text.replace(
      /\r\n /g,
      '',
    );
    expect(officialFeed).toContain(
      'SUMMARY:Uppföljning ska redovisas: Årlig uppföljning till kommunstyrelsen\r\nDESCRIPTION:Senast 28 februari 2025.',
    );
    expect(officialFeed).toContain('DTSTART;VALUE=DATE:20250228\r\nDTEND;VALUE=DATE:20250301');

    // A new address replaces the old; a revoked one, or one never given, is not found.
    const renewed = await http()
      .post('/api/v1/me/calendar-feed')
      .set(as('sekreterare'))
      .expect(201);
    await http().get(created.body.path).expect(404);
    await http().get(renewed.body.path).expect(200);
    await http().delete('/api/v1/me/calendar-feed').set(as('sekreterare')).expect(204);
    await http().get(renewed.body.path).expect(404);
    await http().get('/api/v1/calendar/not-a-token.ics').expect(404);
    const [{ n }] = await api.dataSource.query(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('calendar-feed.created', 'calendar-feed.revoked')",
    );
    expect(Number(n)).toBe(5);
    const replaced = await api.dataSource.query(
      "SELECT entity_id AS userId FROM audit_log WHERE action = 'calendar-feed.created' AND JSON_VALUE(after_state, '$.replaced') = 1",
    );
    expect(replaced.map((row: { userId: string }) => Number(row.userId))).toEqual([
      kalix.userIds.sekreterare,
    ]);
  });

  it('records a meeting whose deadline is missing behind newer ones (committed late, or not recorded): the sweep rereads the newest subjects', async () => {
    const scheduler = worker.app.get(FollowUpScheduler);
    clock.set(new Date('2024-11-04T08:00:00Z'));
    await loginAgain();
    const older = await createKfMeeting('2024-12-16T18:00');
    const newer = await createKfMeeting('2025-01-27T18:00');
    await scheduler.sweep();
    const ofMeeting = async (meetingId: number) =>
      (await deadlines()).filter(
        (row) => row.subject.type === 'meeting' && row.subject.id === meetingId,
      );
    expect((await ofMeeting(older.id)).map((row) => row.kind).sort()).toEqual([
      'justering',
      'kf-announcement',
    ]);
    // As if the older meeting's deadlines had never been recorded while the newer one's were.
    const missing = (await ofMeeting(older.id)).map((row) => row.id);
    await api.dataSource.query('DELETE FROM wakeups WHERE deadline_id IN (?)', [missing]);
    await api.dataSource.query('DELETE FROM deadlines WHERE id IN (?)', [missing]);
    expect(await ofMeeting(older.id)).toEqual([]);
    expect((await ofMeeting(newer.id)).length).toBe(2);

    expect((await scheduler.sweep()).deadlines).toBe(2);
    expect((await ofMeeting(older.id)).map((row) => row.kind).sort()).toEqual([
      'justering',
      'kf-announcement',
    ]);
    expect((await ofMeeting(newer.id)).length).toBe(2);
  });
});
