import { FixedClock } from '@nf/common';
import { SecurityEvents } from '@nf/audit';
import request from 'supertest';
import { ApiHarness, startApi } from '../support/api-harness';
import { idsOf, login, seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { testConfig } from '../support/test-config';

describe('Identity', () => {
  const clock = new FixedClock('2024-03-05T09:00:00Z');
  const config = testConfig({
    APP_DEMO: 'true',
    AUTH_MAX_FAILED_LOGINS: '3',
    AUTH_LOCKOUT_S: '600',
  });
  let api: ApiHarness;
  let kalix: Tenant;
  const http = () => request(api.app.getHttpServer());
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const loginAs = (username: string, password: string) =>
    http().post('/api/v1/auth/login').send({ municipality: 'kalix', username, password });

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config, { clock });
    kalix = await seedTenant(api, 'kalix');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers login with a bearer token that identifies the user, the roles and the organ seats', async () => {
    const me = await http().get('/api/v1/auth/me').set(bearer(kalix.tokens.ordforande)).expect(200);
    const [, ks, ksapu] = await idsOf(api, 'organs', kalix.municipalityId);
    expect(me.body.user).toMatchObject({
      username: 'ordforande',
      displayName: 'Susanne Andersson',
    });
    expect(me.body.grants).toEqual(
      expect.arrayContaining([
        { role: 'ordforande', organId: ks },
        { role: 'ledamot', organId: ks },
        { role: 'ordforande', organId: ksapu },
      ]),
    );
  });

  it('stops deriving organ roles when the seat has ended', async () => {
    const [, ks] = await idsOf(api, 'organs', kalix.municipalityId);
    clock.set('2031-01-15T09:00:00Z'); // after the seats' periods (to 2030-12-31); tokens still valid
    try {
      const { accessToken } = await login(api, 'kalix', 'ledamot');
      const me = await http().get('/api/v1/auth/me').set(bearer(accessToken)).expect(200);
      expect(me.body.grants.filter((grant: { organId: number }) => grant.organId === ks)).toEqual(
        [],
      );
    } finally {
      clock.set('2024-03-05T09:00:00Z');
    }
  });

  it('locks an account after repeated failures, audits them (repeats from one address as one summary), and lets it in again after the lock-out', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      await loginAs('justerare', 'fel lösenord').expect(401);
    }
    const locked = await loginAs('justerare', 'demo').expect(429);
    expect(locked.body).toMatchObject({ code: 'account-locked', retryAfterSeconds: 600 });
    await api.app.get(SecurityEvents).flush(true);
    const events = (await api.dataSource.query(
      `SELECT action, after_state AS afterState FROM audit_log
        WHERE kind = 'security' AND entity_type = 'user' AND entity_id = ? ORDER BY id`,
      [String(kalix.userIds.justerare)],
    )) as Array<{ action: string; afterState: string | Record<string, unknown> }>;
    const after = events.map((event) =>
      typeof event.afterState === 'string' ? JSON.parse(event.afterState) : event.afterState,
    );
    expect(events.map((event) => event.action)).toEqual([
      'auth.login-failed',
      'auth.account-locked',
      'auth.login-refused-locked',
    ]);
    expect(after[0]).toMatchObject({ username: 'justerare', source: 'ip:127.0.0.1' });
    const [summary] = (await api.dataSource.query(
      `SELECT after_state AS afterState FROM audit_log
        WHERE action = 'security.repeated' AND entity_id = 'ip:127.0.0.1' ORDER BY id DESC LIMIT 1`,
    )) as Array<{ afterState: string | Record<string, unknown> }>;
    expect(
      typeof summary.afterState === 'string' ? JSON.parse(summary.afterState) : summary.afterState,
    ).toMatchObject({
      repeated: { 'auth.login-failed': 1 },
      samples: expect.arrayContaining(['kalix/justerare']),
    });
    const start = clock.now();
    try {
      clock.advance(601_000);
      await loginAs('justerare', 'demo').expect(200);
    } finally {
      clock.set(start);
    }
  });

  it('lets no more parallel wrong passwords be tried than the limit: the rest are refused as locked', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => loginAs('handlaggare', 'fel lösenord')),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(
      config.auth.maxFailedLogins,
    );
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(
      12 - config.auth.maxFailedLogins,
    );
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    const start = clock.now();
    try {
      clock.advance(601_000);
      await loginAs('handlaggare', 'demo').expect(200);
    } finally {
      clock.set(start);
    }
  });

  it('locks a name that is no account as it locks a real one, so that a lock-out tells nothing', async () => {
    const answersFor = async (username: string) => {
      const answers = [];
      for (let attempt = 0; attempt <= config.auth.maxFailedLogins; attempt++) {
        const answer = await loginAs(username, 'fel lösenord');
        answers.push([answer.status, answer.body.code, answer.body.retryAfterSeconds ?? null]);
      }
      return answers;
    };
    const unknown = await answersFor('finns.inte');
    const real = await answersFor('registrator');
    expect(unknown).toEqual(real);
    expect(unknown.at(-1)).toEqual([429, 'account-locked', 600]);
    const start = clock.now();
    try {
      clock.advance(601_000);
      await loginAs('registrator', 'demo').expect(200);
      await loginAs('finns.inte', 'fel lösenord').expect(401);
    } finally {
      clock.set(start);
    }
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const unknown = await loginAs('ingen.alls', 'demo').expect(401);
    const wrong = await loginAs('registrator', 'fel').expect(401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('rotates refresh tokens and revokes the whole login when a spent one comes back', async () => {
    const first = await login(api, 'kalix', 'handlaggare');
    const second = (
      await http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.refreshToken })
        .expect(200)
    ).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await http().get('/api/v1/auth/me').set(bearer(second.accessToken)).expect(200);

    await http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(401);
    await http().get('/api/v1/auth/me').set(bearer(second.accessToken)).expect(401);
    await http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: second.refreshToken })
      .expect(401);
  });

  it('expires access tokens after their lifetime', async () => {
    const { accessToken } = await login(api, 'kalix', 'registrator');
    const start = clock.now();
    try {
      clock.advance(3_599_000);
      await http().get('/api/v1/auth/me').set(bearer(accessToken)).expect(200);
      clock.advance(2_000);
      await http().get('/api/v1/auth/me').set(bearer(accessToken)).expect(401);
    } finally {
      clock.set(start);
    }
  });

  it('ends a login at logout', async () => {
    const { accessToken, refreshToken } = await login(api, 'kalix', 'sekreterare');
    await http().post('/api/v1/auth/logout').set(bearer(accessToken)).expect(204);
    await http().get('/api/v1/auth/me').set(bearer(accessToken)).expect(401);
    await http().post('/api/v1/auth/refresh').send({ refreshToken }).expect(401);
  });

  it('revokes a user’s tokens when an admin deactivates the user', async () => {
    const created = await http()
      .post('/api/v1/users')
      .set(bearer(kalix.tokens.admin))
      .send({
        username: 'tillfallig',
        displayName: 'Tillfällig',
        password: 'ett långt lösenord 99',
      })
      .expect(201);
    const { accessToken } = await login(api, 'kalix', 'tillfallig', 'ett långt lösenord 99');
    await http()
      .patch(`/api/v1/users/${created.body.id}`)
      .set(bearer(kalix.tokens.admin))
      .send({ active: false, version: created.body.version })
      .expect(200);
    await http().get('/api/v1/auth/me').set(bearer(accessToken)).expect(401);
    await loginAs('tillfallig', 'ett långt lösenord 99').expect(401);
  });

  it('refuses a stale edit of a user with 409', async () => {
    const { body: user } = await http()
      .get(`/api/v1/users/${kalix.userIds.ledamot}`)
      .set(bearer(kalix.tokens.admin))
      .expect(200);
    await http()
      .patch(`/api/v1/users/${user.id}`)
      .set(bearer(kalix.tokens.admin))
      .send({ email: 'forsta@kalix.se', version: user.version })
      .expect(200);
    const stale = await http()
      .patch(`/api/v1/users/${user.id}`)
      .set(bearer(kalix.tokens.admin))
      .send({ email: 'andra@kalix.se', version: user.version })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'stale-version', currentVersion: user.version + 1 });
  });

  it('refuses weak and default passwords when they are set', async () => {
    for (const password of ['demo', 'kort', 'password']) {
      const response = await http()
        .post('/api/v1/users')
        .set(bearer(kalix.tokens.admin))
        .send({ username: 'svag', displayName: 'Svag', password })
        .expect(422);
      expect(response.body.errors[0].field).toBe('password');
    }
  });

  it('lets a service token act with exactly its roles until it is revoked', async () => {
    const created = await http()
      .post('/api/v1/service-tokens')
      .set(bearer(kalix.tokens.admin))
      .send({ name: 'E-arkiv', roles: [{ role: 'registrator' }] })
      .expect(201);
    expect(created.body.token).toMatch(/^nfs_/);
    const service = bearer(created.body.token);
    await http().get('/api/v1/audit?limit=1').set(service).expect(200);
    await http().get('/api/v1/users').set(service).expect(403);
    const listed = await http()
      .get('/api/v1/service-tokens')
      .set(bearer(kalix.tokens.admin))
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    await http()
      .delete(`/api/v1/service-tokens/${created.body.id}`)
      .set(bearer(kalix.tokens.admin))
      .expect(204);
    await http().get('/api/v1/audit?limit=1').set(service).expect(401);
  });

  it('lets the secretary of an organ manage its seats and no other organ’s', async () => {
    const [kf, ks] = await idsOf(api, 'organs', kalix.municipalityId);
    const person = await http()
      .post('/api/v1/people')
      .set(bearer(kalix.tokens.admin))
      .send({ name: 'Per Persson' })
      .expect(201);
    const seat = { personId: person.body.id, role: 'ersattare', validFrom: '2024-01-01' };
    await http()
      .post('/api/v1/memberships')
      .set(bearer(kalix.tokens.sekreterare))
      .send({ ...seat, organId: ks })
      .expect(201);
    await http()
      .post('/api/v1/memberships')
      .set(bearer(kalix.tokens.sekreterare))
      .send({ ...seat, organId: kf })
      .expect(403);
    const seats = await http()
      .get(`/api/v1/organs/${kf}/memberships`)
      .set(bearer(kalix.tokens.ledamot))
      .expect(200);
    expect(seats.body.filter((s: { personId: number }) => s.personId === person.body.id)).toEqual(
      [],
    );
  });
});

describe('Identity outside demo mode', () => {
  const config = testConfig({ APP_DEMO: 'false' });
  let api: ApiHarness;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config);
    // The demo data exists (loaded by `npm run demo`), but the api does not run in demo mode.
    await api.app.get((await import('@nf/demo')).DemoSeeder).seed('kalix');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses a default password at login and says why', async () => {
    const response = await request(api.app.getHttpServer())
      .post('/api/v1/auth/login')
      .send({ municipality: 'kalix', username: 'admin', password: 'demo' })
      .expect(403);
    expect(response.body.detail).toMatch(/default password/);
    const [event] = await api.dataSource.query(
      `SELECT action FROM audit_log WHERE kind = 'security' ORDER BY id DESC LIMIT 1`,
    );
    expect(event.action).toBe('auth.login-refused-default-password');
  });
});
