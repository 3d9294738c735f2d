import { PublicChanges } from '@nf/publication';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { workflowClient } from '../support/workflow-client';

const ADDRESS = 'invanare@example.se';

interface Mail {
  id: number;
  recipient: string;
  subject: string;
  body: string;
  status: string;
}

/**
 * "Följ ärendet" on the portal: a resident leaves an address, confirms it by the link e-mailed to
 * it, gets an e-mail when the case moves (once), and stops; the address is stored only meanwhile,
 * never in the audit log, and every e-mail names a secret case by its public title only.
 */
describe('Following a case from the portal', () => {
  const config = testConfig({ APP_DEMO: 'true', APP_PUBLIC_URL: 'http://kalix.test' });
  let api: ApiHarness;
  let kalix: Tenant;
  let caseId: number;
  let caseTitle: string;
  let token: string;
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });
  const mails = async (recipient = ADDRESS) =>
    (await api.dataSource.query(
      'SELECT id, recipient, subject, body, status FROM mail_deliveries WHERE recipient = ? ORDER BY id',
      [recipient],
    )) as Mail[];
  const project = () => api.app.get(PublicChanges).catchUp();

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    const client = workflowClient(api, kalix);
    const organs = await client.organIds();
    const [ready] = await client.readyFor(organs.KSAPU);
    caseId = ready.caseId;
    caseTitle = (await http().get(`/api/v1/cases/${caseId}`).set(as('registrator')).expect(200))
      .body.title;
    await project();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('asks again, in Swedish, for an address that is not one, and stores nothing', async () => {
    const page = await http()
      .post(`/portal/kalix/arenden/${caseId}/folj`)
      .type('form')
      .send('epost=inte-en-adress')
      .expect(422);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('Skriv en e-postadress');
    expect(page.text).toContain('aria-invalid="true"');
    const [{ n }] = await api.dataSource.query('SELECT COUNT(*) AS n FROM case_follows');
    expect(Number(n)).toBe(0);
  });

  it('sends a confirmation link; the follow counts once confirmed by the button behind the link', async () => {
    const asked = await http()
      .post(`/portal/kalix/arenden/${caseId}/folj`)
      .type('form')
      .send(`epost=${encodeURIComponent(ADDRESS)}`)
      .expect(200);
    expect(asked.text).toContain('Kolla din e-post');
    // Asked twice at once: one e-mail.
    await http()
      .post(`/portal/kalix/arenden/${caseId}/folj`)
      .type('form')
      .send(`epost=${encodeURIComponent(ADDRESS)}`)
      .expect(200);
    const [confirmation, ...more] = await mails();
    expect(more).toEqual([]);
    expect(confirmation.subject).toMatch(/^Bekräfta att du vill följa ärendet /);
    const link = /http:\/\/kalix\.test(\/portal\/kalix\/folj\/([A-Za-z0-9_-]{32}))/.exec(
      confirmation.body,
    )!;
    token = link[2];
    // Opening the link (as a mail scanner may) changes nothing; the button does.
    const page = await http().get(link[1]).expect(200);
    expect(page.text).toContain('Ja, jag vill följa ärendet');
    const [{ status }] = await api.dataSource.query('SELECT status FROM case_follows');
    expect(status).toBe('pending');
    const confirmed = await http().post(`${link[1]}/bekrafta`).type('form').send('').expect(200);
    expect(confirmed.text).toContain('Nu följer du ärendet');
    const [row] = await api.dataSource.query('SELECT status FROM case_follows');
    expect(row.status).toBe('confirmed');
  });

  it('e-mails the follower once when the case is put on a meeting’s agenda, by its public title once secret', async () => {
    // The case is marked secret first: the e-mail may not name it by its real title.
    const { version } = (
      await http().get(`/api/v1/cases/${caseId}`).set(as('registrator')).expect(200)
    ).body;
    await http()
      .put(`/api/v1/cases/${caseId}/secrecy`)
      .set(as('registrator'))
      .send({ osl: 'OSL 21 kap. 1 §', publicTitle: 'Ärende om enskild', version })
      .expect(200);
    const client = workflowClient(api, kalix);
    const organs = await client.organIds();
    const meetingId = await client.planMeeting(organs.KSAPU, '2024-02-05T09:00');
    await client.addCase(meetingId, caseId);
    await project();
    await project();
    const moved = (await mails()).filter((mail) => mail.subject.includes('har gått vidare'));
    expect(moved).toHaveLength(1);
    expect(moved[0].body).toContain('Ärendet har satts upp på dagordningen för ett sammanträde.');
    expect(moved[0].body).toContain('Ärende om enskild');
    expect(moved[0].body).not.toContain(caseTitle);
    expect(moved[0].body).toContain(`http://kalix.test/portal/kalix/folj/${token}/avsluta`);
  });

  it('stops by the link in every e-mail: the address is gone, from the follows and the mail log, and was never audited', async () => {
    const page = await http().get(`/portal/kalix/folj/${token}/avsluta`).expect(200);
    expect(page.text).toContain('Ja, sluta följa');
    const stopped = await http()
      .post(`/portal/kalix/folj/${token}/avsluta`)
      .type('form')
      .send('')
      .expect(200);
    expect(stopped.text).toContain('Du följer inte längre ärendet');
    const [{ n }] = await api.dataSource.query('SELECT COUNT(*) AS n FROM case_follows');
    expect(Number(n)).toBe(0);
    expect(await mails()).toEqual([]);
    const [{ audited }] = await api.dataSource.query(
      `SELECT COUNT(*) AS audited FROM audit_log WHERE entity_type = 'case-follow'`,
    );
    expect(Number(audited)).toBe(3);
    const [{ leaked }] = await api.dataSource.query(
      'SELECT COUNT(*) AS leaked FROM audit_log WHERE before_state LIKE ? OR after_state LIKE ?',
      [`%${ADDRESS}%`, `%${ADDRESS}%`],
    );
    expect(Number(leaked)).toBe(0);
    // The link is spent.
    await http().get(`/portal/kalix/folj/${token}/avsluta`).expect(404);
    // Nothing more is sent after the case moves again.
    await project();
    expect(await mails()).toEqual([]);
  });
});
