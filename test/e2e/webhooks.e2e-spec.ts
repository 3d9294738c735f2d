import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PublicChanges } from '@nf/publication';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { seedTenant, Tenant } from '../support/identity';
import { AppProcess, startProcess } from '../support/processes';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';

/** Short lock and stall periods and two tries per event, so that the test runs in seconds. */
const WORKER_ENV = {
  WORKER_LOCK_DURATION_MS: '2000',
  WORKER_STALLED_INTERVAL_MS: '1000',
  OUTBOX_SWEEP_INTERVAL_MS: '1000',
  OUTBOX_SWEEP_AFTER_MS: '3000',
  APP_PUBLIC_URL: 'http://kalix.test',
  WEBHOOK_MAX_ATTEMPTS: '4',
  WEBHOOK_PAUSE_AFTER_FAILED: '2',
};

interface Received {
  eventId: string;
  type: string;
  signature: string;
  body: string;
  payload: {
    id: string;
    type: string;
    action: string;
    occurredAt: string;
    object: { id: number; oparl?: string };
  };
}

/** A receiver of the feed: answers each request with what `answer` says, and keeps what it accepted. */
class Receiver {
  accepted: Received[] = [];
  refused = 0;
  answer: () => number = () => 200;
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((incoming, response) => {
      let body = '';
      incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
      incoming.on('end', () => {
        const status = this.answer();
        if (status === 200) {
          this.accepted.push({
            eventId: String(incoming.headers['nf-event-id']),
            type: String(incoming.headers['nf-event-type']),
            signature: String(incoming.headers['nf-signature']),
            body,
            payload: JSON.parse(body) as Received['payload'],
          });
        } else this.refused++;
        response.statusCode = status;
        response.end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** Whether the signature header is the HMAC-SHA256 of `<t>.<body>` with the secret, made just now. */
function validSignature(secret: string, received: Received): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(received.signature);
  if (!match) return false;
  const expected = createHmac('sha256', secret)
    .update(`${match[1]}.${received.body}`)
    .digest('hex');
  return expected === match[2] && Math.abs(Date.now() / 1000 - Number(match[1])) < 300;
}

describe('The change feed: signed webhook events through the outbox, in order per object', () => {
  const config = testConfig({ APP_DEMO: 'true', APP_PUBLIC_URL: 'http://kalix.test' });
  let api: ApiHarness;
  let kalix: Tenant;
  let worker: AppProcess | undefined;
  const receiver = new Receiver();
  let url: string;
  let subscription: { id: number; secret: string; version: number };
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user]}` });

  /** Renames a case (an audited change of it), as the registrator. */
  const rename = async (caseId: number, title: string) => {
    const { version } = (
      await http().get(`/api/v1/cases/${caseId}`).set(as('registrator')).expect(200)
    ).body as { version: number };
    await http()
      .patch(`/api/v1/cases/${caseId}`)
      .set(as('registrator'))
      .send({ version, title })
      .expect(200);
  };
  /** The audit log projected now (the worker's scheduler does it every five seconds). */
  const project = () => api.app.get(PublicChanges).catchUp();

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    url = await receiver.start();
    worker = await startProcess('worker', WORKER_ENV);
    const created = await http()
      .post('/api/v1/webhooks')
      .set(as('admin'))
      .send({
        url,
        events: ['case.changed', 'meeting.changed'],
        contactEmail: 'webb@kalix.example',
      })
      .expect(201);
    subscription = created.body;
    // The municipality's history before the subscription is not sent.
    await project();
  }, 120_000);

  afterAll(async () => {
    await worker?.kill9();
    await receiver.stop();
    await api?.close();
  });

  it('shows the signing secret once: in the answer that made the subscription, never in the list', async () => {
    expect(subscription.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    const listed = (await http().get('/api/v1/webhooks').set(as('admin')).expect(200)).body;
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(subscription.secret);
    // Nor in the audit log.
    const [{ n }] = (await api.dataSource.query(
      'SELECT COUNT(*) AS n FROM audit_log WHERE after_state LIKE ?',
      [`%${subscription.secret}%`],
    )) as Array<{ n: number | string }>;
    expect(Number(n)).toBe(0);
    // The municipality's history before it was made: nothing recorded to send.
    const log = (
      await http()
        .get(`/api/v1/webhooks/${subscription.id}/deliveries`)
        .set(as('admin'))
        .expect(200)
    ).body.deliveries as unknown[];
    expect(log).toEqual([]);
  });

  it('a receiver that refuses three times and then accepts gets each event once, in order per object, signed', async () => {
    const cases = (await http().get('/api/v1/cases?limit=5').set(as('registrator')).expect(200))
      .body.cases as Array<{ id: number }>;
    const [first, second] = cases;
    let refusals = 3;
    receiver.answer = () => (refusals-- > 0 ? 503 : 200);
    await rename(first.id, 'Första namnet');
    await rename(second.id, 'Ett annat ärende');
    await rename(first.id, 'Andra namnet');
    await project();
    await eventually(async () => receiver.accepted.length >= 3, {
      timeoutMs: 60_000,
      what: 'three events accepted',
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.refused).toBe(3);
    expect(receiver.accepted).toHaveLength(3);
    expect(new Set(receiver.accepted.map((event) => event.eventId)).size).toBe(3);
    for (const event of receiver.accepted) {
      expect(validSignature(subscription.secret, event)).toBe(true);
      expect(event.type).toBe('case.changed');
      expect(event.payload).toMatchObject({
        id: event.eventId,
        type: 'case.changed',
        action: 'case.updated',
      });
    }
    // The first case's two events came in the order they happened.
    const ofFirst = receiver.accepted.filter((event) => event.payload.object.id === first.id);
    expect(ofFirst).toHaveLength(2);
    expect(ofFirst[0].payload.occurredAt < ofFirst[1].payload.occurredAt).toBe(true);
    expect(ofFirst[0].payload.object.oparl).toBe(
      `http://kalix.test/oparl/v1/bodies/kalix/papers/${first.id}`,
    );
    // A tampered body does not match its signature.
    expect(
      validSignature(subscription.secret, {
        ...ofFirst[0],
        body: ofFirst[0].body.replace('case', 'kase'),
      }),
    ).toBe(false);

    const log = (
      await http()
        .get(`/api/v1/webhooks/${subscription.id}/deliveries`)
        .set(as('admin'))
        .expect(200)
    ).body.deliveries as Array<{ status: string; attempts: number; eventId: string }>;
    expect(log.map((delivery) => delivery.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(log.reduce((sum, delivery) => sum + delivery.attempts, 0)).toBe(6);
  });

  it('sends no title in an event: a secret case’s change says what changed and where to read it, never its protected title', async () => {
    receiver.accepted = [];
    receiver.answer = () => 200;
    const cases = (await http().get('/api/v1/cases?limit=8').set(as('registrator')).expect(200))
      .body.cases as Array<{ id: number }>;
    const secretCase = cases[6];
    const { version } = (
      await http().get(`/api/v1/cases/${secretCase.id}`).set(as('registrator')).expect(200)
    ).body;
    await http()
      .put(`/api/v1/cases/${secretCase.id}/secrecy`)
      .set(as('registrator'))
      .send({ osl: 'OSL 26 kap. 1 §', publicTitle: 'Ärende enligt socialtjänstlagen', version })
      .expect(200);
    await rename(secretCase.id, 'Placering av Kalle Anka, född 1934');
    await project();
    await eventually(async () => receiver.accepted.length >= 2, {
      timeoutMs: 30_000,
      what: 'the secret case’s events',
    });
    for (const event of receiver.accepted) {
      expect(event.payload.object.id).toBe(secretCase.id);
      expect(event.body).not.toContain('Kalle Anka');
      expect(validSignature(subscription.secret, event)).toBe(true);
    }
  });

  it('a worker killed with SIGKILL while events wait loses none: a new worker delivers each once', async () => {
    receiver.accepted = [];
    receiver.answer = () => 503;
    const cases = (await http().get('/api/v1/cases?limit=5').set(as('registrator')).expect(200))
      .body.cases as Array<{ id: number }>;
    await rename(cases[2].id, 'Under krasch ett');
    await rename(cases[3].id, 'Under krasch två');
    await project();
    await eventually(async () => receiver.refused >= 5, {
      timeoutMs: 30_000,
      what: 'tries refused',
    });
    await worker!.kill9();
    receiver.answer = () => 200;
    worker = await startProcess('worker', WORKER_ENV);
    await eventually(async () => receiver.accepted.length >= 2, {
      timeoutMs: 60_000,
      what: 'both events accepted after the restart',
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(receiver.accepted.map((event) => event.payload.object.id).sort()).toEqual(
      [cases[2].id, cases[3].id].sort(),
    );
  });

  it('pauses a subscription whose events keep failing and e-mails its owner; resumed, a failed event is sent again', async () => {
    receiver.accepted = [];
    receiver.answer = () => 500;
    const cases = (await http().get('/api/v1/cases?limit=5').set(as('registrator')).expect(200))
      .body.cases as Array<{ id: number }>;
    await rename(cases[0].id, 'Fel ett');
    await rename(cases[1].id, 'Fel två');
    await project();
    await eventually(
      async () =>
        (
          (await http().get('/api/v1/webhooks').set(as('admin')).expect(200)).body as Array<{
            status: string;
          }>
        )[0].status === 'paused',
      { timeoutMs: 60_000, what: 'the subscription paused' },
    );
    const [mail] = (await api.dataSource.query(
      `SELECT recipient, subject, body FROM mail_deliveries WHERE recipient = 'webb@kalix.example'`,
    )) as Array<{ recipient: string; subject: string; body: string }>;
    expect(mail.subject).toBe('Webhook pausad – Nämndflöde');
    expect(mail.body).toContain(url);
    const [paused] = (await http().get('/api/v1/webhooks').set(as('admin')).expect(200))
      .body as Array<{
      version: number;
    }>;
    // Resumed, and the failed events sent again from the log.
    receiver.answer = () => 200;
    await http()
      .post(`/api/v1/webhooks/${subscription.id}/resume`)
      .set(as('admin'))
      .send({ version: paused.version })
      .expect(200);
    const log = (
      await http()
        .get(`/api/v1/webhooks/${subscription.id}/deliveries`)
        .set(as('admin'))
        .expect(200)
    ).body.deliveries as Array<{ id: number; status: string }>;
    const failed = log.filter((delivery) => delivery.status === 'failed');
    expect(failed).toHaveLength(2);
    for (const delivery of failed) {
      await http()
        .post(`/api/v1/webhooks/${subscription.id}/deliveries/${delivery.id}/resend`)
        .set(as('admin'))
        .expect(200);
    }
    await eventually(async () => receiver.accepted.length >= 2, {
      timeoutMs: 30_000,
      what: 'resent',
    });
    const audited = (await api.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'webhook' ORDER BY id`,
    )) as Array<{ action: string }>;
    expect(audited.map((row) => row.action)).toEqual([
      'webhook.created',
      'webhook.paused',
      'webhook.resumed',
      'webhook.resend',
      'webhook.resend',
    ]);
  });
});
