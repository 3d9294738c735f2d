import { QueueRegistry } from '@nf/queue';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { TEST_OPERATOR_TOKEN, testConfig } from '../support/test-config';
import { workflowClient } from '../support/workflow-client';

describe('Security hardening: headers, the queue dashboard, file names, secret downloads', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let kalix: Tenant;
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });
  const operator = {
    Authorization: `Basic ${Buffer.from(`admin:${TEST_OPERATOR_TOKEN}`).toString('base64')}`,
  };

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('sends the security headers on JSON, HTML and error answers, and HSTS only behind TLS', async () => {
    for (const response of [
      await http().get('/api/v1/cases').set(as('registrator')).expect(200),
      await http().get('/anslagstavla/kalix').expect(200),
      await http().get('/api/v1/no-such-thing').expect(404),
    ]) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
      });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(response.headers['strict-transport-security']).toBeUndefined();
    }
    const behindTls = await http()
      .get('/health/live')
      .set('X-Forwarded-Proto', 'https')
      .expect(200);
    expect(behindTls.headers['strict-transport-security']).toMatch(/^max-age=31536000/);
  });

  it('refuses a cross-site change to the queue dashboard: a form or text/plain body (415), another origin (403)', async () => {
    const jobs = async () =>
      Number((await api.app.get(QueueRegistry).get('workflow')!.getJobCounts()).waiting ?? 0);
    const before = await jobs();
    const text = await http()
      .post('/admin/queues/api/queues/workflow/add')
      .set(operator)
      .set('Content-Type', 'text/plain')
      .send('{"name":"x","data":{}}');
    expect(text.status).toBe(415);
    const form = await http()
      .post('/admin/queues/api/queues/workflow/add')
      .set(operator)
      .type('form')
      .send({ name: 'x' });
    expect(form.status).toBe(415);
    const elsewhere = await http()
      .post('/admin/queues/api/queues/workflow/add')
      .set(operator)
      .set('Origin', 'https://evil.example')
      .send({ name: 'x', data: {} });
    expect(elsewhere.status).toBe(403);
    expect(await jobs()).toBe(before);
    // Reading stays open to the operator, from anywhere.
    await http().get('/admin/queues/api/queues').set(operator).expect(200);
  });

  /** A document registered on the case as received (inkommande), by the registrator. */
  const incomingDocument = (caseId: number, description: string) =>
    http()
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(as('registrator'))
      .send({ direction: 'inkommande', date: '2024-03-05', description, type: 'skrivelse' })
      .expect(201);

  it('refuses file names with bidi overrides, invisible characters or quotes', async () => {
    const caseId = await workflowClient(api, kalix).registerCase('Avtal om städning');
    const document = await incomingDocument(caseId, 'Avtal');
    for (const name of ['faktura\u202Efdp.exe', 'a\u200Bb.pdf', 'rapport"1".pdf', "o'brien.pdf"]) {
      const response = await http()
        .post(`/api/v1/documents/${document.body.id}/files?filename=${encodeURIComponent(name)}`)
        .set(as('registrator'))
        .set('Content-Type', 'application/pdf')
        .send(Buffer.from('%PDF-1.7\nx'));
      expect([name, response.status]).toEqual([name, 422]);
    }
    const [{ n }] = await api.dataSource.query(
      'SELECT COUNT(*) AS n FROM document_files WHERE document_id = ?',
      [document.body.id],
    );
    expect(Number(n)).toBe(0);
  });

  it('audits each download of a secret file by someone allowed: who read what', async () => {
    const caseId = await workflowClient(api, kalix).registerCase('Ansökan om bistånd');
    await http()
      .put(`/api/v1/cases/${caseId}/secrecy`)
      .set(as('registrator'))
      .send({ osl: 'OSL 26 kap. 1 §', publicTitle: 'Ansökan (sekretess)' })
      .expect(200);
    const document = await incomingDocument(caseId, 'Ansökan');
    const file = await http()
      .post(`/api/v1/documents/${document.body.id}/files?filename=ansokan.pdf`)
      .set(as('registrator'))
      .set('Content-Type', 'application/pdf')
      .send(Buffer.from('%PDF-1.7\nansökan'))
      .expect(201);
    const path = `/api/v1/documents/${document.body.id}/files/${file.body.id}`;
    await http().get(path).set(as('registrator')).expect(200);
    await http().get(path).set(as('registrator')).expect(200);
    await http().get(path).set(as('sekreterare')).expect(403);
    const reads = (await api.dataSource.query(
      `SELECT actor_id AS actorId, after_state AS afterState FROM audit_log
        WHERE action = 'document.secret-file-read' AND entity_id = ? ORDER BY id`,
      [String(document.body.id)],
    )) as Array<{ actorId: string; afterState: Record<string, unknown> }>;
    expect(reads.map((read) => Number(read.actorId))).toEqual([
      kalix.userIds.registrator,
      kalix.userIds.registrator,
    ]);
    expect(reads[0].afterState).toMatchObject({
      caseId,
      fileId: file.body.id,
      filename: 'ansokan.pdf',
      osl: 'OSL 26 kap. 1 §',
    });
  });
});
