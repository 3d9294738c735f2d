import { FixedClock } from '@nf/common';
import { RecordsJobs } from '@nf/records-jobs';
import { ApiHarness, startApi } from '../support/api-harness';
import { binary } from '../support/binary';
import { seedTenant, Tenant } from '../support/identity';
import { pdfText } from '../support/pdf-text';
import { recordsClient } from '../support/records-client';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';

const OSL = 'OSL 26 kap. 1 §';
/** What the registry holds of the secret document (registerCase describes it so). */
const SECRET_DESCRIPTION = 'Familjeärende: handling 1';

describe('Records: utlämnande — requests for allmänna handlingar, the sekretessprövning, the decision', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  const clock = new FixedClock('2026-12-07T09:00:00Z');
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let client: ReturnType<typeof recordsClient>;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock, demoOnStart: false });
    kalix = await seedTenant(api, 'kalix');
    worker = await startWorker(config, { clock, runOutbox: true });
    client = recordsClient(api, kalix);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('registers a request, holds its cases, records each prövning, and decides it with a refusal registered and rendered', async () => {
    const { http, as } = client;
    const open = await client.registerCase('Ekonomiskt bistånd', '00', [
      { type: 'skrivelse', body: 'ansökan' },
    ]);
    const secret = await client.registerCase('Familjeärende', '00', [{ type: 'rapport' }]);
    await http()
      .put(`/api/v1/cases/${secret.id}/secrecy`)
      .set(as())
      .send({ osl: OSL, publicTitle: 'Ärende om en enskild' })
      .expect(200);
    const documentIds = [open.documents[0].id, secret.documents[0].id];

    // Refused, changing nothing: a handläggare, an unknown document, a request from the future.
    const body = {
      requester: 'Anna Sökande',
      description: 'Handlingarna i två ärenden',
      documentIds,
    };
    await http().post('/api/v1/document-requests').set(as('handlaggare')).send(body).expect(403);
    const refused = await http()
      .post('/api/v1/document-requests')
      .set(as())
      .send({ ...body, documentIds: [...documentIds, 999_999], receivedAt: '2026-12-08T09:00:00Z' })
      .expect(422);
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'documentIds[2]',
      'receivedAt',
    ]);
    expect(
      (await http().get('/api/v1/document-requests').set(as()).expect(200)).body.requests,
    ).toEqual([]);

    const registered = await http()
      .post('/api/v1/document-requests')
      .set(as())
      .send({ ...body, receivedAt: '2026-12-03T08:30:00Z' })
      .expect(201);
    const id = registered.body.id as number;
    expect(registered.body).toMatchObject({
      status: 'open',
      ageDays: 4,
      requester: 'Anna Sökande',
    });
    expect(registered.body.items.map((item: { decision: string }) => item.decision)).toEqual([
      'pending',
      'pending',
    ]);
    expect(registered.body.items[1].secrecyOsl).toBe(OSL);
    // The open request holds both cases against gallring.
    for (const seeded of [open, secret]) {
      const holds = (await http().get(`/api/v1/cases/${seeded.id}/holds`).set(as()).expect(200))
        .body.holds as Array<{ reason: string; liftedAt: string | null; note: string }>;
      expect(holds).toEqual([
        expect.objectContaining({
          reason: 'request',
          liftedAt: null,
          note: `Begäran om utlämnande nr ${id}`,
        }),
      ]);
    }

    // The registrators are reminded once a day while it is open.
    const jobs = worker.app.get(RecordsJobs);
    expect(await jobs.requestReminders()).toMatchObject({
      detail: expect.stringMatching(/^[1-9]\d* reminders/),
    });
    expect(await jobs.requestReminders()).toEqual({
      status: 'done',
      detail: '0 reminders of open requests',
    });
    const reminders = (await api.dataSource.query(
      'SELECT subject FROM inbox_messages WHERE municipality_id = ? AND user_id = ? AND subject LIKE ?',
      [kalix.municipalityId, kalix.userIds.registrator, `Begäran om utlämnande nr ${id} %`],
    )) as Array<{ subject: string }>;
    expect(reminders).toEqual([
      { subject: `Begäran om utlämnande nr ${id} väntar sedan 2026-12-03 (4 dagar)` },
    ]);

    const [releaseItem, secretItem] = registered.body.items as Array<{ id: number }>;
    const decideItem = (itemId: number, decision: Record<string, unknown>) =>
      http()
        .post(`/api/v1/document-requests/${id}/items/${itemId}/decision`)
        .set(as())
        .send(decision);
    await decideItem(secretItem.id, { decision: 'refuse' }).expect(422);
    await decideItem(releaseItem.id, { decision: 'release' }).expect(200);
    // Not every document has had its prövning: the request cannot be decided yet.
    const early = await http()
      .post(`/api/v1/document-requests/${id}/decide`)
      .set(as())
      .send({})
      .expect(409);
    expect(early.body.detail).toContain('1 of the requested documents');
    await decideItem(secretItem.id, {
      decision: 'refuse',
      oslProvision: OSL,
      reasons: 'Uppgifter om enskilds personliga förhållanden',
    }).expect(200);

    const decided = await http()
      .post(`/api/v1/document-requests/${id}/decide`)
      .set(as())
      .send({})
      .expect(200);
    expect(decided.body.status).toBe('decided');
    const decisionDocumentId = decided.body.items[1].decisionDocumentId as number;
    expect(decided.body.items[0].decisionDocumentId).toBeNull();
    // The refusal is a registered document of the secret case, to the requester.
    const documents = (
      await http().get(`/api/v1/cases/${secret.id}/documents`).set(as()).expect(200)
    ).body as Array<{
      id: number;
      type: string;
      direction: string;
      senderRecipient: string;
      files: Array<{ id: number }>;
    }>;
    expect(documents.find((document) => document.id === decisionDocumentId)).toMatchObject({
      type: 'beslut',
      direction: 'utgaende',
      senderRecipient: 'Anna Sökande',
    });
    // The holds are lifted with the decision.
    for (const seeded of [open, secret]) {
      const holds = (await http().get(`/api/v1/cases/${seeded.id}/holds`).set(as()).expect(200))
        .body.holds;
      expect(holds[0].liftedAt).not.toBeNull();
    }
    await decideItem(releaseItem.id, { decision: 'release' }).expect(409);

    // Rendered by the job: the provision, the reasons and how to appeal; never the secret description.
    let files: Array<{ id: number }> = [];
    await eventually(
      async () => {
        const listed = (await http().get(`/api/v1/cases/${secret.id}/documents`).set(as()))
          .body as typeof documents;
        files = listed.find((document) => document.id === decisionDocumentId)?.files ?? [];
        return files.length > 0;
      },
      { timeoutMs: 20_000, what: 'the decision rendered' },
    );
    expect(files).toHaveLength(1);
    const pdf = await http()
      .get(`/api/v1/documents/${decisionDocumentId}/files/${files[0].id}`)
      .set(as())
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(pdf.body as Buffer);
    expect(text).toContain('Beslut om utlämnande av allmän handling');
    expect(text).toContain(`Handling 1 i ärende ${secret.dnr}`);
    expect(text).toContain(`${OSL}. Uppgifter om enskilds personliga förhållanden`);
    expect(text).toContain('Hur man överklagar');
    expect(text).toContain('inom tre veckor');
    expect(text).not.toContain(SECRET_DESCRIPTION);
    expect(text).not.toContain(open.dnr);

    const audit = (await api.dataSource.query(
      "SELECT action FROM audit_log WHERE municipality_id = ? AND entity_type = 'document-request' AND entity_id = ? ORDER BY id",
      [kalix.municipalityId, String(id)],
    )) as Array<{ action: string }>;
    expect(audit.map((row) => row.action)).toEqual([
      'document-request.registered',
      'document-request.item-decided',
      'document-request.item-decided',
      'document-request.decided',
    ]);
    // Decided, it is no longer reminded of.
    expect(await jobs.requestReminders()).toEqual({
      status: 'done',
      detail: '0 reminders of open requests',
    });
  });
});
