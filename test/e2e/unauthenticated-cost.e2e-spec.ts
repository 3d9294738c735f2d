import { connect } from 'node:net';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';

const MB = 1024 * 1024;

/** What the server answers to the request head alone, or undefined when it waits for the body. */
function answerToHead(port: number, head: string, waitMs = 1500): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(received || undefined);
    }, waitMs);
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      if (received.includes('\r\n\r\n')) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', () => undefined);
  });
}

describe('Unauthenticated cost: limits and checks before a body is read', () => {
  const config = testConfig({
    APP_DEMO: 'true',
    APP_RATE_ANONYMOUS_PER_MINUTE: '6',
    APP_RATE_LOGIN_PER_MINUTE: '3',
  });
  let api: ApiHarness;
  let port: number;
  const http = () => request(api.app.getHttpServer());

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as { port: number }).port;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers a large anonymous upload with 401 from its head alone, never reading the body', async () => {
    const answer = await answerToHead(
      port,
      'POST /api/v1/documents/1/files HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\n' +
        `Content-Length: ${20 * MB}\r\nX-Forwarded-For: 10.9.0.1\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 401/);
    const forged = await answerToHead(
      port,
      'POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer nfa_forged\r\nContent-Length: ${MB}\r\nX-Forwarded-For: 10.9.0.1\r\n\r\n`,
    );
    expect(forged).toMatch(/^HTTP\/1\.1 401/);
  });

  it('limits a client address’s anonymous requests and login attempts a minute, with 429 and Retry-After', async () => {
    // The limiter counts in wall-clock minutes: start well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000)
      await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const fromA = (path: string) => http().get(path).set('X-Forwarded-For', '10.9.0.2');
    const statuses = [];
    for (let n = 0; n < 8; n++) statuses.push((await fromA('/api/v1/public/kalix/anslag')).status);
    expect(statuses.slice(6)).toEqual([429, 429]);
    const refused = await fromA('/api/v1/public/kalix/anslag');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body).toMatchObject({ status: 429, code: 'too-many-requests' });
    // Another address is not held back; health never is.
    expect((await http().get('/health/live').set('X-Forwarded-For', '10.9.0.2')).status).toBe(200);
    const logins = [];
    for (let n = 0; n < 4; n++) {
      logins.push(
        (
          await http()
            .post('/api/v1/auth/login')
            .set('X-Forwarded-For', '10.9.0.3')
            .send({ municipality: 'kalix', username: `prov${n}`, password: 'fel' })
        ).status,
      );
    }
    expect(logins).toEqual([401, 401, 401, 429]);
  });

  it('answers a 5,000-deep JSON body with 400, not a server error', async () => {
    const response = await http()
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('X-Forwarded-For', '10.9.0.4')
      .send(`${'['.repeat(5_000)}${']'.repeat(5_000)}`);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('body-too-deep');
  });
});
