import { TransactionRunner } from '@nf/database';
import { ProtocolCommands } from '@nf/protocols';
import { workingDayOnOrAfter } from '@nf/protocols-jobs';
import { addDays } from '@nf/common';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { seedTenant, Tenant } from '../support/identity';
import { pdfText } from '../support/pdf-text';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';
import { visit, workflowClient } from '../support/workflow-client';

interface ProtocolBody {
  id: number;
  status: string;
  version: number;
  contentHash: string | null;
  paragraphs: Array<{
    id: number;
    number: number | null;
    heading: string;
    caseId: number | null;
    outcome: string;
  }>;
}

describe('Protocols: numbering, justering, and the route moving on', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let client: ReturnType<typeof workflowClient>;
  let organs: Record<string, number>;
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config);
    kalix = await seedTenant(api, 'kalix');
    worker = await startWorker(config, { runOutbox: true });
    client = workflowClient(api, kalix);
    organs = await client.organIds();
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  /** A summoned KSAPU meeting with the given cases (ready for KSAPU) on its agenda. */
  async function summonedMeeting(startsAt: string, caseIds: number[]): Promise<number> {
    const created = await http()
      .post('/api/v1/meetings')
      .set(as('sekreterare'))
      .send({ organId: organs.KSAPU, startsAt, place: 'Sammanträdesrum Kalix' })
      .expect(201);
    for (const caseId of caseIds) {
      const { version } = (
        await http().get(`/api/v1/meetings/${created.body.id}`).set(as('sekreterare'))
      ).body;
      await http()
        .post(`/api/v1/meetings/${created.body.id}/items`)
        .set(as('sekreterare'))
        .send({ kind: 'case', caseId, version })
        .expect(201);
    }
    const { version } = (
      await http().get(`/api/v1/meetings/${created.body.id}`).set(as('sekreterare'))
    ).body;
    await http()
      .post(`/api/v1/meetings/${created.body.id}/kallelse`)
      .set(as('sekreterare'))
      .send({ version })
      .expect(201);
    return created.body.id;
  }

  async function openProtocol(meetingId: number): Promise<ProtocolBody> {
    return (
      await http()
        .post(`/api/v1/meetings/${meetingId}/protocol`)
        .set(as('sekreterare'))
        .send({ chairUserId: kalix.userIds.ordforande, adjusterUserIds: [kalix.userIds.justerare] })
        .expect(201)
    ).body;
  }

  async function caseReadyForKsapu(title: string): Promise<number> {
    const caseId = await client.registerCase(title);
    await client.startRoute(caseId, 'ks-arende');
    await client.submitTjansteskrivelse(caseId, ['införa e-handel'], {
      addressedOrganId: organs.KS,
    });
    await client.waitFor(caseId, 'ready for KSAPU', (t) => visit(t) === 'active:0:ready');
    return caseId;
  }

  it('numbers KSAPU’s paragraphs after the earlier ones of the year, and justering moves the case to KS with KSAPU’s text', async () => {
    // KSAPU's protocol of 20 November 2023 ended at § 100 (in the earlier system).
    await api.app
      .get(TransactionRunner)
      .run((tx) => api.app.get(ProtocolCommands).continueSeries(tx, organs.KSAPU, 2023, 101));
    const caseId = await caseReadyForKsapu('Implementera nytt arbetssätt med E-handel');
    const meetingId = await summonedMeeting('2023-11-27T13:00', [caseId]);
    const draft = await openProtocol(meetingId);
    expect(draft.paragraphs.map((paragraph) => [paragraph.heading, paragraph.outcome])).toEqual([
      ['Upprop', 'standing'],
      ['Val av justerare', 'standing'],
      ['Godkännande av ärendelista', 'standing'],
      ['Meddelanden', 'standing'],
      ['Redovisning av delegerade ärenden', 'standing'],
      ['Implementera nytt arbetssätt med E-handel', 'proposal'],
    ]);
    const proposal =
      'Kommunstyrelsens arbets- och personalutskott föreslår, att kommunstyrelsen beslutar implementera ett nytt arbetssätt där samtliga inköp i kommunen utförs genom e-handelssystem.';
    const edited = await http()
      .patch(`/api/v1/protocols/${draft.id}/paragraphs/${draft.paragraphs[5].id}`)
      .set(as('sekreterare'))
      .send({ decisionText: proposal, version: draft.version })
      .expect(200);
    const locked = (
      await http()
        .post(`/api/v1/protocols/${draft.id}/lock`)
        .set(as('sekreterare'))
        .send({ version: edited.body.version })
        .expect(200)
    ).body as ProtocolBody;
    expect(locked.paragraphs.map((paragraph) => paragraph.number)).toEqual([
      101, 102, 103, 104, 105, 106,
    ]);
    await http()
      .patch(`/api/v1/protocols/${draft.id}/paragraphs/${draft.paragraphs[5].id}`)
      .set(as('sekreterare'))
      .send({ decisionText: 'Ändrat i efterhand', version: locked.version })
      .expect(409);

    // What they sign: the protocol as locked, rendered by a job.
    let files: Array<{ id: number; filename: string }> = [];
    await eventually(async () => {
      files = (await http().get(`/api/v1/protocols/${draft.id}`).set(as('justerare')).expect(200))
        .body.files;
      return files.length === 2;
    });
    const protocolPdf = await http()
      .get(
        `/api/v1/protocols/${draft.id}/files/${files.find((file) => file.filename.endsWith('.pdf'))!.id}`,
      )
      .set(as('justerare'))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const protocolText = pdfText(protocolPdf.body as Buffer);
    expect(protocolText).toContain('SAMMANTRÄDESPROTOKOLL');
    expect(protocolText).toContain('Paragrafer: §§ 101–106');
    expect(protocolText).toContain('§ 106 Implementera nytt arbetssätt med E-handel');
    expect(protocolText).toContain('Justerare: Demoledamot Två');
    expect(protocolText).toContain('Justerandes sign');

    // A signature on another version is refused; only the chair and the justerare sign.
    const stale = await http()
      .post(`/api/v1/protocols/${draft.id}/signatures`)
      .set(as('justerare'))
      .send({ contentHash: 'a'.repeat(64) })
      .expect(409);
    expect(stale.body.code).toBe('outdated-protocol');
    await http()
      .post(`/api/v1/protocols/${draft.id}/signatures`)
      .set(as('ledamot'))
      .send({ contentHash: locked.contentHash })
      .expect(403);
    await http()
      .post(`/api/v1/protocols/${draft.id}/signatures`)
      .set(as('ordforande'))
      .send({ contentHash: locked.contentHash })
      .expect(201);
    // Not yet adjusted: the case waits.
    expect(visit(await client.timeline(caseId))).toBe('active:0:ready');
    const adjusted = await http()
      .post(`/api/v1/protocols/${draft.id}/signatures`)
      .set(as('justerare'))
      .send({ contentHash: locked.contentHash })
      .expect(201);
    expect(adjusted.body.status).toBe('adjusted');

    const moved = await client.waitFor(
      caseId,
      'ready for KS',
      (t) => visit(t) === 'active:1:ready',
    );
    expect(moved.steps[1].proposalText).toBe(proposal);
    expect(moved.steps[0].events.at(-1)).toMatchObject({
      kind: 'proposal',
      paragraph: 106,
      meetingDate: '2023-11-27',
    });
    expect((await client.readyFor(organs.KS)).map((row) => row.caseId)).toContain(caseId);

    // The extract is stored on the case, certified.
    let extract: { id: number; files: Array<{ id: number; filename: string }> } | undefined;
    await eventually(async () => {
      const documents = (
        await http().get(`/api/v1/cases/${caseId}/documents`).set(as('registrator')).expect(200)
      ).body;
      extract = documents.find(
        (document: { type: string; files: unknown[] }) =>
          document.type === 'protokollsutdrag' && document.files.length === 1,
      );
      return extract !== undefined;
    });
    const extractPdf = await http()
      .get(`/api/v1/documents/${extract!.id}/files/${extract!.files[0].id}`)
      .set(as('registrator'))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const extractText = pdfText(extractPdf.body as Buffer);
    expect(extractText).toContain('PROTOKOLLSUTDRAG');
    expect(extractText).toContain('§ 106 Implementera nytt arbetssätt med E-handel');
    expect(extractText).toContain('Utdragsbestyrkande');
    expect(extractText).toContain('samtliga inköp i kommunen utförs genom e-handelssystem');

    // The notice board shows the adjusted protocol, with the last day of appeal (by the job).
    let notices: Array<Record<string, string | number>> = [];
    await eventually(async () => {
      notices = (await http().get('/api/v1/public/kalix/anslag').expect(200)).body.notices;
      return notices.some((notice) => notice.protocolId === draft.id);
    });
    const notice = notices.find((candidate) => candidate.protocolId === draft.id)!;
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(
      new Date(),
    );
    expect(notice).toMatchObject({
      organ: 'Kommunstyrelsens arbets- och personalutskott',
      meetingDate: '2023-11-27',
      paragraphs: '§§ 101–106',
      adjustedOn: today,
      postedOn: today,
      appealEndsOn: workingDayOnOrAfter(addDays(today, 21)),
    });
    const page = await http().get('/anslagstavla/kalix').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('måndagen den 27 november 2023');
    expect(page.text).toContain(`Sista dag att överklaga</dt><dd>${notice.appealEndsOn}`);
  });

  it('numbers a protocol once when it is locked twice at the same time, and starts the next year at § 1', async () => {
    const first = await caseReadyForKsapu('Ärende A');
    const meetingId = await summonedMeeting('2024-01-22T13:00', [first]);
    const draft = await openProtocol(meetingId);
    const locks = await Promise.all(
      [1, 2].map(() =>
        http()
          .post(`/api/v1/protocols/${draft.id}/lock`)
          .set(as('sekreterare'))
          .send({ version: draft.version }),
      ),
    );
    expect(locks.map((response) => response.status).sort()).toEqual([200, 409]);
    const protocol = (
      await http().get(`/api/v1/protocols/${draft.id}`).set(as('ledamot')).expect(200)
    ).body as ProtocolBody;
    expect(protocol.paragraphs.map((paragraph) => paragraph.number)).toEqual([1, 2, 3, 4, 5, 6]);
    const [{ next }] = await api.dataSource.query(
      'SELECT next_number AS next FROM paragraph_counters WHERE organ_id = ? AND year = 2024',
      [organs.KSAPU],
    );
    expect(Number(next)).toBe(7);
  });
});
