import { FixedClock } from '@nf/common';
import { FollowUpScheduler } from '@nf/followups-jobs';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { createOutsider, login, OUTSIDER_PASSWORD, seedTenant, Tenant } from '../support/identity';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { workflowClient } from '../support/workflow-client';
import { startWorker, WorkerHarness } from '../support/worker-harness';

const OSL = 'OSL 26 kap. 1 §';
const CLAUSE =
  'Nästa uppföljning sker februari 2025, därefter sker uppföljning årligen i februari månad.';

describe('Secrecy follows the data: follow-ups of a secret case', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  const clock = new FixedClock('2024-12-01T08:00:00Z');
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let outsider: Record<string, string>;
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock, demoOnStart: false });
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    worker = await startWorker(config, { clock, runOutbox: true });
    // An official who is neither responsible for the cases nor sits on an organ.
    await createOutsider(api, kalix);
    await loginAll();
  });

  /** Tokens expire as the clock moves: everyone logs in again at the new time. */
  async function loginAll(): Promise<void> {
    for (const user of ['admin', 'registrator', 'handlaggare', 'sekreterare']) {
      kalix.tokens[user] = (await login(api, 'kalix', user)).accessToken;
    }
    const { accessToken } = await login(api, 'kalix', 'utomstaende', OUTSIDER_PASSWORD);
    outsider = { Authorization: `Bearer ${accessToken}` };
  }

  async function setClock(at: string): Promise<void> {
    clock.set(new Date(at));
    await loginAll();
  }

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  /** A case decided by KS with a follow-up clause; marked secret first when `publicTitle` is given. */
  async function decide(title: string, publicTitle?: string): Promise<number> {
    const client = workflowClient(api, kalix);
    const caseId = await client.registerCase(title);
    if (publicTitle) await markSecret(caseId, publicTitle);
    await client.startRoute(caseId, 'ks-direkt');
    await client.submitTjansteskrivelse(caseId, ['att bevilja stödet'], {
      followUpClause: CLAUSE,
    });
    await client.waitFor(
      caseId,
      'ready for KS',
      (t) => t.steps[t.route.currentStep].state === 'ready',
    );
    await client.outcome(caseId, {
      kind: 'decision',
      text: 'Kommunstyrelsen beslutar att bevilja stödet.',
      meetingDate: '2024-11-25',
      paragraph: 300,
    });
    await client.waitFor(caseId, 'decided', (timeline) => timeline.route.status === 'decided');
    return caseId;
  }

  async function markSecret(caseId: number, publicTitle: string): Promise<void> {
    await http()
      .put(`/api/v1/cases/${caseId}/secrecy`)
      .set(as('registrator'))
      .send({ osl: OSL, publicTitle })
      .expect(200);
  }

  const obligationsAs = async (headers: Record<string, string>) =>
    (await http().get('/api/v1/obligations').set(headers).expect(200)).body as Array<{
      id: number;
      caseId: number | null;
      title: string;
      clause: string | null;
      titleHidden: boolean;
      next: { followUpDnr: string | null } | null;
    }>;

  /** Everything derived from the case that leaves the system or reaches an outsider. */
  async function derivedText(): Promise<string> {
    const mails = await api.dataSource.query('SELECT subject, body FROM mail_deliveries');
    const messages = await api.dataSource.query('SELECT subject, body FROM inbox_messages');
    const feed = (await http().post('/api/v1/me/calendar-feed').set(as('handlaggare')).expect(201))
      .body as { path: string };
    const ics = (await http().get(feed.path).expect(200)).text;
    const publicRegistry = (await http().get('/api/v1/public/kalix/cases?limit=100').expect(200))
      .body;
    const outsiderInbox = (await http().get('/api/v1/me/inbox').set(outsider).expect(200)).body;
    return JSON.stringify([
      mails,
      messages,
      ics,
      publicRegistry,
      await obligationsAs(outsider),
      outsiderInbox,
    ]);
  }

  it('names a secret case’s follow-up by its public title in the obligation list, e-mails, the inbox and the calendar, and registers the follow-up case as secret', async () => {
    const caseId = await decide('Stöd till Hemliga Hansson', 'Stödärende (sekretess)');
    const scheduler = worker.app.get(FollowUpScheduler);
    expect((await scheduler.sweep()).proposed).toBe(1);

    // The outsider reads the public title and no clause; the registrator reads it all.
    const hidden = (await obligationsAs(outsider)).find((row) => row.caseId === caseId)!;
    expect(hidden).toMatchObject({
      title: 'Uppföljning: Stödärende (sekretess)',
      clause: null,
      titleHidden: true,
    });
    const full = (await obligationsAs(as('registrator'))).find((row) => row.caseId === caseId)!;
    expect(full).toMatchObject({ title: 'Uppföljning: Stöd till Hemliga Hansson', clause: CLAUSE });

    await http()
      .post(`/api/v1/obligations/${full.id}/confirm`)
      .set(as('sekreterare'))
      .send({})
      .expect(200);
    await eventually(async () =>
      Boolean((await obligationsAs(as('registrator'))).find((row) => row.id === full.id)?.next),
    );
    // January: the follow-up case is opened; February: the reminders come.
    for (const at of ['2025-01-15T08:00:00Z', '2025-02-20T08:00:00Z', '2025-03-05T08:00:00Z']) {
      await setClock(at);
      await scheduler.sweep();
    }
    const [followUp] = (await api.dataSource.query(
      `SELECT c.title, c.secrecy_osl AS osl, c.public_title AS publicTitle
         FROM obligation_occurrences o JOIN cases c ON c.id = o.follow_up_case_id
        WHERE o.obligation_id = ?`,
      [full.id],
    )) as Array<{ title: string; osl: string | null; publicTitle: string | null }>;
    expect(followUp).toMatchObject({
      osl: OSL,
      publicTitle: 'Uppföljning februari 2025: Stödärende (sekretess)',
    });
    const reminders = (await api.dataSource.query(
      `SELECT subject FROM mail_deliveries WHERE subject LIKE 'Påminnelse:%' OR subject LIKE 'Uppföljning att göra:%'`,
    )) as Array<{ subject: string }>;
    expect(reminders.map((row) => row.subject)).toEqual(
      expect.arrayContaining([expect.stringContaining('Stödärende (sekretess)')]),
    );
    expect(await derivedText()).not.toContain('Hemliga Hansson');
  });

  it('marks the follow-up cases secret, and masks what was told before, when the case is marked secret after its follow-up was opened', async () => {
    await setClock('2024-12-02T08:00:00Z');
    const caseId = await decide('Avtal med Hemliga Bolaget AB');
    const scheduler = worker.app.get(FollowUpScheduler);
    await scheduler.sweep();
    const obligation = (await obligationsAs(as('registrator'))).find(
      (row) => row.caseId === caseId,
    )!;
    await http()
      .post(`/api/v1/obligations/${obligation.id}/confirm`)
      .set(as('sekreterare'))
      .send({})
      .expect(200);
    await eventually(async () =>
      Boolean(
        (await obligationsAs(as('registrator'))).find((row) => row.id === obligation.id)?.next,
      ),
    );
    await setClock('2025-02-02T08:00:00Z');
    await scheduler.sweep();
    const followUpOf = async () =>
      (
        (await api.dataSource.query(
          `SELECT c.id, c.secrecy_osl AS osl, c.public_title AS publicTitle
             FROM obligation_occurrences o JOIN cases c ON c.id = o.follow_up_case_id
            WHERE o.obligation_id = ?`,
          [obligation.id],
        )) as Array<{ id: number; osl: string | null; publicTitle: string | null }>
      )[0];
    await eventually(async () => {
      await scheduler.sweep();
      return (await followUpOf()) !== undefined;
    });
    expect((await followUpOf()).osl).toBeNull();
    // The official's inbox message named the case before it was secret.
    const before = (await http().get('/api/v1/me/inbox').set(as('handlaggare')).expect(200)).body;
    expect(JSON.stringify(before)).toContain('Hemliga Bolaget');

    await markSecret(caseId, 'Avtalsärende (sekretess)');
    await eventually(async () => (await followUpOf()).osl === OSL);
    expect((await followUpOf()).publicTitle).toBe(
      'Uppföljning februari 2025: Avtalsärende (sekretess)',
    );
    // The follow-up case itself is now secret: reading its messages as someone without the
    // right (the sekreterare has no secret.read) shows no title.
    const secretary = (await http().get('/api/v1/me/inbox').set(as('sekreterare')).expect(200))
      .body;
    expect(JSON.stringify(secretary)).not.toContain('Hemliga Bolaget');
    const public_ = (await http().get('/api/v1/public/kalix/cases?limit=100').expect(200)).body;
    expect(JSON.stringify(public_)).not.toContain('Hemliga Bolaget');
    const hidden = (await obligationsAs(outsider)).find((row) => row.id === obligation.id)!;
    expect(hidden.title).toBe('Uppföljning: Avtalsärende (sekretess)');
  });
});
