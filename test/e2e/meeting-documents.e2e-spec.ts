import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { binary } from '../support/binary';
import { seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('Beslutsunderlag '.repeat(100))]);

describe("Meeting documents: a member reads an agenda item's documents through the meeting", () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let kalix: Tenant;
  let meetingId: number;
  let caseId: number;
  const http = () => request(api.app.getHttpServer());
  const as = (role: string) => ({ Authorization: `Bearer ${kalix.tokens[role]}` });

  /** A document on a case, with a PDF; returns the document's and the file's ids. */
  const documentWithFile = async (onCase: number, secrecyOsl?: string) => {
    const document = await http()
      .post(`/api/v1/cases/${onCase}/documents`)
      .set(as('registrator'))
      .send({
        direction: 'upprattad',
        date: '2023-12-01',
        description: secrecyOsl ? 'Sekretessbelagd bilaga' : 'Kalkyl för e-handelssystemet',
        type: 'beslutsunderlag',
        ...(secrecyOsl ? { secrecyOsl } : {}),
      })
      .expect(201);
    const file = await http()
      .post(`/api/v1/documents/${document.body.id}/files?filename=underlag.pdf`)
      .set(as('registrator'))
      .set('Content-Type', 'application/pdf')
      .send(PDF)
      .expect(201);
    return { documentId: document.body.id as number, fileId: file.body.id as number };
  };
  const agendaDocuments = async (role: string) =>
    (
      (await http().get(`/api/v1/meetings/${meetingId}`).set(as(role)).expect(200)).body as {
        items: Array<{
          caseId: number | null;
          documents: Array<{ id: number; files: Array<{ id: number }> }>;
        }>;
      }
    ).items.find((item) => item.caseId === caseId)!.documents;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix');
    const [meeting] = (await api.dataSource.query(
      `SELECT m.id FROM meetings m JOIN organs o ON o.id = m.organ_id
        WHERE m.municipality_id = ? AND o.code = 'KS' ORDER BY m.id LIMIT 1`,
      [kalix.municipalityId],
    )) as Array<{ id: string }>;
    meetingId = Number(meeting.id);
    // The e-handel case (item 14 of KS 11 December 2023).
    const [record] = (await api.dataSource.query(
      "SELECT id FROM cases WHERE municipality_id = ? AND dnr = '2023-00495'",
      [kalix.municipalityId],
    )) as Array<{ id: string }>;
    caseId = Number(record.id);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('lists the files of the documents and serves them to a ledamot, who may not use the registry', async () => {
    const { documentId, fileId } = await documentWithFile(caseId);
    const shown = (await agendaDocuments('ledamot')).find((document) => document.id === documentId);
    expect(shown?.files.map((file) => file.id)).toEqual([fileId]);
    const read = await http()
      .get(`/api/v1/meetings/${meetingId}/documents/${documentId}/files/${fileId}`)
      .set(as('ledamot'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(read.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(read.body as Buffer, PDF)).toBe(0);
    // The registry's own route needs cases.read, which a ledamot has not.
    await http()
      .get(`/api/v1/documents/${documentId}/files/${fileId}`)
      .set(as('ledamot'))
      .expect(403);
  });

  it('serves no document that is not on the agenda, nor a secret one to a reader who may not see it', async () => {
    // A case that is not on this meeting's agenda.
    const other = await http()
      .post('/api/v1/cases')
      .set(as('registrator'))
      .send({ title: 'Ärende utanför mötet', responsibleUserId: kalix.userIds.handlaggare })
      .expect(201);
    const outside = await documentWithFile(other.body.id);
    await http()
      .get(`/api/v1/meetings/${meetingId}/documents/${outside.documentId}/files/${outside.fileId}`)
      .set(as('ledamot'))
      .expect(404);
    // A secret document on the agenda's case: not shown to the ledamot, not served; the
    // registrator (who may read secrets) reads it, and that read is logged.
    const secret = await documentWithFile(caseId, 'OSL 31 kap. 16 §');
    expect((await agendaDocuments('ledamot')).map((document) => document.id)).not.toContain(
      secret.documentId,
    );
    const path = `/api/v1/meetings/${meetingId}/documents/${secret.documentId}/files/${secret.fileId}`;
    await http().get(path).set(as('ledamot')).expect(404);
    await http().get(path).set(as('registrator')).expect(200);
    const logged = (await api.dataSource.query(
      "SELECT JSON_VALUE(after_state, '$.meetingId') AS meetingId FROM audit_log WHERE action = 'document.secret-file-read' AND entity_id = ?",
      [secret.documentId],
    )) as Array<{ meetingId: string }>;
    expect(logged.map((row) => Number(row.meetingId))).toEqual([meetingId]);
  });
});
