import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';

/**
 * The public side answers everyone, so it is limited per client address like every request
 * without credentials (a 429 with Retry-After), and its answers carry ETags, so that a harvester
 * or a browser asking again for what it has gets a 304 without the body.
 */
describe('The public side: limited per client address, cached with ETags', () => {
  const config = testConfig({
    APP_DEMO: 'true',
    APP_RATE_ANONYMOUS_PER_MINUTE: '6',
    APP_PUBLIC_URL: 'http://kalix.test',
  });
  let api: ApiHarness;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers the same request again with a 304 when the ETag matches, and anew when it does not', async () => {
    const first = await http().get('/oparl/v1').set('x-forwarded-for', '10.9.0.1').expect(200);
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^W\/".+"$/);
    const again = await http()
      .get('/oparl/v1')
      .set({ 'x-forwarded-for': '10.9.0.1', 'if-none-match': tag })
      .expect(304);
    expect(again.text ?? '').toBe('');
    await http()
      .get('/oparl/v1')
      .set({ 'x-forwarded-for': '10.9.0.1', 'if-none-match': 'W/"anders"' })
      .expect(200);
  });

  it('refuses an address past its limit with a 429 problem and Retry-After, OParl and portal alike, and not another address', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 8; n++) {
      const path = n % 2 ? '/oparl/v1' : '/portal/okand';
      statuses.push((await http().get(path).set('x-forwarded-for', '10.9.0.2')).status);
    }
    expect(statuses.slice(0, 6)).toEqual([404, 200, 404, 200, 404, 200]);
    const refused = await http().get('/oparl/v1').set('x-forwarded-for', '10.9.0.2').expect(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(statuses.slice(6)).toEqual([429, 429]);
    // A resident on the portal reads it as a page, in Swedish.
    const page = await http().get('/portal/kalix').set('x-forwarded-for', '10.9.0.2').expect(429);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('<html lang="sv">');
    expect(page.text).toMatch(/Vänta \d+ sekunder/);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    await http().get('/oparl/v1').set('x-forwarded-for', '10.9.0.3').expect(200);
  });
});
