import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';

/** A built web app as `npm run build` lays it out: index.html, hashed assets and their gzip copies. */
function builtApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nf-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="sv"><title>Nämndflöde</title></html>',
  );
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const script = 'console.log("nämndflöde");'.repeat(50);
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), script);
  writeFileSync(join(dir, 'assets', 'index-AbC123.js.gz'), gzipSync(script));
  return dir;
}

describe('The web app served by the api', () => {
  const config = testConfig({ WEB_DIR: builtApp() });
  let api: ApiHarness;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('serves index.html at / and at every route of the app, never cached, with its security headers', async () => {
    for (const path of [
      '/',
      '/index.html',
      '/moten/12',
      '/arenden/3?tab=handlingar',
      '/logga-in',
    ]) {
      const response = await request(api.app.getHttpServer())
        .get(path)
        .set('accept', 'text/html')
        .expect(200);
      expect(response.text).toContain('<title>Nämndflöde</title>');
      expect(response.headers['cache-control']).toBe('no-cache');
      const csp = response.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('caches hashed assets for a year and sends the compressed copy the browser accepts', async () => {
    const server = api.app.getHttpServer();
    const plain = await request(server)
      .get('/assets/index-AbC123.js')
      .set('accept-encoding', 'identity')
      .expect(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const gzipped = await request(server)
      .get('/assets/index-AbC123.js')
      .set('accept-encoding', 'gzip')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers['content-type']).toMatch(/javascript/);
    expect(gzipped.headers.vary).toContain('Accept-Encoding');
    expect(gzipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // A missing asset is a 404, not the app's page (a stale index.html asking for old code).
    const missing = await request(server).get('/assets/index-Old999.js').expect(404);
    expect(missing.text).not.toContain('<title>');
  });

  it('never shadows the api, health, metrics, the queue dashboard or the notice board', async () => {
    const server = api.app.getHttpServer();
    const unknownApi = await request(server)
      .get('/api/v1/no-such-thing')
      .set('accept', 'text/html')
      .expect(404);
    expect(unknownApi.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(
      (await request(server).get('/health/live').set('accept', 'text/html').expect(200)).body,
    ).toEqual({ status: 'ok' });
    const metrics = await request(server).get('/metrics').set('accept', 'text/html');
    expect(metrics.text).not.toContain('<title>Nämndflöde</title>');
    const admin = await request(server).get('/admin/queues').set('accept', 'text/html');
    expect(admin.text).not.toContain('<title>Nämndflöde</title>');
    const board = await request(server).get('/anslagstavla/nowhere').set('accept', 'text/html');
    expect(board.status).toBe(404);
    expect(board.text).not.toContain('<title>Nämndflöde</title>');
    // The app is only ever read: a write to one of its routes gets the api's refusal, not the page.
    const write = await request(server).post('/moten/12').send({});
    expect(write.status).toBe(401);
    expect(write.text).not.toContain('<title>Nämndflöde</title>');
  });
});
