import { createHash } from 'node:crypto';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { createOutsider, login, seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';

interface AgendaBody {
  version: number;
  items: Array<{ id: number; title: string; caseId: number | null; proposalText: string | null }>;
}

/**
 * The agenda read is answered from memory ahead of Express once its route has loaded it (the
 * response then carries `Age`); these tests hold that answer to the route's own.
 */
describe('Agenda reads served from memory', () => {
  const config = testConfig({ APP_DEMO: 'true', APP_READ_CACHE_MS: '1000' });
  let api: ApiHarness;
  let kalix: Tenant;
  let other: Tenant;
  let meetingId: number;
  let otherMeetingId: number;
  const http = () => request(api.app.getHttpServer());
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const read = (token: string, id = meetingId) =>
    http().get(`/api/v1/meetings/${id}`).set(bearer(token));
  /** The demo's KS meeting of 11 December 2023 (19 items, kallelse published). */
  const meetingOf = async (tenant: Tenant) =>
    Number(
      (
        await api.dataSource.query(
          `SELECT m.id FROM meetings m JOIN organs o ON o.id = m.organ_id
            WHERE m.municipality_id = ? AND o.code = 'KS'`,
          [tenant.municipalityId],
        )
      )[0].id,
    );

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config);
    kalix = await seedTenant(api, 'kalix');
    other = await seedTenant(api, 'annan');
    meetingId = await meetingOf(kalix);
    otherMeetingId = await meetingOf(other);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers a repeated read from memory with the same bytes, ETag and content type', async () => {
    const token = (await login(api, 'kalix', 'sekreterare')).accessToken;
    const loaded = await read(token).expect(200);
    const cached = await read(token).expect(200);
    expect(loaded.headers.age).toBeUndefined();
    expect(cached.headers.age).toBe('0');
    expect(cached.text).toBe(loaded.text);
    expect(cached.headers.etag).toBe(loaded.headers.etag);
    expect(cached.headers['content-type']).toBe(loaded.headers['content-type']);
    expect(cached.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    for (const header of ['x-content-type-options', 'x-frame-options', 'referrer-policy']) {
      expect([header, cached.headers[header]]).toEqual([header, loaded.headers[header]]);
    }
    expect(cached.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((JSON.parse(cached.text) as AgendaBody).items).toHaveLength(19);
    // A presented request id is kept, as on every route.
    const traced = await read(token).set('x-request-id', 'trace-4711').expect(200);
    expect([traced.headers.age, traced.headers['x-request-id']]).toEqual(['0', 'trace-4711']);
    // Both count as requests of the route; the two from memory are counted as such too.
    const metrics = (await http().get('/metrics').expect(200)).text;
    expect(metrics).toMatch(
      /nf_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/meetings\/:id",status="200"\} 3\n/,
    );
    expect(metrics).toMatch(
      /nf_http_reads_from_memory_total\{route="\/api\/v1\/meetings\/:id"\} 2\n/,
    );
  });

  it('shows a change committed in this process on the very next read', async () => {
    const token = kalix.tokens.sekreterare;
    const before = (await read(token).expect(200)).body as AgendaBody;
    expect((await read(token).expect(200)).headers.age).toBe('0');
    const item = before.items.find((candidate) => candidate.caseId !== null)!;
    await http()
      .patch(`/api/v1/meetings/${meetingId}/items/${item.id}`)
      .set(bearer(token))
      .send({ title: 'Ny rubrik från sekreteraren', version: before.version })
      .expect(200);
    const after = await read(token).expect(200);
    expect(after.headers.age).toBeUndefined();
    expect(
      (after.body as AgendaBody).items.find((candidate) => candidate.id === item.id)?.title,
    ).toBe('Ny rubrik från sekreteraren');
  });

  it('shows a change committed elsewhere within twice the cache time', async () => {
    const token = kalix.tokens.sekreterare;
    // Any commit in this process empties the caches: the next read loads the agenda afresh.
    await api.dataSource.transaction(() => Promise.resolve());
    const loaded = await read(token).expect(200);
    expect(loaded.headers.age).toBeUndefined();
    const before = loaded.body as AgendaBody;
    const item = before.items.find((candidate) => candidate.caseId !== null)!;
    // Another process's commit: this process's transactions do not see it happen.
    await api.dataSource.query('UPDATE agenda_items SET title = ? WHERE id = ?', [
      'Ändrad av en annan process',
      item.id,
    ]);
    const soon = await read(token).expect(200);
    expect(soon.headers.age).toBe('0');
    expect((soon.body as AgendaBody).items.find((c) => c.id === item.id)?.title).toBe(item.title);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const later = await read(token).expect(200);
    expect(later.headers.age).toBeUndefined();
    expect((later.body as AgendaBody).items.find((c) => c.id === item.id)?.title).toBe(
      'Ändrad av en annan process',
    );
  });

  it('never answers from memory for a token logged out, nor for another municipality', async () => {
    const session = await login(api, 'kalix', 'ledamot');
    await read(session.accessToken).expect(200);
    expect((await read(session.accessToken).expect(200)).headers.age).toBe('0');
    await http().post('/api/v1/auth/logout').set(bearer(session.accessToken)).expect(204);
    const refused = await read(session.accessToken).expect(401);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);

    // Kalix's agenda is in memory and this member's principal too: still not theirs to read.
    const member = other.tokens.ledamot;
    await read(kalix.tokens.ledamot).expect(200);
    await read(member, otherMeetingId).expect(200);
    expect((await read(member, otherMeetingId).expect(200)).headers.age).toBe('0');
    const foreign = await read(member, meetingId).expect(404);
    expect(foreign.headers.age).toBeUndefined();
  });

  it('stops answering a token revoked by another process within twice the cache time', async () => {
    const session = await login(api, 'kalix', 'ledamot');
    await read(session.accessToken).expect(200);
    expect((await read(session.accessToken).expect(200)).headers.age).toBe('0');
    // Revoked as another api process would: no commit in this one.
    await api.dataSource.query('UPDATE auth_tokens SET revoked_at = NOW(3) WHERE token_hash = ?', [
      createHash('sha256').update(session.accessToken).digest('hex'),
    ]);
    const revokedAt = Date.now();
    expect((await read(session.accessToken).expect(200)).headers.age).toBe('0');
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await read(session.accessToken)).status;
    }
    expect(status).toBe(401);
    // At most twice APP_READ_CACHE_MS, with room for a slow machine.
    expect(Date.now() - revokedAt).toBeLessThan(3000);
  });

  it('renders a secret case for each reader as the route does: its public title for an official outside the organ, in full for the organ’s member', async () => {
    const before = (await read(kalix.tokens.sekreterare).expect(200)).body as AgendaBody;
    const item = before.items.find((candidate) => candidate.caseId !== null)!;
    const record = (
      await http()
        .get(`/api/v1/cases/${item.caseId}`)
        .set(bearer(kalix.tokens.registrator))
        .expect(200)
    ).body as { version: number };
    const outsider = await createOutsider(api, kalix);
    await http()
      .put(`/api/v1/cases/${item.caseId}/secrecy`)
      .set(bearer(kalix.tokens.registrator))
      .send({ osl: 'OSL 26 kap. 1 §', publicTitle: 'Ärende enligt OSL', version: record.version })
      .expect(200);

    // The commit emptied the caches: each reader loads once (principal and agenda), then reads
    // the agenda from memory, rendered for them.
    const stranger = await read(outsider).expect(200);
    await read(kalix.tokens.ledamot).expect(200);
    const member = await read(kalix.tokens.ledamot).expect(200);
    const strangerAgain = await read(outsider).expect(200);
    expect([stranger.headers.age, member.headers.age, strangerAgain.headers.age]).toEqual([
      undefined,
      '0',
      '0',
    ]);
    const titleIn = (response: request.Response) =>
      (response.body as AgendaBody).items.find((candidate) => candidate.id === item.id);
    expect(titleIn(stranger)).toMatchObject({ title: 'Ärende enligt OSL', proposalText: null });
    expect(titleIn(strangerAgain)).toEqual(titleIn(stranger));
    expect(titleIn(member)?.title).toBe(item.title);
  });

  it('leaves conditional requests to the route, which answers 304', async () => {
    const token = kalix.tokens.sekreterare;
    const { etag } = (await read(token).expect(200)).headers;
    const conditional = await read(token).set('If-None-Match', etag).expect(304);
    expect(conditional.headers.age).toBeUndefined();
  });

  it('keeps nothing in memory when APP_READ_CACHE_MS is 0', async () => {
    const uncached = await startApi(testConfig({ APP_DEMO: 'true', APP_READ_CACHE_MS: '0' }));
    try {
      const server = () => request(uncached.app.getHttpServer());
      const token = (await login(uncached, 'kalix', 'sekreterare')).accessToken;
      const ages = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        ages.push(
          (await server().get(`/api/v1/meetings/${meetingId}`).set(bearer(token)).expect(200))
            .headers.age,
        );
      }
      expect(ages).toEqual([undefined, undefined, undefined]);
    } finally {
      await uncached.close();
    }
  });
});
