import pino from 'pino';
import { Writable } from 'node:stream';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { login } from '../support/identity';
import { resetServices } from '../support/services';
import { TEST_OPERATOR_TOKEN, testConfig } from '../support/test-config';
import { DemoSeeder } from '@nf/demo';

describe('The access log keeps no credentials', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  const lines: string[] = [];
  let api: ApiHarness;

  beforeAll(async () => {
    await resetServices(config);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    api = await startApi(config, {
      demoOnStart: false,
      logger: pino({ level: 'info' }, sink),
    });
    await api.app.get(DemoSeeder).seed('kalix', { stopBefore: 'ksapu-protocol' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('logs each request with its headers, the bearer token, Basic credentials, cookies and token headers replaced', async () => {
    const { accessToken, refreshToken } = await login(api, 'kalix', 'registrator');
    const http = () => request(api.app.getHttpServer());
    await http()
      .get('/api/v1/cases')
      .set('Authorization', `Bearer ${accessToken}`)
      .set('Cookie', 'nf_session=kaka-hemlig')
      .set('X-Refresh-Token', refreshToken)
      .expect(200);
    const basic = Buffer.from(`admin:${TEST_OPERATOR_TOKEN}`).toString('base64');
    await http().get('/admin/queues').set('Authorization', `Basic ${basic}`);
    await http().get('/admin/queues').set('Authorization', 'Basic YWRtaW46ZmVs').expect(401);

    const requests = lines
      .map((line) => JSON.parse(line) as { req?: { url: string; headers: Record<string, string> } })
      .filter((entry) => entry.req);
    const logged = requests.map((entry) => entry.req!);
    expect(logged.find((req) => req.url === '/api/v1/cases')?.headers).toMatchObject({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'x-refresh-token': '[redacted]',
    });
    expect(logged.filter((req) => req.url.startsWith('/admin/queues')).length).toBeGreaterThan(1);
    const text = lines.join('\n');
    for (const secret of [accessToken, refreshToken, basic, 'YWRtaW46ZmVs', 'kaka-hemlig']) {
      expect(text).not.toContain(secret);
    }
  });
});
