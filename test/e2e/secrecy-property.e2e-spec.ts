import fc from 'fast-check';
import { FollowUpScheduler } from '@nf/followups-jobs';
import { QueueRegistry } from '@nf/queue';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { binary } from '../support/binary';
import { createOutsider, seedTenant, Tenant } from '../support/identity';
import { pdfText } from '../support/pdf-text';
import { eventually, resetServices } from '../support/services';
import { testConfig } from '../support/test-config';
import { startWorker, WorkerHarness } from '../support/worker-harness';
import { visit, workflowClient } from '../support/workflow-client';

/** Where on its route a case is marked secret. */
const POINTS = [
  'registered',
  'on-agenda',
  'kallelse',
  'protocol-locked',
  'adjusted',
  'follow-up',
] as const;
type Point = (typeof POINTS)[number];

const OSL = 'OSL 26 kap. 1 §';

describe('Secrecy property: whenever a case is marked secret, what reaches a reader without the right holds nothing it protects', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let worker: WorkerHarness;
  let kalix: Tenant;
  let organs: Record<string, number>;
  let outsider: string;
  let day = 0;
  const http = () => request(api.app.getHttpServer());
  const as = (user: string) => ({ Authorization: `Bearer ${kalix.tokens[user] ?? user}` });

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { demoOnStart: false });
    kalix = await seedTenant(api, 'kalix', { stopBefore: 'ksapu-protocol' });
    worker = await startWorker(config, { runOutbox: true });
    organs = await workflowClient(api, kalix).organIds();
    outsider = await createOutsider(api, kalix);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  /** Until the outbox and the queues have nothing left to do now (delayed wake-ups aside). */
  async function settled(): Promise<void> {
    const queues = api.app.get(QueueRegistry);
    await eventually(
      async () => {
        const [{ n }] = await api.dataSource.query(
          "SELECT COUNT(*) AS n FROM outbox_messages WHERE status = 'pending'",
        );
        if (Number(n) > 0) return false;
        for (const name of ['workflow', 'documents', 'notifications', 'schedules']) {
          const counts = await queues.get(name)!.getJobCounts('waiting', 'active', 'prioritized');
          if (Object.values(counts).some((count) => count > 0)) return false;
        }
        return true;
      },
      { timeoutMs: 20_000, what: 'the jobs to settle' },
    );
  }

  async function pdfOf(path: string, headers: Record<string, string>): Promise<string> {
    const response = await http().get(path).set(headers).buffer(true).parse(binary);
    return response.status === 200 ? pdfText(response.body as Buffer) : `${response.status}`;
  }

  /** Everything a reader without the right can read about the case, and every e-mail since. */
  async function whatOutsidersRead(ids: {
    caseId: number;
    meetingId: number;
    protocolId: number | null;
    mailsAfter: number;
  }): Promise<string> {
    const texts: string[] = [];
    const read = async (path: string, headers: Record<string, string> = {}) => {
      const response = await http().get(path).set(headers);
      texts.push(`${path} ${response.status} ${response.text}`);
      return response;
    };
    for (const reader of [{ Authorization: `Bearer ${outsider}` }, as('ledamot')]) {
      await read(`/api/v1/cases/${ids.caseId}`, reader);
      await read(`/api/v1/cases?q=Hemlig`, reader);
      await read(`/api/v1/cases/${ids.caseId}/timeline`, reader);
      await read(`/api/v1/cases/${ids.caseId}/documents`, reader);
      await read(`/api/v1/meetings/${ids.meetingId}`, reader);
      await read(`/api/v1/organs/${organs.KSAPU}/ready-cases`, reader);
      await read('/api/v1/obligations', reader);
      await read('/api/v1/deadlines', reader);
      await read('/api/v1/me/inbox', reader);
      const kallelse = await read(`/api/v1/meetings/${ids.meetingId}/kallelse`, reader);
      for (const file of (kallelse.body.files ?? []) as Array<{
        id: number;
        contentType: string;
      }>) {
        if (file.contentType === 'application/pdf') {
          texts.push(
            await pdfOf(`/api/v1/meetings/${ids.meetingId}/kallelse/files/${file.id}`, reader),
          );
        }
      }
      if (ids.protocolId) {
        const protocol = await read(`/api/v1/protocols/${ids.protocolId}`, reader);
        for (const file of (protocol.body.files ?? []) as Array<{
          id: number;
          contentType: string;
        }>) {
          if (file.contentType === 'application/pdf') {
            texts.push(await pdfOf(`/api/v1/protocols/${ids.protocolId}/files/${file.id}`, reader));
          }
        }
      }
    }
    await read('/api/v1/public/kalix/cases?limit=100');
    await read(`/api/v1/public/kalix/cases/${ids.caseId}`);
    await read('/anslagstavla/kalix');
    const publicKallelse = await read(`/api/v1/public/kalix/meetings/${ids.meetingId}/kallelse`);
    for (const file of (publicKallelse.body.files ?? []) as Array<{ id: number }>) {
      texts.push(
        await pdfOf(`/api/v1/public/kalix/meetings/${ids.meetingId}/kallelse/files/${file.id}`, {}),
      );
    }
    const mails = (await api.dataSource.query(
      'SELECT subject, body FROM mail_deliveries WHERE id > ?',
      [ids.mailsAfter],
    )) as Array<{ subject: string; body: string }>;
    texts.push(...mails.map((mail) => `${mail.subject}\n${mail.body}`));
    return texts.join('\n');
  }

  /** A case through KSAPU's decision (route utskott-beslut), marked secret at `point`. */
  async function walk(point: Point, secret: string) {
    const client = workflowClient(api, kalix);
    const lastMail = async () =>
      Number(
        (await api.dataSource.query('SELECT COALESCE(MAX(id), 0) AS id FROM mail_deliveries'))[0]
          .id,
      );
    let mailsAfter = -1;
    const markIf = async (here: Point) => {
      if (here !== point) return;
      await settled();
      mailsAfter = await lastMail();
      await http()
        .put(`/api/v1/cases/${caseId}/secrecy`)
        .set(as('registrator'))
        .send({ osl: OSL, publicTitle: 'Ärende (sekretess)' })
        .expect(200);
    };
    const caseId = await client.registerCase(`Ansökan från ${secret}`);
    await markIf('registered');
    await client.startRoute(caseId, 'utskott-beslut');
    await client.submitTjansteskrivelse(caseId, [`bevilja ${secret} stöd med 10 000 kr`], {
      followUpClause: 'Nästa uppföljning sker februari 2027, därefter årligen i februari.',
    });
    await client.waitFor(caseId, 'ready for KSAPU', (t) => visit(t) === 'active:0:ready');
    day += 1;
    const startsAt = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
    const meetingId = await client.planMeeting(organs.KSAPU, `${startsAt}T13:00`);
    await client.addCase(meetingId, caseId);
    await markIf('on-agenda');
    await client.publishKallelse(meetingId);
    await markIf('kallelse');
    const draft = (
      await http()
        .post(`/api/v1/meetings/${meetingId}/protocol`)
        .set(as('sekreterare'))
        .send({ chairUserId: kalix.userIds.ordforande, adjusterUserIds: [kalix.userIds.justerare] })
        .expect(201)
    ).body;
    const edited = await http()
      .patch(`/api/v1/protocols/${draft.id}/paragraphs/${draft.paragraphs[0].id}`)
      .set(as('sekreterare'))
      .send({
        version: draft.version,
        outcome: 'decision',
        decisionText: `Arbetsutskottet beslutar bevilja ${secret} stöd med 10 000 kr.`,
        expediering: [{ name: secret, email: 'sokande@example.se' }],
      })
      .expect(200);
    const locked = (
      await http()
        .post(`/api/v1/protocols/${draft.id}/lock`)
        .set(as('sekreterare'))
        .send({ version: edited.body.version })
        .expect(200)
    ).body;
    await markIf('protocol-locked');
    for (const user of ['ordforande', 'justerare']) {
      await http()
        .post(`/api/v1/protocols/${draft.id}/signatures`)
        .set(as(user))
        .send({ contentHash: locked.contentHash })
        .expect(201);
    }
    await client.waitFor(caseId, 'decided', (t) => t.route.status === 'decided');
    await markIf('adjusted');
    await settled();
    await worker.app.get(FollowUpScheduler).sweep();
    await markIf('follow-up');
    await settled();
    return { caseId, meetingId, protocolId: draft.id as number, mailsAfter };
  }

  it('holds for random cases marked secret at random points of their route', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...POINTS),
        fc.stringMatching(/^[A-Z][a-z]{6,10}$/),
        async (point, name) => {
          const secret = `Hemlig${name}`;
          const ids = await walk(point, secret);
          const seen = await whatOutsidersRead(ids);
          expect([point, seen.includes(secret)]).toEqual([point, false]);
          expect(seen).toContain('Ärende (sekretess)');
        },
      ),
      { numRuns: 8 },
    );
  });
});
