import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { binary } from '../support/binary';
import { createOutsider, seedTenant, Tenant } from '../support/identity';
import { pdfText } from '../support/pdf-text';
import { eventually, resetServices } from '../support/services';
import { startSmtp, SmtpHarness } from '../support/smtp';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';
import { visit, workflowClient } from '../support/workflow-client';

const OSL = 'OSL 26 kap. 1 §';
const PUBLIC_TITLE = 'Ansökan (sekretess)';

describe('Secrecy follows the data: protocols, extracts and the kallelse', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let worker: WorkerHarness;
  let smtp: SmtpHarness;
  let kalix: Tenant;
  let client: ReturnType<typeof workflowClient>;
  let organs: Record<string, number>;
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    smtp = await startSmtp();
    worker = await startWorker(testConfig({ APP_DEMO: 'true', SMTP_PORT: String(smtp.port) }), {
      runOutbox: true,
    });
    client = workflowClient(api, kalix);
    organs = await client.organIds();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await smtp?.close();
  });

  async function caseReadyForKsapu(title: string): Promise<number> {
    const caseId = await client.registerCase(title);
    await client.startRoute(caseId, 'ks-arende');
    await client.submitTjansteskrivelse(caseId, ['bevilja ansökan'], {
      addressedOrganId: organs.KS,
    });
    await client.waitFor(caseId, 'ready for KSAPU', (t) => visit(t) === 'active:0:ready');
    return caseId;
  }

  const summonedMeeting = (startsAt: string, caseId: number) =>
    client.summonedMeeting(organs.KSAPU, startsAt, [caseId]);

  async function markSecret(caseId: number): Promise<void> {
    await http()
      .put(`/api/v1/cases/${caseId}/secrecy`)
      .set(as('registrator'))
      .send({ osl: OSL, publicTitle: PUBLIC_TITLE })
      .expect(200);
  }

  async function openProtocol(meetingId: number) {
    return (
      await http()
        .post(`/api/v1/meetings/${meetingId}/protocol`)
        .set(as('sekreterare'))
        .send({ chairUserId: kalix.userIds.ordforande, adjusterUserIds: [kalix.userIds.justerare] })
        .expect(201)
    ).body;
  }

  async function fileText(path: string, user: string): Promise<string> {
    const response = await http().get(path).set(as(user)).buffer(true).parse(binary).expect(200);
    return pdfText(response.body as Buffer);
  }

  /** The protocol's PDF once its rendering is `expected` (a predicate on the file name). */
  async function protocolPdf(protocolId: number, expected: (name: string) => boolean) {
    let file: { id: number; filename: string } | undefined;
    await eventually(async () => {
      const { files } = (
        await http().get(`/api/v1/protocols/${protocolId}`).set(as('ledamot')).expect(200)
      ).body as { files: Array<{ id: number; filename: string }> };
      file = files.find((candidate) => candidate.filename.endsWith('.pdf'));
      return file !== undefined && expected(file.filename);
    });
    return file!;
  }

  it('gives a secret case’s paragraph its public title and masks its text for every reader without the right (api, PDF, e-mail), and shows it in full to the organ and its signers', async () => {
    const title = 'Ansökan om försörjningsstöd för Hemliga Hansson';
    const proposal = 'Arbetsutskottet föreslår att Hemliga Hansson beviljas stöd med 12 000 kr.';
    const caseId = await caseReadyForKsapu(title);
    await markSecret(caseId);
    const draft = await openProtocol(await summonedMeeting('2025-11-24T13:00', caseId));
    const paragraphId = draft.paragraphs[0].id as number;
    const edited = await http()
      .patch(`/api/v1/protocols/${draft.id}/paragraphs/${paragraphId}`)
      .set(as('sekreterare'))
      .send({
        version: draft.version,
        decisionText: proposal,
        yrkanden: [{ by: 'Susanne Andersson (S)', text: 'bifall för Hemliga Hansson.' }],
        notes: [{ by: 'Demoledamot Två (C)', text: 'Hemliga Hansson har hörts.' }],
        expediering: [{ name: 'Hemliga Hansson', email: 'hansson@example.se' }],
      })
      .expect(200);

    // A member of KS only (not KSAPU) and a handläggare not responsible for the case: masked.
    const outsider = await createOutsider(api, kalix);
    const outsiders = [as('ledamot'), { Authorization: `Bearer ${outsider}` }];
    for (const headers of outsiders) {
      const read = await http().get(`/api/v1/protocols/${draft.id}`).set(headers).expect(200);
      const body = JSON.stringify(read.body);
      expect(body).not.toContain('Hemliga Hansson');
      expect(body).not.toContain('försörjningsstöd');
      expect(read.body.paragraphs[0]).toMatchObject({
        heading: PUBLIC_TITLE,
        decisionText: `Paragrafen omfattas av sekretess enligt ${OSL}.`,
        secrecy: { osl: OSL, masked: true },
      });
      expect(read.body.paragraphs[0].proceedings.yrkanden).toEqual([
        { by: 'Susanne Andersson (S)', text: '[sekretess]' },
      ]);
    }
    // The organ's member and signer, the chair, the secretary and the registrator read it in full.
    for (const user of ['justerare', 'ordforande', 'sekreterare', 'registrator']) {
      const read = await http().get(`/api/v1/protocols/${draft.id}`).set(as(user)).expect(200);
      expect(read.body.paragraphs[0]).toMatchObject({
        heading: title,
        decisionText: proposal,
        secrecy: { osl: OSL, masked: false },
      });
    }

    // The rendered protocol is the published one: masked for everyone.
    const locked = (
      await http()
        .post(`/api/v1/protocols/${draft.id}/lock`)
        .set(as('sekreterare'))
        .send({ version: edited.body.version })
        .expect(200)
    ).body;
    const pdf = await protocolPdf(draft.id, (name) => /-s[0-9a-f]{8}\.pdf$/.test(name));
    const text = await fileText(`/api/v1/protocols/${draft.id}/files/${pdf.id}`, 'justerare');
    expect(text).toContain(`${PUBLIC_TITLE}`);
    expect(text).toContain(`Paragrafen omfattas av sekretess enligt ${OSL}.`);
    expect(text).not.toContain('Hemliga Hansson');
    expect(text).not.toContain('försörjningsstöd');

    for (const user of ['ordforande', 'justerare']) {
      await http()
        .post(`/api/v1/protocols/${draft.id}/signatures`)
        .set(as(user))
        .send({ contentHash: locked.contentHash })
        .expect(201);
    }
    // The extract's e-mail names the case by its public title and carries no extract.
    const number = locked.paragraphs[0].number as number;
    const subject = `Protokollsutdrag KSAPU § ${number}/2025`;
    await eventually(async () => smtp.messages.some((message) => message.subject === subject));
    const [mail] = smtp.messages.filter((message) => message.subject === subject);
    expect(mail.text).toContain(PUBLIC_TITLE);
    expect(mail.text).toContain(`omfattas av sekretess enligt ${OSL}`);
    expect(`${mail.subject} ${mail.text}`).not.toContain('Hemliga Hansson');
    expect(`${mail.text}`).not.toContain('försörjningsstöd');
    expect(mail.attachments).toHaveLength(0);
    // The extract is registered on the case as a secret document.
    const [extract] = (await api.dataSource.query(
      `SELECT secrecy_osl AS osl FROM documents WHERE case_id = ? AND type = 'protokollsutdrag'`,
      [caseId],
    )) as Array<{ osl: string | null }>;
    expect(extract.osl).toBe(OSL);
  });

  it('publishes again, with the public title, the kallelse and the protocol of a case marked secret after both were published, and records why', async () => {
    const title = 'Tvist med Hemliga Bolaget AB';
    const caseId = await caseReadyForKsapu(title);
    const meetingId = await summonedMeeting('2025-12-01T13:00', caseId);
    const draft = await openProtocol(meetingId);
    await http()
      .post(`/api/v1/protocols/${draft.id}/lock`)
      .set(as('sekreterare'))
      .send({ version: draft.version })
      .expect(200);
    const before = await protocolPdf(draft.id, () => true);
    expect(await fileText(`/api/v1/protocols/${draft.id}/files/${before.id}`, 'ledamot')).toContain(
      title,
    );
    const publicKallelse = () =>
      http().get(`/api/v1/public/kalix/meetings/${meetingId}/kallelse`).expect(200);
    let published = (await publicKallelse()).body;
    expect(JSON.stringify(published.items)).toContain(title);

    await markSecret(caseId);

    // The public kallelse: published again as revision 1, with the reason, and its files anew.
    await eventually(async () => {
      published = (await publicKallelse()).body;
      return (
        published.files.length === 1 && published.files[0].filename.endsWith('-r1-offentlig.pdf')
      );
    });
    expect(JSON.stringify(published)).not.toContain('Hemliga Bolaget');
    expect(published.revisions).toHaveLength(1);
    expect(published.revisions[0].reason).toContain(`sekretessmarkerats (${OSL})`);
    const kallelseText = pdfText(
      (
        await http()
          .get(`/api/v1/public/kalix/meetings/${meetingId}/kallelse/files/${published.files[0].id}`)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer,
    );
    expect(kallelseText).toContain(PUBLIC_TITLE);
    expect(kallelseText).not.toContain('Hemliga Bolaget');
    const members = (
      await http().get(`/api/v1/meetings/${meetingId}/kallelse`).set(as('ledamot')).expect(200)
    ).body;
    expect(JSON.stringify(members)).not.toContain('Hemliga Bolaget');
    const [audit] = (await api.dataSource.query(
      `SELECT after_state AS afterState FROM audit_log WHERE action = 'kallelse.republished' AND entity_id = ?`,
      [meetingId],
    )) as Array<{ afterState: string | { caseId: number } }>;
    const after =
      typeof audit.afterState === 'string' ? JSON.parse(audit.afterState) : audit.afterState;
    expect(after.caseId).toBe(caseId);

    // The protocol: rendered again masked; the earlier rendering is served only to those who
    // may read every secret case.
    const masked = await protocolPdf(draft.id, (name) => name !== before.filename);
    expect(masked.filename).toMatch(/-s[0-9a-f]{8}\.pdf$/);
    const text = await fileText(`/api/v1/protocols/${draft.id}/files/${masked.id}`, 'ledamot');
    expect(text).toContain(PUBLIC_TITLE);
    expect(text).not.toContain('Hemliga Bolaget');
    await http()
      .get(`/api/v1/protocols/${draft.id}/files/${before.id}`)
      .set(as('ledamot'))
      .expect(404);
    await http()
      .get(`/api/v1/protocols/${draft.id}/files/${before.id}`)
      .set(as('registrator'))
      .expect(200);
  });
});
