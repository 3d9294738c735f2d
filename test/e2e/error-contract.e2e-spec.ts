import { SecurityEvents } from '@nf/audit';
import request from 'supertest';
import { resetServices } from '../support/services';
import { ApiHarness, startApi } from '../support/api-harness';
import { TEST_OPERATOR_TOKEN, testConfig } from '../support/test-config';

const PROBLEM = /^application\/problem\+json/;

describe('HTTP error contract (RFC 9457)', () => {
  const config = testConfig({ APP_BODY_LIMIT_BYTES: '2048' });
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());
  const operator = { Authorization: `Bearer ${TEST_OPERATOR_TOKEN}` };

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('creates a municipality with exactly one audit entry naming the actor and the request', async () => {
    const before = await api.snapshot();
    const response = await http()
      .post('/api/v1/municipalities')
      .set(operator)
      .set('X-Request-Id', 'req-create-lulea')
      .send({ slug: 'lulea', name: 'Luleå kommun' })
      .expect(201);

    expect(response.body).toMatchObject({
      slug: 'lulea',
      name: 'Luleå kommun',
      timeZone: 'Europe/Stockholm',
    });
    expect(response.headers['x-request-id']).toBe('req-create-lulea');
    const after = await api.snapshot();
    expect(after.audit_change).toBe(before.audit_change + 1);
    expect(after.municipalities).not.toBe(before.municipalities);
    expect(
      await api.dataSource.query(`SELECT name FROM municipalities WHERE slug = 'lulea'`),
    ).toEqual([{ name: 'Luleå kommun' }]);
    const [entry] = await api.dataSource.query(
      `SELECT * FROM audit_log WHERE request_id = 'req-create-lulea'`,
    );
    expect(entry).toMatchObject({
      action: 'municipality.created',
      actor_type: 'operator',
      entity_type: 'municipality',
    });
    expect(entry.after_state).toMatchObject({ slug: 'lulea', name: 'Luleå kommun' });
  });

  it.each([
    [
      'an unknown field',
      (r: request.Test) => r.send({ slug: 'kiruna', name: 'Kiruna kommun', mayor: 'someone' }),
      422,
      'validation-failed',
    ],
    [
      'a wrong type',
      (r: request.Test) => r.send({ slug: 42, name: ['Kiruna'] }),
      422,
      'validation-failed',
    ],
    ['a missing field', (r: request.Test) => r.send({ slug: 'kiruna' }), 422, 'validation-failed'],
    [
      'an SQL-looking slug',
      (r: request.Test) => r.send({ slug: "x'; DROP TABLE municipalities; --", name: 'X kommun' }),
      422,
      'validation-failed',
    ],
    [
      'a malformed JSON body',
      (r: request.Test) => r.set('Content-Type', 'application/json').send('{"slug": "kiruna", '),
      400,
      'malformed-body',
    ],
    [
      'a body over the size limit',
      (r: request.Test) => r.send({ slug: 'kiruna', name: 'K'.repeat(4096) }),
      413,
      'payload-too-large',
    ],
  ])('answers %s with a %i problem and writes nothing', async (_case, send, status, code) => {
    const before = await api.snapshot();
    const response = await send(http().post('/api/v1/municipalities').set(operator)).expect(status);

    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({
      type: `tag:namndflode.se,2026:problem/${code}`,
      status,
      code,
      instance: '/api/v1/municipalities',
    });
    expect(typeof response.body.title).toBe('string');
    expect(response.body.requestId).toBe(response.headers['x-request-id']);
    expect(await api.snapshot()).toEqual(before);
  });

  it('names each offending field of a validation problem', async () => {
    const response = await http()
      .post('/api/v1/municipalities')
      .set(operator)
      .send({ slug: 'Not A Slug', name: 'Kiruna kommun', mayor: 'someone' })
      .expect(422);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual([
      'mayor',
      'slug',
    ]);
  });

  it('answers a missing resource with a 404 problem', async () => {
    const response = await http().get('/api/v1/municipalities/atlantis').expect(404);
    expect(response.headers['content-type']).toMatch(PROBLEM);
    expect(response.body).toMatchObject({
      code: 'not-found',
      status: 404,
      detail: 'No municipality "atlantis".',
    });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await http().get('/api/v1/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ code: 'not-found', status: 404 });
  });

  it('refuses a create without the operator token with a 401 problem before reading its body, writes nothing and audits the refusal', async () => {
    const before = await api.snapshot();
    const response = await http()
      .post('/api/v1/municipalities')
      .set('Authorization', 'Bearer wrong-token-wrong-token')
      .send({ slug: 'kiruna', name: 'Kiruna kommun' })
      .expect(401);
    expect(response.body).toMatchObject({ code: 'unauthorized' });
    expect(await api.snapshot()).toEqual({ ...before, audit_security: before.audit_security + 1 });
    const [refusal] = await api.dataSource.query(
      `SELECT * FROM audit_log WHERE kind = 'security' ORDER BY id DESC LIMIT 1`,
    );
    expect(refusal).toMatchObject({
      action: 'access.refused',
      entity_id: 'POST /api/v1/municipalities',
    });
    expect(refusal.after_state).toEqual({
      status: 401,
      code: 'unauthorized',
      rule: 'before-body',
      source: 'ip:127.0.0.1',
    });
  });

  it('answers a duplicate slug with a 409 problem and writes nothing', async () => {
    const before = await api.snapshot();
    const response = await http()
      .post('/api/v1/municipalities')
      .set(operator)
      .send({ slug: 'lulea', name: 'Luleå igen' })
      .expect(409);
    expect(response.body).toMatchObject({ code: 'municipality-exists' });
    expect(await api.snapshot()).toEqual(before);
  });
});

describe('Operations endpoints', () => {
  const config = testConfig();
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('reports liveness and readiness of the database and Redis', async () => {
    await http().get('/health/live').expect(200, { status: 'ok' });
    await http()
      .get('/health/ready')
      .expect(200, { status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('serves the OpenAPI document generated from the DTOs', async () => {
    const response = await http().get('/api/docs-json').expect(200);
    expect(response.body.info.title).toBe('Nämndflöde API');
    expect(response.body.paths['/api/v1/municipalities'].post).toBeDefined();
    expect(response.body.components.schemas.CreateMunicipalityDto.required).toEqual([
      'slug',
      'name',
    ]);
  });

  it('exposes Prometheus metrics with request durations by route template and the outbox backlog', async () => {
    await http().get('/api/v1/municipalities/nowhere').expect(404);
    const response = await http().get('/metrics').expect(200);
    expect(response.text).toMatch(
      /nf_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/municipalities\/:slug",status="404"\} 1/,
    );
    expect(response.text).toMatch(/nf_outbox_messages\{status="pending"\} 0/);
  });

  it('keeps the queue dashboard behind the operator token, auditing the refusals (a repeat as a summary)', async () => {
    const refusals = async () =>
      (await api.dataSource.query(
        `SELECT entity_id, after_state FROM audit_log
          WHERE kind = 'security' AND action = 'access.refused' AND entity_id = 'GET /admin/queues'`,
      )) as Array<{ entity_id: string; after_state: object }>;
    expect(await refusals()).toHaveLength(0);
    const refused = await http().get('/admin/queues').expect(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Basic/);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    await http().get('/admin/queues').auth('admin', 'not-the-token').expect(401);
    const page = await http()
      .get('/admin/queues')
      .auth('admin', config.app.adminToken!)
      .expect(200);
    expect(page.text).toContain('<html');
    const refusal = { status: 401, code: 'unauthorized', rule: 'operator', source: 'ip:127.0.0.1' };
    expect(await refusals()).toEqual([{ entity_id: 'GET /admin/queues', after_state: refusal }]);
    await api.app.get(SecurityEvents).flush(true);
    expect(await refusals()).toEqual([{ entity_id: 'GET /admin/queues', after_state: refusal }]);
    const [summary] = (await api.dataSource.query(
      `SELECT after_state AS afterState FROM audit_log
        WHERE action = 'security.repeated' AND entity_id = 'ip:127.0.0.1' ORDER BY id DESC LIMIT 1`,
    )) as Array<{ afterState: Record<string, unknown> }>;
    expect(summary.afterState).toMatchObject({ repeated: { 'access.refused': 1 } });
  });
});
