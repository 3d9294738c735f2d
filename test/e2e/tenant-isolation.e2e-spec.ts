import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import {
  insertDraftReport,
  insertInboxMessage,
  insertProposedObligation,
} from '../support/followup-rows';
import { idsOf, seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';

/**
 * Two municipalities with the same organ codes, people and user names. An admin of one must not
 * see, change or refer to anything of the other: objects of the other are simply not there (404).
 */
describe('Tenant isolation', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let a: Tenant;
  let b: Tenant;
  let serviceTokenOfA: number;
  const http = () => request(api.app.getHttpServer());
  const asAdminOfB = (call: request.Test) => call.set('Authorization', `Bearer ${b.tokens.admin}`);

  /** Every row of A with its version, to prove that nothing of A changed. */
  const stateOfA = async () => {
    const state: Record<string, unknown> = {};
    for (const table of [
      'organs',
      'people',
      'memberships',
      'users',
      'municipalities',
      'cases',
      'route_instances',
      'tjansteskrivelser',
      'motions',
      'meetings',
      'obligations',
      'followup_reports',
    ]) {
      const column = table === 'municipalities' ? 'id' : 'municipality_id';
      state[table] = await api.dataSource.query(
        `SELECT id, version FROM ${table} WHERE ${column} = ? ORDER BY id`,
        [a.municipalityId],
      );
    }
    state.tokens = await api.dataSource.query(
      'SELECT id, revoked_at FROM auth_tokens WHERE municipality_id = ? ORDER BY id',
      [a.municipalityId],
    );
    state.roles = await api.dataSource.query(
      'SELECT user_id, role, organ_id FROM role_assignments WHERE municipality_id = ? ORDER BY id',
      [a.municipalityId],
    );
    return state;
  };

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config);
    a = await seedTenant(api, 'kalix');
    b = await seedTenant(api, 'kalix-tvilling');
    const created = await http()
      .post('/api/v1/service-tokens')
      .set('Authorization', `Bearer ${a.tokens.admin}`)
      .send({ name: 'E-arkiv', roles: [{ role: 'registrator' }] })
      .expect(201);
    serviceTokenOfA = created.body.id;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('keeps the same organ codes and user names apart', async () => {
    const organsOfA = await http()
      .get('/api/v1/organs')
      .set('Authorization', `Bearer ${a.tokens.admin}`)
      .expect(200);
    const organsOfB = await asAdminOfB(http().get('/api/v1/organs')).expect(200);
    expect(organsOfA.body.map((o: { code: string }) => o.code)).toEqual(['KF', 'KS', 'KSAPU']);
    expect(organsOfB.body.map((o: { code: string }) => o.code)).toEqual(['KF', 'KS', 'KSAPU']);
    expect(organsOfB.body.map((o: { id: number }) => o.id)).toEqual(
      await idsOf(api, 'organs', b.municipalityId),
    );
    const me = await asAdminOfB(http().get('/api/v1/auth/me')).expect(200);
    expect(me.body).toMatchObject({
      municipalityId: b.municipalityId,
      user: { id: b.userIds.admin },
    });
  });

  it('lists nothing of the other municipality', async () => {
    for (const [path, table] of [
      ['/api/v1/organs', 'organs'],
      ['/api/v1/people', 'people'],
      ['/api/v1/users', 'users'],
      ['/api/v1/obligations', 'obligations'],
    ] as const) {
      const listed = (await asAdminOfB(http().get(path)).expect(200)).body.map(
        (row: { id: number }) => row.id,
      );
      const ofA = await idsOf(api, table, a.municipalityId);
      expect(listed.filter((id: number) => ofA.includes(id))).toEqual([]);
      expect(listed.length).toBeGreaterThan(0);
    }
    const tokens = await asAdminOfB(http().get('/api/v1/service-tokens')).expect(200);
    expect(tokens.body).toEqual([]);
    const audit = await asAdminOfB(http().get('/api/v1/audit?limit=500')).expect(200);
    const [{ n }] = await api.dataSource.query(
      'SELECT COUNT(*) AS n FROM audit_log WHERE municipality_id = ?',
      [b.municipalityId],
    );
    expect(audit.body.entries.length).toBe(Math.min(Number(n), 500));
    expect(audit.body.entries.every((entry: { id: number }) => entry.id > 0)).toBe(true);
    const auditRowsOfA = await api.dataSource.query(
      'SELECT id FROM audit_log WHERE municipality_id = ?',
      [a.municipalityId],
    );
    const idsOfA = new Set(auditRowsOfA.map((row: { id: number }) => Number(row.id)));
    expect(audit.body.entries.filter((entry: { id: number }) => idsOfA.has(entry.id))).toEqual([]);
    const settings = await asAdminOfB(http().get('/api/v1/municipality')).expect(200);
    expect(settings.body.slug).toBe('kalix-tvilling');
  });

  it('answers 404 for every object of the other municipality, read or write, and changes nothing of it', async () => {
    const [organ] = await idsOf(api, 'organs', a.municipalityId);
    const [person] = await idsOf(api, 'people', a.municipalityId);
    const [membership] = await idsOf(api, 'memberships', a.municipalityId);
    const user = a.userIds.ledamot;
    // A's routed cases, a tjänsteskrivelse and the motion of the demo.
    const [routed] = await api.dataSource.query(
      'SELECT case_id AS id FROM route_instances WHERE municipality_id = ? ORDER BY id LIMIT 1',
      [a.municipalityId],
    );
    const [tjansteskrivelse] = await idsOf(api, 'tjansteskrivelser', a.municipalityId);
    const [motion] = await api.dataSource.query(
      'SELECT case_id AS id FROM motions WHERE municipality_id = ?',
      [a.municipalityId],
    );
    const [meeting] = await idsOf(api, 'meetings', a.municipalityId);
    const [item] = await idsOf(api, 'agenda_items', a.municipalityId);
    // A's follow-ups: a proposed obligation and a board's draft report.
    const proposed = await insertProposedObligation(api, a.municipalityId);
    const report = await insertDraftReport(api, a.municipalityId);
    const message = await insertInboxMessage(api, a.municipalityId, a.userIds.sekreterare);
    const before = await stateOfA();
    const calls: Array<[string, string, object | undefined]> = [
      ['POST', `/api/v1/obligations/${proposed}/confirm`, { firstDue: '2031-02-28' }],
      ['POST', `/api/v1/obligations/${proposed}/dismiss`, { reason: 'Kapad' }],
      ['GET', `/api/v1/followup-reports/${report}`, undefined],
      ['PUT', `/api/v1/followup-reports/${report}`, { version: 1, goals: [] }],
      ['POST', `/api/v1/me/inbox/${message}/read`, {}],
      ['GET', `/api/v1/organs/${organ}`, undefined],
      ['GET', `/api/v1/organs/${organ}/memberships`, undefined],
      ['PATCH', `/api/v1/organs/${organ}`, { name: 'Kapad nämnd' }],
      ['GET', `/api/v1/people/${person}`, undefined],
      ['PATCH', `/api/v1/people/${person}`, { name: 'Kapad Person' }],
      ['PATCH', `/api/v1/memberships/${membership}`, { party: 'X' }],
      ['GET', `/api/v1/users/${user}`, undefined],
      ['PATCH', `/api/v1/users/${user}`, { displayName: 'Kapad', active: false }],
      ['PUT', `/api/v1/users/${user}/roles`, { roles: [{ role: 'admin' }] }],
      ['POST', `/api/v1/users/${user}/password`, { password: 'ett helt nytt lösenord' }],
      ['DELETE', `/api/v1/service-tokens/${serviceTokenOfA}`, undefined],
      [
        'POST',
        '/api/v1/memberships',
        { organId: organ, personId: person, role: 'ledamot', validFrom: '2024-01-01' },
      ],
      ['POST', '/api/v1/organs', { code: 'NY', name: 'Ny nämnd', kind: 'nämnd', parentId: organ }],
      ['POST', '/api/v1/users', { username: 'ny.anvandare', displayName: 'Ny', personId: person }],
      ['GET', `/api/v1/cases/${routed.id}/timeline`, undefined],
      ['GET', `/api/v1/cases/${routed.id}/tjansteskrivelser`, undefined],
      ['GET', `/api/v1/organs/${organ}/ready-cases`, undefined],
      ['POST', `/api/v1/cases/${routed.id}/route`, { template: 'ks-direkt' }],
      ['POST', `/api/v1/cases/${routed.id}/outcomes`, { kind: 'bordlaggning' }],
      ['POST', `/api/v1/cases/${routed.id}/tjansteskrivelser`, { authorTitle: 'Kapare' }],
      ['PATCH', `/api/v1/tjansteskrivelser/${tjansteskrivelse}`, { summary: 'Kapad' }],
      ['POST', `/api/v1/tjansteskrivelser/${tjansteskrivelse}/submit`, {}],
      [
        'POST',
        `/api/v1/motions/${motion.id}/remittance`,
        { decidedOn: '2023-10-16', paragraph: 1 },
      ],
      ['GET', `/api/v1/meetings/${meeting}`, undefined],
      ['GET', `/api/v1/meetings/${meeting}/kallelse`, undefined],
      [
        'POST',
        `/api/v1/meetings/${meeting}/items`,
        { kind: 'information', title: 'X', version: 1 },
      ],
      ['PATCH', `/api/v1/meetings/${meeting}/items/${item}`, { title: 'Kapad', version: 1 }],
      ['DELETE', `/api/v1/meetings/${meeting}/items/${item}?version=1`, undefined],
      ['PUT', `/api/v1/meetings/${meeting}/order`, { itemIds: [item], version: 1 }],
      ['POST', `/api/v1/meetings/${meeting}/cancel`, { reason: 'Kapad', version: 1 }],
      ['POST', `/api/v1/meetings/${meeting}/kallelse`, { version: 1 }],
      ['POST', '/api/v1/meetings', { organId: organ, startsAt: '2030-01-01T09:00', place: 'X' }],
      [
        'POST',
        '/api/v1/notices',
        { organId: organ, sender: 'X', receivedOn: '2023-01-01', text: 'Y' },
      ],
      ['PUT', `/api/v1/organs/${organ}/delegation-order`, { points: [] }],
      ['POST', '/api/v1/delegation-decisions', { organId: organ, delegate: 'X', summary: 'Y' }],
    ];
    const wrong: string[] = [];
    for (const [method, path, body] of calls) {
      const call = asAdminOfB(http()[method.toLowerCase() as 'get'](path));
      const response = body ? await call.send(body) : await call;
      if (response.status !== 404) wrong.push(`${method} ${path}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
    expect(await stateOfA()).toEqual(before);
  });

  it('refuses to give a role for an organ of the other municipality', async () => {
    const [organOfA] = await idsOf(api, 'organs', a.municipalityId);
    const response = await asAdminOfB(http().put(`/api/v1/users/${b.userIds.ledamot}/roles`))
      .send({ roles: [{ role: 'sekreterare', organId: organOfA }] })
      .expect(422);
    expect(response.body.errors).toEqual([
      { field: 'roles.0.organId', message: `no organ ${organOfA} in this municipality` },
    ]);
  });

  it('logs a user name into its own municipality only', async () => {
    const wrongPlace = await http()
      .post('/api/v1/auth/login')
      .send({ municipality: 'no-such-place', username: 'admin', password: 'demo' })
      .expect(401);
    expect(wrongPlace.body.code).toBe('unauthorized');
  });
});
