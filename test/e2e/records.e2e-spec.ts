import { FixedClock } from '@nf/common';
import { ExecuteGallring, SKIPPED } from '@nf/records-jobs';
import { EXCLUDED_AT_APPROVAL } from '@nf/records';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiHarness, startApi } from '../support/api-harness';
import { login, seedTenant, Tenant } from '../support/identity';
import { recordsClient, SeededCase } from '../support/records-client';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';

const PLAN = {
  basedOn: 0,
  decision: 'KS 2026-11-30 § 210, dnr 2026-00400',
  rules: [
    {
      classificationCode: '04',
      description: 'Ekonomi, underlag av tillfällig betydelse',
      action: 'gallras',
      afterMonths: 24,
      legalBasis: 'Kommunstyrelsens gallringsbeslut 2026-11-30 § 210',
    },
    {
      classificationCode: '04',
      documentType: 'avtal',
      description: 'Ekonomi, avtal',
      action: 'bevaras',
      legalBasis: 'Arkivlagen (1990:782) 3 §',
    },
    {
      classificationCode: '14',
      description: 'Näringsliv, förfrågningar',
      action: 'gallras',
      afterMonths: 24,
      countedFrom: 'closing-year-end',
      keep: 'nothing',
      legalBasis: 'Kommunstyrelsens gallringsbeslut 2026-11-30 § 210',
    },
    {
      classificationCode: '00',
      description: 'Allmänt',
      action: 'bevaras',
      legalBasis: 'Arkivlagen (1990:782) 3 §',
    },
  ],
};

describe('Records: the dokumenthanteringsplan, closing, holds, and gallring by an approved list', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  const clock = new FixedClock('2026-12-06T09:00:00Z');
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let client: ReturnType<typeof recordsClient>;
  const cases: Record<string, SeededCase> = {};
  const storedPath = (sha: string) => join(config.files.dir, sha.slice(0, 2), sha.slice(2, 4), sha);
  const execute = (listId: number) =>
    worker.app.get(ExecuteGallring).execute(kalix.municipalityId, listId);
  const auditActions = async (action: string) =>
    (await api.dataSource.query(
      'SELECT entity_id AS id, before_state AS `before`, after_state AS `after` FROM audit_log WHERE municipality_id = ? AND action = ? ORDER BY id',
      [kalix.municipalityId, action],
    )) as Array<{ id: string; before: unknown; after: unknown }>;

  /** The clock moves by years: the sessions are signed in again at the new time. */
  const moveClock = async (instant: string) => {
    clock.set(instant);
    for (const role of ['registrator', 'handlaggare']) {
      kalix.tokens[role] = (await login(api, 'kalix', role)).accessToken;
    }
  };

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock, demoOnStart: false });
    kalix = await seedTenant(api, 'kalix');
    worker = await startWorker(config, { clock });
    client = recordsClient(api, kalix);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('adopts the plan as versions, refusing a bad line (422) and a stale version (409), changing nothing', async () => {
    const { http, as } = client;
    const refused = await http()
      .post('/api/v1/retention-plan')
      .set(as())
      .send({
        ...PLAN,
        rules: [
          ...PLAN.rules,
          {
            classificationCode: 'X9',
            description: 'Okänd',
            action: 'bevaras',
            legalBasis: 'Ingen',
          },
          {
            classificationCode: '10',
            description: 'Utan tid',
            action: 'gallras',
            legalBasis: 'Beslut',
          },
          { ...PLAN.rules[0] },
        ],
      })
      .expect(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'rules[4].classificationCode',
      'rules[5].afterMonths',
      'rules[6].classificationCode',
    ]);
    await http().get('/api/v1/retention-plan').set(as()).expect(404);
    await http().post('/api/v1/retention-plan').set(as('handlaggare')).send(PLAN).expect(403);

    const adopted = await http().post('/api/v1/retention-plan').set(as()).send(PLAN).expect(201);
    expect(adopted.body.version).toBe(1);
    expect(adopted.body.rules.map((rule: { retention: string }) => rule.retention)).toEqual([
      'Gallras 2 år efter ärendets avslut',
      'Bevaras',
      'Gallras 2 år efter utgången av det år ärendet avslutades',
      'Bevaras',
    ]);
    await http().post('/api/v1/retention-plan').set(as()).send(PLAN).expect(409);
    const inForce = await http().get('/api/v1/retention-plan').set(as('handlaggare')).expect(200);
    expect(inForce.body).toMatchObject({ version: 1, decision: PLAN.decision });
    expect(await auditActions('retention-plan.adopted')).toHaveLength(1);
  });

  it('closes and reopens a case through their own doors, each audited, and refuses a closing by PATCH', async () => {
    const { http, as } = client;
    cases.reopened = await client.registerCase('Inköp av kontorsmaterial', '04', [
      { type: 'ovrigt', body: 'samma bytes som en gallrad handling' },
    ]);
    const id = cases.reopened.id;
    await http().patch(`/api/v1/cases/${id}`).set(as()).send({ status: 'closed' }).expect(422);
    await client.close(id);
    const closedAgain = await http().post(`/api/v1/cases/${id}/close`).set(as()).send({});
    expect(closedAgain.status).toBe(409);
    await http()
      .post(`/api/v1/cases/${id}/reopen`)
      .set(as('handlaggare'))
      .send({ reason: 'Ny uppgift' })
      .expect(403);
    const reopened = await http()
      .post(`/api/v1/cases/${id}/reopen`)
      .set(as())
      .send({ reason: 'Leverantören har reklamerat.' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', closedAt: null });
    const [closed] = await auditActions('case.closed');
    expect(closed!.after).toMatchObject({ status: 'closed' });
    const [opened] = await auditActions('case.reopened');
    expect(opened!.after).toMatchObject({ status: 'open', reason: 'Leverantören har reklamerat.' });
  });

  it('lists nothing before the plan’s day has come, and never a case held or open', async () => {
    cases.a = await client.registerCase('Fakturaunderlag november', '04', [
      { type: 'ovrigt', body: 'samma bytes som en gallrad handling' },
      { type: 'avtal', body: 'Avtal om leverans' },
      { type: 'rapport', body: 'Rapport om utfall' },
    ]);
    cases.held = await client.registerCase('Tvist om faktura', '04', [
      { type: 'ovrigt', body: 'Faktura i tvist' },
    ]);
    cases.secret = await client.registerCase(
      'Stöd till enskild näringsidkare',
      '04',
      [
        { type: 'ovrigt', body: 'Hemlig ansökan' },
        { type: 'ovrigt', body: 'Hemlig bilaga' },
      ],
      { secrecyOsl: 'OSL 31 kap. 16 §', publicTitle: 'Ärende om stöd till näringsidkare' },
    );
    cases.later = await client.registerCase('Fråga om etablering', '14', [
      { type: 'skrivelse', body: 'Frågan om etablering' },
    ]);
    cases.heldAfter = await client.registerCase('Kostnadsfördelning', '04', [
      { type: 'ovrigt', body: 'Fördelningsnyckel' },
    ]);
    for (const key of ['a', 'held', 'secret', 'later', 'heldAfter'])
      await client.close(cases[key]!.id);
    await client
      .http()
      .post(`/api/v1/cases/${cases.held!.id}/holds`)
      .set(client.as())
      .send({ reason: 'litigation', note: 'Tvist i tingsrätten, mål T 1234-26' })
      .expect(201);

    await moveClock('2028-12-05T09:00:00Z');
    expect(await client.draw()).toBeNull();
    expect(await api.dataSource.query('SELECT COUNT(*) AS n FROM gallring_lists')).toEqual([
      { n: 0 },
    ]);
  });

  it('weeds only what the registrator approved, as the protocol says, keeping register entries and shared bytes', async () => {
    await moveClock('2028-12-07T09:00:00Z');
    const drawn = await client.draw();
    expect(drawn).toMatchObject({ status: 'proposed' });
    const proposed = await client.list(drawn!.id);
    const listed = proposed.items.map((item) => item.documentId).sort((x, y) => x - y);
    const expected = [
      cases.a!.documents[0]!.id,
      cases.a!.documents[2]!.id,
      ...cases.secret!.documents.map((document) => document.id),
      cases.heldAfter!.documents[0]!.id,
    ].sort((x, y) => x - y);
    expect(listed).toEqual(expected);
    expect(proposed.items[0]).toMatchObject({
      dueOn: '2028-12-06',
      retention: 'Gallras 2 år efter ärendets avslut',
    });

    // A list not approved is not carried out, whoever runs the job.
    expect(await execute(drawn!.id)).toMatchObject({ status: 'skipped' });
    expect((await client.documentsOf(cases.a!.id))[0]!.files).toHaveLength(1);

    // Approved with one item left off; a hold placed afterwards still stops its case.
    const leftOff = proposed.items.find(
      (item) => item.documentId === cases.secret!.documents[1]!.id,
    )!;
    await client
      .http()
      .post(`/api/v1/gallring-lists/${drawn!.id}/approve`)
      .set(client.as('handlaggare'))
      .send({})
      .expect(403);
    const approved = await client
      .http()
      .post(`/api/v1/gallring-lists/${drawn!.id}/approve`)
      .set(client.as())
      .send({ version: proposed.version, excludedItemIds: [leftOff.id] })
      .expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: expect.any(String) });
    const outbox = await api.dataSource.query(
      "SELECT COUNT(*) AS n FROM outbox_messages WHERE job_name = 'records.execute-gallring'",
    );
    expect(outbox).toEqual([{ n: 1 }]);
    await client
      .http()
      .post(`/api/v1/cases/${cases.heldAfter!.id}/holds`)
      .set(client.as())
      .send({ reason: 'request', note: 'Begäran om allmän handling 2028-12-07' })
      .expect(201);

    const sharedSha = (await client.documentsOf(cases.reopened!.id))[0]!.files[0]!.sha256;
    const weededSha = (await client.documentsOf(cases.a!.id))[2]!.files[0]!.sha256;
    expect(await execute(drawn!.id)).toMatchObject({ status: 'done' });

    const protocol = await client.list(drawn!.id);
    const statusOf = (documentId: number) =>
      protocol.items.find((item) => item.documentId === documentId)!;
    expect(protocol.status).toBe('executed');
    expect(statusOf(cases.a!.documents[0]!.id)).toMatchObject({
      status: 'weeded',
      filesRemoved: 1,
    });
    expect(statusOf(cases.a!.documents[2]!.id)).toMatchObject({
      status: 'weeded',
      filesRemoved: 1,
    });
    expect(statusOf(cases.secret!.documents[0]!.id)).toMatchObject({ status: 'weeded' });
    expect(statusOf(leftOff.documentId)).toMatchObject({
      status: 'excluded',
      outcome: EXCLUDED_AT_APPROVAL,
    });
    expect(statusOf(cases.heldAfter!.documents[0]!.id)).toMatchObject({
      status: 'skipped',
      outcome: SKIPPED.held,
    });
    expect(protocol.counts).toMatchObject({ weeded: 3, excluded: 1, skipped: 1, filesRemoved: 3 });

    // What went: the files; what stays: the register entries, the avtal (bevaras), the held cases.
    const a = await client.documentsOf(cases.a!.id);
    expect(a.map((document) => document.files.length)).toEqual([0, 1, 0]);
    expect(a[0]).toMatchObject({
      description: 'Fakturaunderlag november: handling 1',
      senderRecipient: 'Anna Sökande',
      weededAt: '2028-12-07T09:00:00.000Z',
    });
    expect(a[0]!.weededByRule).toContain('Kommunstyrelsens gallringsbeslut 2026-11-30 § 210');
    expect((await client.documentsOf(cases.held!.id))[0]!.files).toHaveLength(1);
    expect((await client.documentsOf(cases.heldAfter!.id))[0]!.files).toHaveLength(1);
    expect((await client.documentsOf(cases.secret!.id))[1]!.files).toHaveLength(1);
    expect(existsSync(storedPath(weededSha))).toBe(false);
    // The same bytes as a weeded file, held by the reopened case: kept on disk and readable.
    expect(existsSync(storedPath(sharedSha))).toBe(true);
    const shared = (await client.documentsOf(cases.reopened!.id))[0]!;
    await client
      .http()
      .get(`/api/v1/documents/${shared.id}/files/${shared.files[0]!.id}`)
      .set(client.as())
      .expect(200);

    // The audit trail: each weeded document, without its content; the list's life.
    const weeded = await auditActions('document.weeded');
    expect(weeded).toHaveLength(3);
    expect(JSON.stringify(weeded)).not.toContain('Hemlig');
    expect(JSON.stringify(weeded)).not.toContain('handling 1');
    expect(await auditActions('gallring-list.approved')).toHaveLength(1);
    expect((await auditActions('gallring-list.executed'))[0]!.after).toMatchObject({
      weeded: 3,
      excluded: 1,
      skipped: 1,
      filesRemoved: 3,
    });

    // Run again (a redelivered job): nothing more happens.
    await execute(drawn!.id);
    expect(await auditActions('document.weeded')).toHaveLength(3);
    expect(await auditActions('gallring-list.executed')).toHaveLength(1);
  });

  it('keeps nothing but the number where the plan says so, and lists a held case once its hold is lifted', async () => {
    await moveClock('2029-01-02T09:00:00Z');
    const drawn = await client.draw();
    const listed = (await client.list(drawn!.id)).items.map((item) => item.caseId);
    // Due on 2028-12-31; the case held by a request since before the last list stays off.
    expect([...new Set(listed)]).toEqual([cases.later!.id]);
    const holds = (
      await client.http().get(`/api/v1/cases/${cases.held!.id}/holds`).set(client.as()).expect(200)
    ).body.holds as Array<{ id: number; version: number }>;
    await client
      .http()
      .post(`/api/v1/record-holds/${holds[0]!.id}/lift`)
      .set(client.as())
      .send({ version: holds[0]!.version })
      .expect(200);
    const extended = await client.draw();
    expect(extended!.id).toBe(drawn!.id);
    const items = (await client.list(drawn!.id)).items;
    expect(items.map((item) => item.caseId).sort((x, y) => x - y)).toEqual(
      [cases.later!.id, cases.held!.id].sort((x, y) => x - y),
    );
    await client
      .http()
      .post(`/api/v1/gallring-lists/${drawn!.id}/approve`)
      .set(client.as())
      .send({})
      .expect(200);
    await execute(drawn!.id);
    const later = (await client.documentsOf(cases.later!.id))[0]!;
    expect(later).toMatchObject({
      description: 'Gallrad handling',
      senderRecipient: null,
      files: [],
    });
    expect((await client.documentsOf(cases.held!.id))[0]!.files).toEqual([]);
  });
});
