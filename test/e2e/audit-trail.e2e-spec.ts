import { AddMembership } from '@nf/tenancy';
import request from 'supertest';
import { AccessDeclarations } from '../../apps/api/src/http/access-declarations';
import { ApiHarness, startApi } from '../support/api-harness';
import {
  insertBudgetDeadline,
  insertDraftReport,
  insertInboxMessage,
  insertProposedObligation,
} from '../support/followup-rows';
import { idsOf, login, seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { TEST_OPERATOR_TOKEN, testConfig } from '../support/test-config';

interface Call {
  method: 'post' | 'patch' | 'put' | 'delete';
  path: string;
  body?: object;
  /** A file upload: the bytes and their content type instead of a JSON body. */
  raw?: { type: string; data: string };
  /** `operator`, a demo user name, or a raw bearer token; none: anonymous. */
  as?: string;
}

interface Scenario {
  endpoint: string;
  /** Builds the successful call, creating whatever it needs first. */
  success: () => Promise<
    Call & {
      status: number;
      action: string;
      actor: { type: string; id: () => string };
      /** Audit entries the call writes (default 1); `action` is the last of them. */
      entries?: number;
    }
  >;
  /** The same change by someone who may not make it. */
  refused: () => Promise<Call & { status: number; changes?: string[] }>;
}

describe('Audit trail of every mutating endpoint', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let kalix: Tenant;
  let ks: number;
  let kf: number;
  const http = () => request(api.app.getHttpServer());

  const send = async (call: Call) => {
    let test = http()[call.method](call.path);
    if (call.as) {
      const token =
        call.as === 'operator' ? TEST_OPERATOR_TOKEN : (kalix.tokens[call.as] ?? call.as);
      test = test.set('Authorization', `Bearer ${token}`);
    }
    if (call.raw) return test.set('Content-Type', call.raw.type).send(Buffer.from(call.raw.data));
    return call.body === undefined ? test : test.send(call.body);
  };

  const newest = async () =>
    (
      await api.dataSource.query(
        `SELECT * FROM audit_log WHERE kind = 'change' ORDER BY id DESC LIMIT 1`,
      )
    )[0];

  let counter = 0;
  const unique = (prefix: string) => `${prefix}${++counter}`;

  const createOrgan = async () =>
    (
      await send({
        method: 'post',
        path: '/api/v1/organs',
        as: 'admin',
        body: { code: unique('N'), name: 'Nämnd', kind: 'nämnd' },
      })
    ).body.id as number;
  const createPerson = async () =>
    (
      await send({
        method: 'post',
        path: '/api/v1/people',
        as: 'admin',
        body: { name: unique('Person ') },
      })
    ).body.id as number;
  const createUser = async () =>
    (
      await send({
        method: 'post',
        path: '/api/v1/users',
        as: 'admin',
        body: {
          username: unique('user'),
          displayName: 'Ny Användare',
          password: 'ett långt lösenord 42',
        },
      })
    ).body.id as number;
  const createMembership = async () =>
    (
      await send({
        method: 'post',
        path: '/api/v1/memberships',
        as: 'admin',
        body: {
          organId: ks,
          personId: await createPerson(),
          role: 'ersattare',
          validFrom: '2023-01-01',
        },
      })
    ).body.id as number;
  const createServiceToken = async () =>
    (
      await send({
        method: 'post',
        path: '/api/v1/service-tokens',
        as: 'admin',
        body: { name: 'Webb', roles: [] },
      })
    ).body.id as number;

  const createWebhook = async () =>
    (
      await send({
        method: 'post',
        path: '/api/v1/webhooks',
        as: 'admin',
        body: {
          url: 'https://webb.kalix.example/hook',
          events: ['case.changed'],
          contactEmail: 'webb@kalix.example',
        },
      })
    ).body.id as number;
  /** A resident's follow of a new case (pending until confirmed), with its link's token. */
  const follow = async (status: 'pending' | 'confirmed') => {
    const token = unique('t')
      .replace(/[^A-Za-z0-9]/g, '')
      .padEnd(32, 'x')
      .slice(0, 32);
    await api.dataSource.query(
      `INSERT INTO case_follows (municipality_id, case_id, email, token, status, created_at)
       VALUES (?, ?, ?, ?, ?, NOW(3))`,
      [kalix.municipalityId, await createCase(), `${token}@example.se`, token, status],
    );
    return token;
  };
  const anonymous = { type: 'anonymous', id: () => null as unknown as string };
  /** A failed delivery of a new subscription, as the feed records one. */
  const failedDelivery = async () => {
    const webhook = await createWebhook();
    const result = (await api.dataSource.query(
      `INSERT INTO webhook_deliveries (municipality_id, subscription_id, audit_id, event_id,
         event_type, object_id, payload, status, attempts, created_at)
       VALUES (?, ?, 1, UUID(), 'case.changed', 1, '{}', 'failed', 6, NOW(3))`,
      [kalix.municipalityId, webhook],
    )) as { insertId: number };
    return { webhook, delivery: Number(result.insertId) };
  };

  const userActor = (name: string) => ({ type: 'user', id: () => String(kalix.userIds[name]) });

  const proposedObligation = () =>
    insertProposedObligation(api, kalix.municipalityId, unique('Uppföljning '));
  const draftReport = () => insertDraftReport(api, kalix.municipalityId);
  const reportWithCase = async () =>
    insertDraftReport(
      api,
      kalix.municipalityId,
      Number(
        (
          await api.dataSource.query('SELECT MIN(id) AS id FROM cases WHERE municipality_id = ?', [
            kalix.municipalityId,
          ])
        )[0].id,
      ),
    );
  const budgetDeadline = () =>
    insertBudgetDeadline(api, kalix.municipalityId, ks, 2040 + ++counter);

  const createPlan = async (firstYear = 2030 + ++counter) =>
    (
      await send({
        method: 'post',
        path: '/api/v1/plans',
        as: 'sekreterare',
        body: { organId: ks, firstYear, lastYear: firstYear },
      })
    ).body as { id: number; version: number };
  const adoptedPlan = async () => {
    const plan = await createPlan();
    await api.dataSource.query("UPDATE plans SET status = 'adopted' WHERE id = ?", [plan.id]);
    return plan.id;
  };
  const createIndicator = async () =>
    (
      await send({
        method: 'post',
        path: `/api/v1/organs/${ks}/indicators`,
        as: 'sekreterare',
        body: {
          kpiId: unique('N9'),
          name: 'Mätetal',
          unit: '%',
          source: 'Kolada',
          direction: 'increase',
        },
      })
    ).body as { id: number; kpiId: string };
  const koladaCsv = async () => {
    await api.dataSource.query("UPDATE municipalities SET kommunkod = '2514' WHERE id = ?", [
      kalix.municipalityId,
    ]);
    const { kpiId } = await createIndicator();
    return `kpi,municipality,period,gender,value\n${kpiId},2514,2024,T,41.5\n`;
  };
  const annualSettingsVersion = async () =>
    Number(
      (
        await api.dataSource.query(
          'SELECT COALESCE(MAX(version), 0) AS version FROM annual_followup_settings WHERE municipality_id = ?',
          [kalix.municipalityId],
        )
      )[0].version,
    );

  const createCase = async (body: object = {}) =>
    (
      await send({
        method: 'post',
        path: '/api/v1/cases',
        as: 'registrator',
        body: { title: unique('Ärende '), ...body },
      })
    ).body.id as number;
  const createDocument = async (caseId: number) =>
    (
      await send({
        method: 'post',
        path: `/api/v1/cases/${caseId}/documents`,
        as: 'registrator',
        body: {
          direction: 'inkommande',
          date: '2024-03-01',
          description: 'Skrivelse',
          type: 'skrivelse',
        },
      })
    ).body.id as number;
  /** The version of the dokumenthanteringsplan in force (0 before the first). */
  const planVersion = async () => {
    const plan = await send({
      method: 'get' as 'post',
      path: '/api/v1/retention-plan',
      as: 'registrator',
    });
    return plan.status === 200 ? (plan.body.version as number) : 0;
  };
  /** A plan whose code 00 may go the day a case closes, and such a case closed: something due. */
  const dueDocument = async () => {
    await send({
      method: 'post',
      path: '/api/v1/retention-plan',
      as: 'registrator',
      body: {
        basedOn: await planVersion(),
        decision: 'KS 2024-03-01 § 1',
        rules: [
          {
            classificationCode: '00',
            description: 'Allmänt, tillfälligt',
            action: 'gallras',
            afterMonths: 0,
            legalBasis: 'Gallringsbeslut',
          },
        ],
      },
    });
    const caseId = await createCase({ classificationCode: '00' });
    await createDocument(caseId);
    await send({
      method: 'post',
      path: `/api/v1/cases/${caseId}/close`,
      as: 'registrator',
      body: {},
    });
  };
  const proposedList = async () => {
    await dueDocument();
    return (
      await send({ method: 'post', path: '/api/v1/gallring-lists', as: 'registrator', body: {} })
    ).body.list.id as number;
  };
  const closedCase = async () => {
    const caseId = await createCase();
    await send({
      method: 'post',
      path: `/api/v1/cases/${caseId}/close`,
      as: 'registrator',
      body: {},
    });
    return caseId;
  };
  /** An open request for a new document, and its one item. */
  const documentRequest = async () => {
    const documentId = await createDocument(await createCase());
    const body = (
      await send({
        method: 'post',
        path: '/api/v1/document-requests',
        as: 'registrator',
        body: { requester: 'Anna Sökande', description: 'Skrivelsen', documentIds: [documentId] },
      })
    ).body as { id: number; items: Array<{ id: number }> };
    return { id: body.id, itemId: body.items[0].id };
  };
  const hold = async () =>
    (
      await send({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/holds`,
        as: 'registrator',
        body: { reason: 'litigation', note: 'Tvist' },
      })
    ).body.id as number;
  const routedCase = async (template: string) => {
    const caseId = await createCase({ responsibleUserId: kalix.userIds.handlaggare });
    await send({
      method: 'post',
      path: `/api/v1/cases/${caseId}/route`,
      as: 'registrator',
      body: { template },
    });
    return caseId;
  };
  const createDraft = async () =>
    (
      await send({
        method: 'post',
        path: `/api/v1/cases/${await createCase({ responsibleUserId: kalix.userIds.handlaggare })}/tjansteskrivelser`,
        as: 'handlaggare',
        body: {
          authorTitle: 'Ekonomichef',
          proposalClauses: ['godkänna redovisningen'],
          addressedOrganId: ks,
        },
      })
    ).body.id as number;
  const createMotion = async () =>
    (
      await send({
        method: 'post',
        path: '/api/v1/motions',
        as: 'registrator',
        body: {
          title: unique('Motion '),
          submittedOn: '2023-10-16',
          authors: [{ name: 'Carl Otto Gählman', party: 'FIK' }],
        },
      })
    ).body.caseId as number;
  let meetingCounter = 0;
  const createMeeting = async (as = 'sekreterare', organ = () => ks) => {
    meetingCounter++;
    const response = await send({
      method: 'post',
      path: '/api/v1/meetings',
      as,
      body: {
        organId: organ(),
        // A day of its own for each meeting, from 1 January 2030 on.
        startsAt: `${new Date(Date.UTC(2030, 0, meetingCounter)).toISOString().slice(0, 10)}T09:00`,
        place: 'Sessionssalen',
      },
    });
    return response.body as { id: number; version: number; items: Array<{ id: number }> };
  };
  const createProtocol = async () => {
    const meeting = await createMeeting();
    await send({
      method: 'post',
      path: `/api/v1/meetings/${meeting.id}/kallelse`,
      as: 'sekreterare',
      body: { version: meeting.version },
    });
    return (
      await send({
        method: 'post',
        path: `/api/v1/meetings/${meeting.id}/protocol`,
        as: 'sekreterare',
        body: { chairUserId: kalix.userIds.ordforande, adjusterUserIds: [kalix.userIds.justerare] },
      })
    ).body as {
      id: number;
      version: number;
      contentHash: string | null;
      paragraphs: Array<{ id: number }>;
    };
  };
  const lockedProtocol = async () => {
    const protocol = await createProtocol();
    return (
      await send({
        method: 'post',
        path: `/api/v1/protocols/${protocol.id}/lock`,
        as: 'sekreterare',
        body: { version: protocol.version },
      })
    ).body as { id: number; contentHash: string };
  };
  const immediateParagraph = async () => {
    const protocol = await createProtocol();
    const requested = await send({
      method: 'post',
      path: `/api/v1/protocols/${protocol.id}/paragraphs/${protocol.paragraphs[0].id}/immediate-justering`,
      as: 'sekreterare',
      body: { version: protocol.version },
    });
    return {
      protocol: protocol.id,
      paragraph: (requested.body as { paragraphs: Array<{ id: number; immediateHash: string }> })
        .paragraphs[0],
    };
  };
  const createSeries = async () =>
    (
      await send({
        method: 'post',
        path: '/api/v1/dnr-series',
        as: 'admin',
        body: { code: unique('S'), name: 'Serie', format: '{year}/{serial}' },
      })
    ).body.id as number;

  const scenarios: Scenario[] = [
    {
      endpoint: 'POST /api/v1/municipalities',
      success: async () => ({
        method: 'post',
        path: '/api/v1/municipalities',
        as: 'operator',
        body: { slug: unique('ort-'), name: 'Ort kommun' },
        status: 201,
        action: 'municipality.created',
        actor: { type: 'operator', id: () => 'operator' },
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/municipalities',
        as: 'admin',
        body: { slug: 'ort-x', name: 'Ort kommun' },
        status: 401,
      }),
    },
    {
      endpoint: 'PATCH /api/v1/municipality',
      success: async () => ({
        method: 'patch',
        path: '/api/v1/municipality',
        as: 'admin',
        body: { dnrFormat: 'KS {year}/{serial}' },
        status: 200,
        action: 'municipality.settings-updated',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'patch',
        path: '/api/v1/municipality',
        as: 'sekreterare',
        body: { dnrFormat: 'X {serial}' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/organs',
      success: async () => ({
        method: 'post',
        path: '/api/v1/organs',
        as: 'admin',
        body: { code: 'SN', name: 'Socialnämnden', kind: 'nämnd' },
        status: 201,
        action: 'organ.created',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/organs',
        as: 'sekreterare',
        body: { code: 'BN', name: 'Byggnämnden', kind: 'nämnd' },
        status: 403,
      }),
    },
    {
      endpoint: 'PATCH /api/v1/organs/:id',
      success: async () => ({
        method: 'patch',
        path: `/api/v1/organs/${await createOrgan()}`,
        as: 'admin',
        body: { name: 'Omdöpt nämnd', adjustersCount: 2 },
        status: 200,
        action: 'organ.updated',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'patch',
        path: `/api/v1/organs/${ks}`,
        as: 'ordforande',
        body: { name: 'Styrelsen' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/people',
      success: async () => ({
        method: 'post',
        path: '/api/v1/people',
        as: 'registrator',
        body: { name: 'Karin Berg', party: 'V' },
        status: 201,
        action: 'person.created',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/people',
        as: 'ledamot',
        body: { name: 'Karin Berg' },
        status: 403,
      }),
    },
    {
      endpoint: 'PATCH /api/v1/people/:id',
      success: async () => ({
        method: 'patch',
        path: `/api/v1/people/${await createPerson()}`,
        as: 'admin',
        body: { title: 'Ledamot' },
        status: 200,
        action: 'person.updated',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'patch',
        path: `/api/v1/people/${await createPerson()}`,
        as: 'handlaggare',
        body: { title: 'Ledamot' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/memberships',
      success: async () => ({
        method: 'post',
        path: '/api/v1/memberships',
        as: 'sekreterare',
        body: {
          organId: ks,
          personId: await createPerson(),
          role: 'ersattare',
          validFrom: '2023-01-01',
          validTo: '2026-12-31',
        },
        status: 201,
        action: 'membership.added',
        actor: userActor('sekreterare'),
      }),
      // The KS secretary may not seat anyone on KF.
      refused: async () => ({
        method: 'post',
        path: '/api/v1/memberships',
        as: 'sekreterare',
        body: {
          organId: kf,
          personId: await createPerson(),
          role: 'ledamot',
          validFrom: '2023-01-01',
        },
        status: 403,
      }),
    },
    {
      endpoint: 'PATCH /api/v1/memberships/:id',
      success: async () => ({
        method: 'patch',
        path: `/api/v1/memberships/${await createMembership()}`,
        as: 'sekreterare',
        body: { validTo: '2024-12-31' },
        status: 200,
        action: 'membership.updated',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'patch',
        path: `/api/v1/memberships/${await createMembership()}`,
        as: 'ledamot',
        body: { validTo: '2024-12-31' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/auth/login',
      success: async () => ({
        method: 'post',
        path: '/api/v1/auth/login',
        body: { municipality: 'kalix', username: 'ledamot', password: 'demo' },
        status: 200,
        action: 'auth.login',
        actor: userActor('ledamot'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/auth/login',
        body: { municipality: 'kalix', username: 'ordforande', password: 'fel' },
        status: 401,
        // The failed-login counter is the one write a refused login makes (for the lock-out).
        changes: ['users'],
      }),
    },
    {
      endpoint: 'POST /api/v1/auth/refresh',
      success: async () => ({
        method: 'post',
        path: '/api/v1/auth/refresh',
        body: { refreshToken: (await login(api, 'kalix', 'justerare')).refreshToken },
        status: 200,
        action: 'auth.refreshed',
        actor: userActor('justerare'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/auth/refresh',
        body: { refreshToken: 'nfr_not-a-real-refresh-token' },
        status: 401,
      }),
    },
    {
      endpoint: 'POST /api/v1/auth/logout',
      success: async () => ({
        method: 'post',
        path: '/api/v1/auth/logout',
        as: (await login(api, 'kalix', 'ordforande')).accessToken,
        status: 204,
        action: 'auth.logout',
        actor: userActor('ordforande'),
      }),
      refused: async () => ({ method: 'post', path: '/api/v1/auth/logout', status: 401 }),
    },
    {
      endpoint: 'POST /api/v1/auth/password',
      success: async () => {
        const id = await createUser();
        const [{ username }] = await api.dataSource.query(
          'SELECT username FROM users WHERE id = ?',
          [id],
        );
        const token = (await login(api, 'kalix', username, 'ett långt lösenord 42')).accessToken;
        return {
          method: 'post',
          path: '/api/v1/auth/password',
          as: token,
          body: {
            currentPassword: 'ett långt lösenord 42',
            newPassword: 'ett annat långt lösenord 43',
          },
          status: 204,
          action: 'user.password-changed',
          actor: { type: 'user', id: () => String(id) },
        };
      },
      refused: async () => ({
        method: 'post',
        path: '/api/v1/auth/password',
        body: { currentPassword: 'demo', newPassword: 'ett annat långt lösenord 43' },
        status: 401,
      }),
    },
    {
      endpoint: 'POST /api/v1/users',
      success: async () => ({
        method: 'post',
        path: '/api/v1/users',
        as: 'admin',
        body: {
          username: 'karin.berg',
          displayName: 'Karin Berg',
          password: 'korrekt häst batteri',
          roles: [{ role: 'sekreterare', organId: ks }],
        },
        status: 201,
        action: 'user.created',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/users',
        as: 'registrator',
        body: { username: 'nils.nilsson', displayName: 'Nils' },
        status: 403,
      }),
    },
    {
      endpoint: 'PATCH /api/v1/users/:id',
      success: async () => ({
        method: 'patch',
        path: `/api/v1/users/${await createUser()}`,
        as: 'admin',
        body: { email: 'ny@kalix.se' },
        status: 200,
        action: 'user.updated',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'patch',
        path: `/api/v1/users/${kalix.userIds.ledamot}`,
        as: 'ledamot',
        body: { displayName: 'Jag själv' },
        status: 403,
      }),
    },
    {
      endpoint: 'PUT /api/v1/users/:id/roles',
      success: async () => ({
        method: 'put',
        path: `/api/v1/users/${await createUser()}/roles`,
        as: 'admin',
        body: { roles: [{ role: 'registrator' }] },
        status: 200,
        action: 'user.roles-set',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'put',
        path: `/api/v1/users/${kalix.userIds.sekreterare}/roles`,
        as: 'sekreterare',
        body: { roles: [{ role: 'admin' }] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/users/:id/password',
      success: async () => ({
        method: 'post',
        path: `/api/v1/users/${await createUser()}/password`,
        as: 'admin',
        body: { password: 'ett helt nytt lösenord' },
        status: 204,
        action: 'user.password-set',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/users/${kalix.userIds.admin}/password`,
        as: 'justerare',
        body: { password: 'ett helt nytt lösenord' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/service-tokens',
      success: async () => ({
        method: 'post',
        path: '/api/v1/service-tokens',
        as: 'admin',
        body: { name: 'E-arkiv', roles: [{ role: 'registrator' }] },
        status: 201,
        action: 'service-token.created',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/service-tokens',
        as: 'registrator',
        body: { name: 'E-arkiv', roles: [] },
        status: 403,
      }),
    },
    {
      endpoint: 'DELETE /api/v1/service-tokens/:id',
      success: async () => ({
        method: 'delete',
        path: `/api/v1/service-tokens/${await createServiceToken()}`,
        as: 'admin',
        status: 204,
        action: 'service-token.revoked',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'delete',
        path: `/api/v1/service-tokens/${await createServiceToken()}`,
        as: 'handlaggare',
        status: 403,
      }),
    },
    {
      endpoint: 'POST /portal/:municipality/arenden/:id/folj',
      success: async () => ({
        method: 'post',
        path: `/portal/kalix/arenden/${await createCase()}/folj`,
        body: { epost: 'invanare@example.se' },
        status: 200,
        action: 'case-follow.requested',
        actor: anonymous,
        // The confirmation e-mail is queued with it.
      }),
      // A form sent with a token that is no token is refused before it is read.
      refused: async () => ({
        method: 'post',
        path: `/portal/kalix/arenden/${await createCase()}/folj`,
        as: 'inte-en-giltig-token',
        body: { epost: 'invanare@example.se' },
        status: 401,
      }),
    },
    {
      endpoint: 'POST /portal/:municipality/folj/:token/bekrafta',
      success: async () => ({
        method: 'post',
        path: `/portal/kalix/folj/${await follow('pending')}/bekrafta`,
        body: {},
        status: 200,
        action: 'case-follow.confirmed',
        actor: anonymous,
      }),
      refused: async () => ({
        method: 'post',
        path: `/portal/kalix/folj/${await follow('pending')}/bekrafta`,
        as: 'inte-en-giltig-token',
        body: {},
        status: 401,
      }),
    },
    {
      endpoint: 'POST /portal/:municipality/folj/:token/avsluta',
      success: async () => ({
        method: 'post',
        path: `/portal/kalix/folj/${await follow('confirmed')}/avsluta`,
        body: {},
        status: 200,
        action: 'case-follow.ended',
        actor: anonymous,
      }),
      refused: async () => ({
        method: 'post',
        path: `/portal/kalix/folj/${await follow('confirmed')}/avsluta`,
        as: 'inte-en-giltig-token',
        body: {},
        status: 401,
      }),
    },
    {
      endpoint: 'POST /api/v1/webhooks',
      success: async () => ({
        method: 'post',
        path: '/api/v1/webhooks',
        as: 'admin',
        body: {
          url: 'https://webb.kalix.example/hook',
          events: ['meeting.changed'],
          contactEmail: 'webb@kalix.example',
        },
        status: 201,
        action: 'webhook.created',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/webhooks',
        as: 'registrator',
        body: { url: 'https://x.example/h', events: ['case.changed'], contactEmail: 'a@b.se' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/webhooks/:id/resume',
      success: async () => ({
        method: 'post',
        path: `/api/v1/webhooks/${await createWebhook()}/resume`,
        as: 'admin',
        body: { version: 1 },
        status: 200,
        action: 'webhook.resumed',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/webhooks/${await createWebhook()}/resume`,
        as: 'handlaggare',
        body: { version: 1 },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/webhooks/:id/deliveries/:deliveryId/resend',
      success: async () => {
        const { webhook, delivery } = await failedDelivery();
        return {
          method: 'post',
          path: `/api/v1/webhooks/${webhook}/deliveries/${delivery}/resend`,
          as: 'admin',
          status: 200,
          action: 'webhook.resend',
          actor: userActor('admin'),
        };
      },
      refused: async () => {
        const { webhook, delivery } = await failedDelivery();
        return {
          method: 'post',
          path: `/api/v1/webhooks/${webhook}/deliveries/${delivery}/resend`,
          as: 'registrator',
          status: 403,
        };
      },
    },
    {
      endpoint: 'DELETE /api/v1/webhooks/:id',
      success: async () => ({
        method: 'delete',
        path: `/api/v1/webhooks/${await createWebhook()}`,
        as: 'admin',
        status: 204,
        action: 'webhook.removed',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'delete',
        path: `/api/v1/webhooks/${await createWebhook()}`,
        as: 'handlaggare',
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/dnr-series',
      success: async () => ({
        method: 'post',
        path: '/api/v1/dnr-series',
        as: 'admin',
        body: {
          code: 'SBN',
          name: 'Samhällsbyggnadsnämndens diarium',
          format: 'SBN {year}/{serial}',
        },
        status: 201,
        action: 'dnr-series.created',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/dnr-series',
        as: 'registrator',
        body: { code: 'BN', name: 'Byggnämnden', format: 'BN {year}/{serial}' },
        status: 403,
      }),
    },
    {
      endpoint: 'PATCH /api/v1/dnr-series/:id',
      success: async () => ({
        method: 'patch',
        path: `/api/v1/dnr-series/${await createSeries()}`,
        as: 'admin',
        body: { name: 'Nytt namn' },
        status: 200,
        action: 'dnr-series.updated',
        actor: userActor('admin'),
      }),
      refused: async () => ({
        method: 'patch',
        path: `/api/v1/dnr-series/${await createSeries()}`,
        as: 'sekreterare',
        body: { name: 'Nytt namn' },
        status: 403,
      }),
    },
    {
      endpoint: 'PUT /api/v1/classification-codes',
      success: async () => ({
        method: 'put',
        path: '/api/v1/classification-codes',
        as: 'registrator',
        body: { csv: 'kod;rubrik\n00;Allmänt\n04;Ekonomi' },
        status: 200,
        action: 'classification.imported',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'put',
        path: '/api/v1/classification-codes',
        as: 'handlaggare',
        body: { codes: [{ code: '99', title: 'Övrigt' }] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/cases',
      success: async () => ({
        method: 'post',
        path: '/api/v1/cases',
        as: 'registrator',
        body: { title: 'Implementera e-handel', organId: ks },
        status: 201,
        action: 'case.registered',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/cases',
        as: 'handlaggare',
        body: { title: 'Eget ärende' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/cases/import',
      success: async () => ({
        method: 'post',
        path: '/api/v1/cases/import',
        as: 'registrator',
        body: {
          dnr: '2017-00012',
          title: 'Aktiviteter för förbättrat näringslivsklimat',
          registeredAt: '2018-05-02T10:00:00+02:00',
        },
        status: 201,
        action: 'case.imported',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/cases/import',
        as: 'sekreterare',
        body: {
          dnr: '2018-00279',
          title: 'Äldre ärende',
          registeredAt: '2018-05-02T10:00:00+02:00',
        },
        status: 403,
      }),
    },
    {
      endpoint: 'PATCH /api/v1/cases/:id',
      success: async () => ({
        method: 'patch',
        path: `/api/v1/cases/${await createCase()}`,
        as: 'registrator',
        body: { status: 'decided' },
        status: 200,
        action: 'case.updated',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'patch',
        path: `/api/v1/cases/${await createCase()}`,
        as: 'handlaggare',
        body: { status: 'decided' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/cases/:id/close',
      success: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/close`,
        as: 'registrator',
        body: {},
        status: 200,
        action: 'case.closed',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/close`,
        as: 'handlaggare',
        body: {},
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/cases/:id/reopen',
      success: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await closedCase()}/reopen`,
        as: 'registrator',
        body: { reason: 'Beslutet har överklagats.' },
        status: 200,
        action: 'case.reopened',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await closedCase()}/reopen`,
        as: 'handlaggare',
        body: { reason: 'Beslutet har överklagats.' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/retention-plan',
      success: async () => ({
        method: 'post',
        path: '/api/v1/retention-plan',
        as: 'registrator',
        body: { basedOn: await planVersion(), decision: 'KS 2024-03-01 § 2', rules: [] },
        status: 201,
        action: 'retention-plan.adopted',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/retention-plan',
        as: 'handlaggare',
        body: { basedOn: await planVersion(), decision: 'KS 2024-03-01 § 2', rules: [] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/cases/:id/holds',
      success: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/holds`,
        as: 'registrator',
        body: { reason: 'request', note: 'Begäran om allmän handling' },
        status: 201,
        action: 'record-hold.placed',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/holds`,
        as: 'handlaggare',
        body: { reason: 'request', note: 'Begäran om allmän handling' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/record-holds/:id/lift',
      success: async () => ({
        method: 'post',
        path: `/api/v1/record-holds/${await hold()}/lift`,
        as: 'registrator',
        body: {},
        status: 200,
        action: 'record-hold.lifted',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/record-holds/${await hold()}/lift`,
        as: 'handlaggare',
        body: {},
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/gallring-lists',
      success: async () => {
        await dueDocument();
        return {
          method: 'post',
          path: '/api/v1/gallring-lists',
          as: 'registrator',
          body: {},
          status: 200,
          action: 'gallring-list.drawn',
          actor: userActor('registrator'),
        };
      },
      refused: async () => ({
        method: 'post',
        path: '/api/v1/gallring-lists',
        as: 'handlaggare',
        body: {},
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/document-requests',
      success: async () => ({
        method: 'post',
        path: '/api/v1/document-requests',
        as: 'registrator',
        body: {
          description: 'Alla handlingar',
          documentIds: [await createDocument(await createCase())],
        },
        status: 201,
        action: 'document-request.registered',
        // The request, and the hold it places on its case.
        entries: 2,
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/document-requests',
        as: 'handlaggare',
        body: { description: 'Alla handlingar', documentIds: [1] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/document-requests/:id/items/:itemId/decision',
      success: async () => {
        const { id, itemId } = await documentRequest();
        return {
          method: 'post',
          path: `/api/v1/document-requests/${id}/items/${itemId}/decision`,
          as: 'registrator',
          body: { decision: 'refuse', oslProvision: 'OSL 26 kap. 1 §' },
          status: 200,
          action: 'document-request.item-decided',
          actor: userActor('registrator'),
        };
      },
      refused: async () => {
        const { id, itemId } = await documentRequest();
        return {
          method: 'post',
          path: `/api/v1/document-requests/${id}/items/${itemId}/decision`,
          as: 'handlaggare',
          body: { decision: 'release' },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/document-requests/:id/decide',
      success: async () => {
        const { id, itemId } = await documentRequest();
        await send({
          method: 'post',
          path: `/api/v1/document-requests/${id}/items/${itemId}/decision`,
          as: 'registrator',
          body: { decision: 'release' },
        });
        return {
          method: 'post',
          path: `/api/v1/document-requests/${id}/decide`,
          as: 'registrator',
          body: {},
          status: 200,
          action: 'document-request.decided',
          // The hold lifted, and the decision.
          entries: 2,
          actor: userActor('registrator'),
        };
      },
      refused: async () => ({
        method: 'post',
        path: `/api/v1/document-requests/${(await documentRequest()).id}/decide`,
        as: 'handlaggare',
        body: {},
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/archive-deliveries',
      success: async () => ({
        method: 'post',
        path: '/api/v1/archive-deliveries',
        as: 'registrator',
        body: { closedBefore: '2020-01-01' },
        status: 202,
        action: 'archive-delivery.requested',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/archive-deliveries',
        as: 'handlaggare',
        body: {},
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/gallring-lists/:id/approve',
      success: async () => ({
        method: 'post',
        path: `/api/v1/gallring-lists/${await proposedList()}/approve`,
        as: 'registrator',
        body: {},
        status: 200,
        action: 'gallring-list.approved',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/gallring-lists/${await proposedList()}/approve`,
        as: 'handlaggare',
        body: {},
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/gallring-lists/:id/reject',
      success: async () => ({
        method: 'post',
        path: `/api/v1/gallring-lists/${await proposedList()}/reject`,
        as: 'registrator',
        body: {},
        status: 200,
        action: 'gallring-list.rejected',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/gallring-lists/${await proposedList()}/reject`,
        as: 'handlaggare',
        body: {},
        status: 403,
      }),
    },
    {
      endpoint: 'PUT /api/v1/cases/:id/secrecy',
      success: async () => ({
        method: 'put',
        path: `/api/v1/cases/${await createCase()}/secrecy`,
        as: 'registrator',
        body: { osl: 'OSL 26 kap. 1 §', publicTitle: 'Ärende enligt socialtjänstlagen' },
        status: 200,
        action: 'case.secrecy-marked',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'put',
        path: `/api/v1/cases/${await createCase()}/secrecy`,
        as: 'handlaggare',
        body: { osl: 'OSL 26 kap. 1 §' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/cases/:id/links',
      success: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/links`,
        as: 'registrator',
        body: { relatedCaseId: await createCase() },
        status: 204,
        action: 'case.linked',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/links`,
        as: 'sekreterare',
        body: { relatedCaseId: await createCase() },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/cases/:id/documents',
      // A handläggare registers on a case they are responsible for.
      success: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase({ responsibleUserId: kalix.userIds.handlaggare })}/documents`,
        as: 'handlaggare',
        body: {
          direction: 'upprattad',
          date: '2023-11-14',
          description: 'Tjänsteskrivelse från ekonomichef',
          type: 'tjansteskrivelse',
        },
        status: 201,
        action: 'document.registered',
        actor: userActor('handlaggare'),
      }),
      // … and not on somebody else's.
      refused: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/documents`,
        as: 'handlaggare',
        body: {
          direction: 'upprattad',
          date: '2023-11-14',
          description: 'Tjänsteskrivelse',
          type: 'tjansteskrivelse',
        },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/documents/:id/files',
      success: async () => ({
        method: 'post',
        path: `/api/v1/documents/${await createDocument(await createCase())}/files?filename=brev.txt`,
        as: 'registrator',
        raw: { type: 'text/plain', data: 'Hej kommunen!' },
        status: 201,
        action: 'document.file-attached',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/documents/${await createDocument(await createCase())}/files?filename=brev.txt`,
        as: 'sekreterare',
        raw: { type: 'text/plain', data: 'Hej kommunen!' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/cases/:id/route',
      success: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/route`,
        as: 'registrator',
        body: { template: 'ks-arende' },
        status: 201,
        action: 'route.started',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/route`,
        as: 'handlaggare',
        body: { template: 'ks-arende' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/cases/:id/outcomes',
      // The KS secretary withdraws a case waiting for KS; a KSAPU-less route puts it there at once.
      success: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await routedCase('ks-direkt')}/outcomes`,
        as: 'sekreterare',
        body: { kind: 'withdrawn', reason: 'Ärendet har återkallats' },
        status: 202,
        action: 'route.event-recorded',
        actor: userActor('sekreterare'),
      }),
      // … but not one waiting for KF, whose secretary she is not.
      refused: async () => {
        const motion = await createMotion();
        await send({
          method: 'post',
          path: `/api/v1/motions/${motion}/remittance`,
          as: 'admin',
          body: { decidedOn: '2023-10-16', paragraph: 159 },
        });
        return {
          method: 'post',
          path: `/api/v1/cases/${motion}/outcomes`,
          as: 'sekreterare',
          body: { kind: 'withdrawn', reason: 'Nej' },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/cases/:id/tjansteskrivelser',
      success: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase({ responsibleUserId: kalix.userIds.handlaggare })}/tjansteskrivelser`,
        as: 'handlaggare',
        body: {
          authorTitle: 'Ekonomichef',
          proposalClauses: ['godkänna redovisningen'],
          addressedOrganId: ks,
        },
        status: 201,
        action: 'tjansteskrivelse.created',
        actor: userActor('handlaggare'),
      }),
      // A handläggare writes on the cases they are responsible for only.
      refused: async () => ({
        method: 'post',
        path: `/api/v1/cases/${await createCase()}/tjansteskrivelser`,
        as: 'handlaggare',
        body: { authorTitle: 'Ekonomichef' },
        status: 403,
      }),
    },
    {
      endpoint: 'PATCH /api/v1/tjansteskrivelser/:id',
      success: async () => ({
        method: 'patch',
        path: `/api/v1/tjansteskrivelser/${await createDraft()}`,
        as: 'handlaggare',
        body: { summary: 'Ekonomienheten föreslår …' },
        status: 200,
        action: 'tjansteskrivelse.updated',
        actor: userActor('handlaggare'),
      }),
      // Only the author edits a draft, even an admin may not.
      refused: async () => ({
        method: 'patch',
        path: `/api/v1/tjansteskrivelser/${await createDraft()}`,
        as: 'admin',
        body: { summary: 'Något annat' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/tjansteskrivelser/:id/submit',
      success: async () => ({
        method: 'post',
        path: `/api/v1/tjansteskrivelser/${await createDraft()}/submit`,
        as: 'handlaggare',
        body: {},
        status: 200,
        // The document it becomes on the case, and the submission.
        entries: 2,
        action: 'tjansteskrivelse.submitted',
        actor: userActor('handlaggare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/tjansteskrivelser/${await createDraft()}/submit`,
        as: 'sekreterare',
        body: {},
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/motions',
      success: async () => ({
        method: 'post',
        path: '/api/v1/motions',
        as: 'registrator',
        body: {
          title: 'Motion om skyddsrum',
          submittedOn: '2023-10-16',
          authors: [{ name: 'Carl Otto Gählman', party: 'FIK' }],
        },
        status: 201,
        // The case with its dnr, and the motion.
        entries: 2,
        action: 'motion.registered',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/motions',
        as: 'handlaggare',
        body: {
          title: 'Motion om skyddsrum',
          submittedOn: '2023-10-16',
          authors: [{ name: 'Carl Otto Gählman', party: 'FIK' }],
        },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/motions/:id/remittance',
      success: async () => ({
        method: 'post',
        path: `/api/v1/motions/${await createMotion()}/remittance`,
        as: 'admin',
        body: { decidedOn: '2023-10-16', paragraph: 159 },
        status: 202,
        // The route it starts, the remittance as its first event, and the motion's record of it.
        entries: 3,
        action: 'motion.remitted',
        actor: userActor('admin'),
      }),
      // The KS secretary does not record KF's decisions: refused, and the route it began is undone.
      refused: async () => ({
        method: 'post',
        path: `/api/v1/motions/${await createMotion()}/remittance`,
        as: 'sekreterare',
        body: { decidedOn: '2023-10-16', paragraph: 159 },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/organs/:id/meeting-plan',
      success: async () => ({
        method: 'post',
        path: `/api/v1/organs/${ks}/meeting-plan`,
        as: 'sekreterare',
        body: { year: 2028, meetings: [{ startsAt: '2028-02-14T09:00', place: 'Sessionssalen' }] },
        status: 201,
        action: 'meeting.created',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/organs/${kf}/meeting-plan`,
        as: 'sekreterare',
        body: { year: 2028, meetings: [{ startsAt: '2028-02-14T09:00', place: 'Sessionssalen' }] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/meetings',
      success: async () => ({
        method: 'post',
        path: '/api/v1/meetings',
        as: 'sekreterare',
        body: { organId: ks, startsAt: '2029-05-13T09:00', place: 'Sessionssalen' },
        status: 201,
        action: 'meeting.created',
        actor: userActor('sekreterare'),
      }),
      // The KS secretary does not plan KF's meetings.
      refused: async () => ({
        method: 'post',
        path: '/api/v1/meetings',
        as: 'sekreterare',
        body: { organId: kf, startsAt: '2029-05-13T09:00', place: 'Sessionssalen' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/meetings/:id/items',
      success: async () => {
        const meeting = await createMeeting();
        return {
          method: 'post',
          path: `/api/v1/meetings/${meeting.id}/items`,
          as: 'sekreterare',
          body: { kind: 'information', title: 'Information', version: meeting.version },
          status: 201,
          action: 'agenda.item-added',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const meeting = await createMeeting();
        return {
          method: 'post',
          path: `/api/v1/meetings/${meeting.id}/items`,
          as: 'ledamot',
          body: { kind: 'information', title: 'Information', version: meeting.version },
          status: 403,
        };
      },
    },
    {
      endpoint: 'PATCH /api/v1/meetings/:id/items/:itemId',
      success: async () => {
        const meeting = await createMeeting();
        return {
          method: 'patch',
          path: `/api/v1/meetings/${meeting.id}/items/${meeting.items[0].id}`,
          as: 'sekreterare',
          body: { title: 'Upprop och närvaro', version: meeting.version },
          status: 200,
          action: 'agenda.item-updated',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const meeting = await createMeeting('admin', () => kf);
        return {
          method: 'patch',
          path: `/api/v1/meetings/${meeting.id}/items/${meeting.items[0].id}`,
          as: 'sekreterare',
          body: { title: 'Kapad', version: meeting.version },
          status: 403,
        };
      },
    },
    {
      endpoint: 'PUT /api/v1/meetings/:id/items/:itemId/my-note',
      success: async () => {
        const meeting = await createMeeting();
        return {
          method: 'put',
          path: `/api/v1/meetings/${meeting.id}/items/${meeting.items[0].id}/my-note`,
          as: 'ledamot',
          body: { text: 'Min egen anteckning' },
          status: 200,
          action: 'private-note.written',
          actor: userActor('ledamot'),
        };
      },
      refused: async () => {
        const meeting = await createMeeting();
        return {
          method: 'put',
          path: `/api/v1/meetings/${meeting.id}/items/${meeting.items[0].id}/my-note`,
          body: { text: 'Anonym' },
          status: 401,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/meetings/:id/opened',
      success: async () => {
        const meeting = await createMeeting();
        return {
          method: 'post',
          path: `/api/v1/meetings/${meeting.id}/opened`,
          as: 'ledamot',
          status: 200,
          action: 'meeting.opened',
          actor: userActor('ledamot'),
        };
      },
      refused: async () => {
        const meeting = await createMeeting();
        return { method: 'post', path: `/api/v1/meetings/${meeting.id}/opened`, status: 401 };
      },
    },
    {
      endpoint: 'DELETE /api/v1/meetings/:id/items/:itemId/my-note',
      success: async () => {
        const meeting = await createMeeting();
        const path = `/api/v1/meetings/${meeting.id}/items/${meeting.items[0].id}/my-note`;
        await send({ method: 'put', path, as: 'ledamot', body: { text: 'Strax borta' } });
        return {
          method: 'delete',
          path,
          as: 'ledamot',
          status: 204,
          action: 'private-note.deleted',
          actor: userActor('ledamot'),
        };
      },
      refused: async () => {
        const meeting = await createMeeting();
        const path = `/api/v1/meetings/${meeting.id}/items/${meeting.items[0].id}/my-note`;
        await send({ method: 'put', path, as: 'ledamot', body: { text: 'Stannar' } });
        return { method: 'delete', path, status: 401 };
      },
    },
    {
      endpoint: 'DELETE /api/v1/meetings/:id/items/:itemId',
      success: async () => {
        const meeting = await createMeeting();
        return {
          method: 'delete',
          path: `/api/v1/meetings/${meeting.id}/items/${meeting.items[2].id}?version=${meeting.version}`,
          as: 'sekreterare',
          status: 200,
          action: 'agenda.item-removed',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const meeting = await createMeeting();
        return {
          method: 'delete',
          path: `/api/v1/meetings/${meeting.id}/items/${meeting.items[2].id}?version=${meeting.version}`,
          as: 'ledamot',
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/meetings/:id/items/:itemId/move',
      success: async () => {
        const from = await createMeeting();
        const to = await createMeeting();
        return {
          method: 'post',
          path: `/api/v1/meetings/${from.id}/items/${from.items[0].id}/move`,
          as: 'sekreterare',
          body: { version: from.version, toMeetingId: to.id, toVersion: to.version },
          status: 200,
          action: 'agenda.item-moved',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const from = await createMeeting();
        const to = await createMeeting();
        return {
          method: 'post',
          path: `/api/v1/meetings/${from.id}/items/${from.items[0].id}/move`,
          as: 'ledamot',
          body: { version: from.version, toMeetingId: to.id, toVersion: to.version },
          status: 403,
        };
      },
    },
    {
      endpoint: 'PUT /api/v1/meetings/:id/order',
      success: async () => {
        const meeting = await createMeeting();
        return {
          method: 'put',
          path: `/api/v1/meetings/${meeting.id}/order`,
          as: 'sekreterare',
          body: {
            itemIds: meeting.items.map((item) => item.id).reverse(),
            version: meeting.version,
          },
          status: 200,
          action: 'agenda.reordered',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const meeting = await createMeeting();
        return {
          method: 'put',
          path: `/api/v1/meetings/${meeting.id}/order`,
          as: 'ledamot',
          body: {
            itemIds: meeting.items.map((item) => item.id).reverse(),
            version: meeting.version,
          },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/meetings/:id/cancel',
      success: async () => {
        const meeting = await createMeeting();
        return {
          method: 'post',
          path: `/api/v1/meetings/${meeting.id}/cancel`,
          as: 'sekreterare',
          body: { reason: 'Inga ärenden', version: meeting.version },
          status: 200,
          action: 'meeting.cancelled',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const meeting = await createMeeting();
        return {
          method: 'post',
          path: `/api/v1/meetings/${meeting.id}/cancel`,
          as: 'ledamot',
          body: { reason: 'Inga ärenden', version: meeting.version },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/meetings/:id/kallelse',
      success: async () => {
        const meeting = await createMeeting();
        return {
          method: 'post',
          path: `/api/v1/meetings/${meeting.id}/kallelse`,
          as: 'sekreterare',
          body: { version: meeting.version },
          status: 201,
          action: 'meeting.summoned',
          actor: userActor('sekreterare'),
        };
      },
      // The KS secretary does not summon KF.
      refused: async () => {
        const meeting = await createMeeting('admin', () => kf);
        return {
          method: 'post',
          path: `/api/v1/meetings/${meeting.id}/kallelse`,
          as: 'sekreterare',
          body: { version: meeting.version },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/notices',
      success: async () => ({
        method: 'post',
        path: '/api/v1/notices',
        as: 'registrator',
        body: { organId: ks, sender: 'Länsstyrelsen', receivedOn: '2023-11-16', text: 'Beslut' },
        status: 201,
        action: 'notice.registered',
        actor: userActor('registrator'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/notices',
        as: 'handlaggare',
        body: { organId: ks, sender: 'Länsstyrelsen', receivedOn: '2023-11-16', text: 'Beslut' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/notices/:id/remiss-outcome',
      success: async () => {
        const remiss = await send({
          method: 'post',
          path: '/api/v1/notices',
          as: 'registrator',
          body: {
            organId: ks,
            kind: 'remiss',
            sender: 'Regeringskansliet',
            receivedOn: '2023-11-03',
            answerBy: '2023-12-15',
            text: 'Remiss',
          },
        });
        return {
          method: 'post',
          path: `/api/v1/notices/${remiss.body.id}/remiss-outcome`,
          as: 'sekreterare',
          body: { outcome: 'declined', reason: 'Kommunstyrelsen avstår att lämna yttrande.' },
          status: 200,
          action: 'remiss.declined',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const remiss = await send({
          method: 'post',
          path: '/api/v1/notices',
          as: 'registrator',
          body: {
            organId: ks,
            kind: 'remiss',
            sender: 'SKR',
            receivedOn: '2023-11-03',
            text: 'Remiss',
          },
        });
        return {
          method: 'post',
          path: `/api/v1/notices/${remiss.body.id}/remiss-outcome`,
          as: 'handlaggare',
          body: { outcome: 'declined' },
          status: 403,
        };
      },
    },
    {
      endpoint: 'PUT /api/v1/organs/:id/delegation-order',
      success: async () => ({
        method: 'put',
        path: `/api/v1/organs/${ks}/delegation-order`,
        as: 'sekreterare',
        body: {
          points: [
            { code: '7.1', text: 'Placering av nya lån som beslutas av kommunfullmäktige' },
            { code: '10.1', text: 'Upphandling' },
            { code: '13.1', text: 'Beslut i brådskande ärende' },
          ],
        },
        status: 200,
        action: 'delegation-order.imported',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'put',
        path: `/api/v1/organs/${kf}/delegation-order`,
        as: 'sekreterare',
        body: { points: [{ code: '1.1', text: 'Kapad' }] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/delegation-decisions',
      success: async () => ({
        method: 'post',
        path: '/api/v1/delegation-decisions',
        as: 'handlaggare',
        body: {
          organId: ks,
          delegate: 'Jeanette Larsson',
          delegateTitle: 'Ekonomichef',
          decidedOn: '2023-11-01',
          pointCode: '7.1',
          summary: 'Beslutat placera det nya lånet.',
        },
        status: 201,
        action: 'delegation-decision.registered',
        actor: userActor('handlaggare'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/delegation-decisions',
        as: 'ledamot',
        body: { organId: ks, delegate: 'X', summary: 'Y' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/meetings/:id/protocol',
      success: async () => {
        const meeting = await createMeeting();
        await send({
          method: 'post',
          path: `/api/v1/meetings/${meeting.id}/kallelse`,
          as: 'sekreterare',
          body: { version: meeting.version },
        });
        return {
          method: 'post',
          path: `/api/v1/meetings/${meeting.id}/protocol`,
          as: 'sekreterare',
          body: {
            chairUserId: kalix.userIds.ordforande,
            adjusterUserIds: [kalix.userIds.justerare],
          },
          status: 201,
          action: 'protocol.created',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const meeting = await createMeeting();
        return {
          method: 'post',
          path: `/api/v1/meetings/${meeting.id}/protocol`,
          as: 'ledamot',
          body: {
            chairUserId: kalix.userIds.ordforande,
            adjusterUserIds: [kalix.userIds.justerare],
          },
          status: 403,
        };
      },
    },
    {
      endpoint: 'PATCH /api/v1/protocols/:id/paragraphs/:paragraphId',
      success: async () => {
        const protocol = await createProtocol();
        return {
          method: 'patch',
          path: `/api/v1/protocols/${protocol.id}/paragraphs/${protocol.paragraphs[0].id}`,
          as: 'sekreterare',
          body: { decisionText: 'Upprop förrättades.', version: protocol.version },
          status: 200,
          action: 'protocol.paragraph-updated',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const protocol = await createProtocol();
        return {
          method: 'patch',
          path: `/api/v1/protocols/${protocol.id}/paragraphs/${protocol.paragraphs[0].id}`,
          as: 'ledamot',
          body: { decisionText: 'Kapad', version: protocol.version },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/obligations',
      success: async () => ({
        method: 'post',
        path: '/api/v1/obligations',
        as: 'handlaggare',
        body: {
          title: 'Årlig uppföljning',
          rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
          firstDue: '2031-02-28',
        },
        status: 201,
        action: 'obligation.created',
        actor: userActor('handlaggare'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/obligations',
        as: 'ledamot',
        body: { title: 'Kapad', rrule: null, firstDue: '2031-02-28' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/obligations/:id/confirm',
      success: async () => ({
        method: 'post',
        path: `/api/v1/obligations/${await proposedObligation()}/confirm`,
        as: 'handlaggare',
        body: { firstDue: '2031-02-28' },
        status: 200,
        action: 'obligation.confirmed',
        actor: userActor('handlaggare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/obligations/${await proposedObligation()}/confirm`,
        as: 'ledamot',
        body: {},
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/obligations/:id/dismiss',
      success: async () => ({
        method: 'post',
        path: `/api/v1/obligations/${await proposedObligation()}/dismiss`,
        as: 'sekreterare',
        body: { reason: 'Redovisas i årsredovisningen' },
        status: 204,
        action: 'obligation.dismissed',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/obligations/${await proposedObligation()}/dismiss`,
        as: 'ledamot',
        body: { reason: 'Kapad' },
        status: 403,
      }),
    },
    {
      endpoint: 'PUT /api/v1/annual-followups/settings',
      success: async () => ({
        method: 'put',
        path: '/api/v1/annual-followups/settings',
        as: 'admin',
        body: {
          rrule: 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1',
          leadDays: 60,
          reminderDays: [30, 7],
          version: await annualSettingsVersion(),
        },
        status: 200,
        action: 'annual-followups.settings-updated',
        actor: userActor('admin'),
      }),
      // The secretary keeps follow-ups, but the municipality's rule is the administrator's.
      refused: async () => ({
        method: 'put',
        path: '/api/v1/annual-followups/settings',
        as: 'sekreterare',
        body: {
          rrule: 'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=-1',
          leadDays: 60,
          reminderDays: [30],
          version: await annualSettingsVersion(),
        },
        status: 403,
      }),
    },
    {
      endpoint: 'PUT /api/v1/followup-reports/:id',
      success: async () => ({
        method: 'put',
        path: `/api/v1/followup-reports/${await draftReport()}`,
        as: 'sekreterare',
        body: {
          version: 1,
          goals: [
            {
              title: 'Kompetensförsörjning',
              assessment: 'Helt uppfyllt',
              trend: 'up',
              comment: 'Målet är nått',
            },
          ],
        },
        status: 200,
        action: 'followup-report.updated',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'put',
        path: `/api/v1/followup-reports/${await draftReport()}`,
        as: 'ledamot',
        body: { version: 1, goals: [] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/followup-reports/:id/beslutsunderlag',
      success: async () => ({
        method: 'post',
        path: `/api/v1/followup-reports/${await reportWithCase()}/beslutsunderlag`,
        as: 'sekreterare',
        status: 201,
        entries: 2,
        action: 'document.file-attached',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/followup-reports/${await reportWithCase()}/beslutsunderlag`,
        as: 'ledamot',
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/budget-timetables',
      success: async () => ({
        method: 'post',
        path: '/api/v1/budget-timetables',
        as: 'sekreterare',
        body: {
          budgetYear: 2040 + ++counter,
          steps: [
            {
              when: `${2040 + counter}-04-29`,
              what: 'Kommunstyrelsen bereder ramar',
              actor: 'styrelse',
            },
          ],
        },
        status: 201,
        action: 'obligation.created',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/budget-timetables',
        as: 'ledamot',
        body: { budgetYear: 2039, steps: [{ when: '2039-03', what: 'Kapad', actor: 'boards' }] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/deadlines/:id/met',
      success: async () => ({
        method: 'post',
        path: `/api/v1/deadlines/${await budgetDeadline()}/met`,
        as: 'sekreterare',
        body: {},
        status: 200,
        action: 'deadline.met',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/deadlines/${await budgetDeadline()}/met`,
        as: 'ledamot',
        body: {},
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/plans',
      success: async () => ({
        method: 'post',
        path: '/api/v1/plans',
        as: 'sekreterare',
        body: { organId: ks, firstYear: 2040 + ++counter, lastYear: 2040 + counter },
        status: 201,
        entries: 2,
        action: 'plan.drafted',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'post',
        path: '/api/v1/plans',
        as: 'ledamot',
        body: { organId: ks, firstYear: 2039, lastYear: 2039 },
        status: 403,
      }),
    },
    {
      endpoint: 'PUT /api/v1/plans/:id',
      success: async () => {
        const plan = await createPlan();
        return {
          method: 'put',
          path: `/api/v1/plans/${plan.id}`,
          as: 'sekreterare',
          body: { version: plan.version, areas: [{ key: 'a', title: 'Trygg i Luleå' }] },
          status: 200,
          action: 'plan.updated',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => ({
        method: 'put',
        path: `/api/v1/plans/${(await createPlan()).id}`,
        as: 'ledamot',
        body: { version: 1, areas: [] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/plans/:id/revisions',
      success: async () => ({
        method: 'post',
        path: `/api/v1/plans/${await adoptedPlan()}/revisions`,
        as: 'sekreterare',
        status: 201,
        entries: 2,
        action: 'plan.drafted',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/plans/${await adoptedPlan()}/revisions`,
        as: 'ledamot',
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/organs/:id/indicators',
      success: async () => ({
        method: 'post',
        path: `/api/v1/organs/${ks}/indicators`,
        as: 'sekreterare',
        body: {
          name: unique('Mätetal '),
          unit: 'antal',
          source: 'Lönesystemet',
          direction: 'decrease',
        },
        status: 201,
        action: 'indicator.defined',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/organs/${ks}/indicators`,
        as: 'ledamot',
        body: { name: 'Mätetal', unit: 'antal', source: 'Lönesystemet', direction: 'decrease' },
        status: 403,
      }),
    },
    {
      endpoint: 'PUT /api/v1/indicators/:id/values',
      success: async () => ({
        method: 'put',
        path: `/api/v1/indicators/${(await createIndicator()).id}/values`,
        as: 'sekreterare',
        body: { values: [{ year: 2024, value: 70.5 }] },
        status: 200,
        action: 'indicator.values-entered',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'put',
        path: `/api/v1/indicators/${(await createIndicator()).id}/values`,
        as: 'ledamot',
        body: { values: [{ year: 2024, value: 70.5 }] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/organs/:id/indicator-values/import',
      success: async () => ({
        method: 'post',
        path: `/api/v1/organs/${ks}/indicator-values/import`,
        as: 'sekreterare',
        body: { csv: await koladaCsv() },
        status: 200,
        action: 'indicator.values-imported',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/organs/${ks}/indicator-values/import`,
        as: 'ledamot',
        body: { csv: await koladaCsv() },
        status: 403,
      }),
    },
    {
      endpoint: 'PUT /api/v1/organs/:id/economy',
      success: async () => ({
        method: 'put',
        path: `/api/v1/organs/${ks}/economy`,
        as: 'sekreterare',
        body: {
          rows: [{ table: 'drift', code: unique('K'), name: 'KC Kansli' }],
          values: [],
        },
        status: 200,
        action: 'economy.figures-entered',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'put',
        path: `/api/v1/organs/${ks}/economy`,
        as: 'ledamot',
        body: { rows: [{ table: 'drift', code: 'X', name: 'X' }] },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/organs/:id/economy/import',
      success: async () => ({
        method: 'post',
        path: `/api/v1/organs/${ks}/economy/import`,
        as: 'sekreterare',
        body: {
          csv: `table;code;name;parent;year;period;measure;value\ndrift;${unique('E')};KC Ekonomi;;2024;Y;budget;-32 100\n`,
        },
        status: 200,
        action: 'economy.figures-imported',
        actor: userActor('sekreterare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/organs/${ks}/economy/import`,
        as: 'ledamot',
        body: { csv: 'table;code;name;parent;year;period;measure;value\n' },
        status: 403,
      }),
    },
    {
      endpoint: 'POST /api/v1/me/calendar-feed',
      success: async () => ({
        method: 'post',
        path: '/api/v1/me/calendar-feed',
        as: 'ledamot',
        status: 201,
        action: 'calendar-feed.created',
        actor: userActor('ledamot'),
      }),
      refused: async () => ({ method: 'post', path: '/api/v1/me/calendar-feed', status: 401 }),
    },
    {
      endpoint: 'POST /api/v1/me/inbox/:id/read',
      success: async () => ({
        method: 'post',
        path: `/api/v1/me/inbox/${await insertInboxMessage(api, kalix.municipalityId, kalix.userIds.handlaggare)}/read`,
        as: 'handlaggare',
        status: 200,
        action: 'inbox.message-read',
        actor: userActor('handlaggare'),
      }),
      refused: async () => ({
        method: 'post',
        path: `/api/v1/me/inbox/${await insertInboxMessage(api, kalix.municipalityId, kalix.userIds.handlaggare)}/read`,
        status: 401,
      }),
    },
    {
      endpoint: 'DELETE /api/v1/me/calendar-feed',
      success: async () => {
        await send({ method: 'post', path: '/api/v1/me/calendar-feed', as: 'ordforande' });
        return {
          method: 'delete',
          path: '/api/v1/me/calendar-feed',
          as: 'ordforande',
          status: 204,
          action: 'calendar-feed.revoked',
          actor: userActor('ordforande'),
        };
      },
      refused: async () => ({ method: 'delete', path: '/api/v1/me/calendar-feed', status: 401 }),
    },
    {
      endpoint: 'PATCH /api/v1/protocols/:id',
      success: async () => {
        const protocol = await createProtocol();
        return {
          method: 'patch',
          path: `/api/v1/protocols/${protocol.id}`,
          as: 'sekreterare',
          body: { version: protocol.version, justeringPlace: 'Kommunkansliet' },
          status: 200,
          action: 'protocol.heading-updated',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const protocol = await createProtocol();
        return {
          method: 'patch',
          path: `/api/v1/protocols/${protocol.id}`,
          as: 'ledamot',
          body: { version: protocol.version, justeringPlace: 'Kapat' },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/protocols/:id/paragraphs/:paragraphId/reservation-reasons',
      success: async () => {
        const protocol = await createProtocol();
        const paragraph = protocol.paragraphs[0].id;
        await send({
          method: 'patch',
          path: `/api/v1/protocols/${protocol.id}/paragraphs/${paragraph}`,
          as: 'sekreterare',
          body: { version: protocol.version, reservations: [{ member: 'Anna Larsson' }] },
        });
        return {
          method: 'post',
          path: `/api/v1/protocols/${protocol.id}/paragraphs/${paragraph}/reservation-reasons`,
          as: 'sekreterare',
          body: { member: 'Anna Larsson', reasons: 'Skälen för reservationen.' },
          status: 200,
          action: 'protocol.reservation-reasons-added',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const protocol = await createProtocol();
        return {
          method: 'post',
          path: `/api/v1/protocols/${protocol.id}/paragraphs/${protocol.paragraphs[0].id}/reservation-reasons`,
          as: 'ledamot',
          body: { member: 'Anna Larsson', reasons: 'Skälen.' },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/protocols/:id/paragraphs/:paragraphId/immediate-justering',
      success: async () => {
        const protocol = await createProtocol();
        return {
          method: 'post',
          path: `/api/v1/protocols/${protocol.id}/paragraphs/${protocol.paragraphs[0].id}/immediate-justering`,
          as: 'sekreterare',
          body: { version: protocol.version },
          status: 200,
          action: 'protocol.immediate-justering-requested',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const protocol = await createProtocol();
        return {
          method: 'post',
          path: `/api/v1/protocols/${protocol.id}/paragraphs/${protocol.paragraphs[0].id}/immediate-justering`,
          as: 'ledamot',
          body: { version: protocol.version },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/protocols/:id/paragraphs/:paragraphId/signatures',
      success: async () => {
        const { protocol, paragraph } = await immediateParagraph();
        return {
          method: 'post',
          path: `/api/v1/protocols/${protocol}/paragraphs/${paragraph.id}/signatures`,
          as: 'ordforande',
          body: { contentHash: paragraph.immediateHash },
          status: 201,
          action: 'protocol.signed',
          actor: userActor('ordforande'),
        };
      },
      refused: async () => {
        const { protocol, paragraph } = await immediateParagraph();
        return {
          method: 'post',
          path: `/api/v1/protocols/${protocol}/paragraphs/${paragraph.id}/signatures`,
          as: 'ledamot',
          body: { contentHash: paragraph.immediateHash },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/protocols/:id/lock',
      success: async () => {
        const protocol = await createProtocol();
        return {
          method: 'post',
          path: `/api/v1/protocols/${protocol.id}/lock`,
          as: 'sekreterare',
          body: { version: protocol.version },
          status: 200,
          action: 'protocol.locked',
          actor: userActor('sekreterare'),
        };
      },
      refused: async () => {
        const protocol = await createProtocol();
        return {
          method: 'post',
          path: `/api/v1/protocols/${protocol.id}/lock`,
          as: 'ledamot',
          body: { version: protocol.version },
          status: 403,
        };
      },
    },
    {
      endpoint: 'POST /api/v1/protocols/:id/signatures',
      success: async () => {
        const protocol = await lockedProtocol();
        return {
          method: 'post',
          path: `/api/v1/protocols/${protocol.id}/signatures`,
          as: 'ordforande',
          body: { contentHash: protocol.contentHash },
          status: 201,
          action: 'protocol.signed',
          actor: userActor('ordforande'),
        };
      },
      // Only the chair and the justerare sign.
      refused: async () => {
        const protocol = await lockedProtocol();
        return {
          method: 'post',
          path: `/api/v1/protocols/${protocol.id}/signatures`,
          as: 'ledamot',
          body: { contentHash: protocol.contentHash },
          status: 403,
        };
      },
    },
  ];

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config);
    kalix = await seedTenant(api, 'kalix');
    [kf, ks] = await idsOf(api, 'organs', kalix.municipalityId);
    // The protocols' meetings are in 2030: the chair and the justerare keep their KS seats then.
    for (const [username, role] of [
      ['ordforande', 'ordforande'],
      ['justerare', 'ledamot'],
    ] as const) {
      const [{ personId }] = await api.dataSource.query(
        'SELECT person_id AS personId FROM users WHERE id = ?',
        [kalix.userIds[username]],
      );
      await api.app.get(AddMembership).execute({ municipalityId: kalix.municipalityId }, null, {
        organId: ks,
        personId: Number(personId),
        role,
        validFrom: '2027-01-01',
        validTo: '2034-12-31',
      });
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  it('has a scenario for every mutating endpoint', () => {
    const mutating = api.app
      .get(AccessDeclarations)
      .routes()
      .filter((route) => route.method !== 'GET')
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    expect(scenarios.map((scenario) => scenario.endpoint).sort()).toEqual(mutating);
  });

  it.each(scenarios.map((scenario) => [scenario.endpoint, scenario]))(
    '%s leaves its audit entries (one per change) naming the actor',
    async (_endpoint, scenario) => {
      const call = await scenario.success();
      const before = await api.snapshot();
      const response = await send(call);

      expect({
        status: response.status,
        body: response.status >= 400 ? response.body : undefined,
      }).toEqual({
        status: call.status,
        body: undefined,
      });
      const after = await api.snapshot();
      expect(after.audit_change).toBe(before.audit_change + (call.entries ?? 1));
      const entry = await newest();
      expect(entry).toMatchObject({
        action: call.action,
        actor_type: call.actor.type,
        actor_id: call.actor.id(),
        request_id: response.headers['x-request-id'],
      });
      expect(entry.municipality_id === null ? null : Number(entry.municipality_id)).toBe(
        call.action === 'municipality.created' ? Number(entry.entity_id) : kalix.municipalityId,
      );
    },
  );

  it.each(scenarios.map((scenario) => [scenario.endpoint, scenario]))(
    '%s refused: no change and no change entry, one security entry',
    async (_endpoint, scenario) => {
      const call = await scenario.refused();
      const before = await api.snapshot();
      const response = await send(call);

      expect(response.status).toBe(call.status);
      const after = await api.snapshot();
      for (const table of call.changes ?? []) after[table] = before[table];
      expect(after).toEqual({ ...before, audit_security: before.audit_security + 1 });
    },
  );

  it('lets the application not change an audit entry', async () => {
    const [entry] = await api.dataSource.query('SELECT id FROM audit_log ORDER BY id LIMIT 1');
    await expect(
      api.dataSource.query(`UPDATE audit_log SET action = 'forged' WHERE id = ?`, [entry.id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      api.dataSource.query('DELETE FROM audit_log WHERE id = ?', [entry.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('reads the audit trail of one object and of one user', async () => {
    const organ = await createOrgan();
    await send({
      method: 'patch',
      path: `/api/v1/organs/${organ}`,
      as: 'admin',
      body: { name: 'Andra namnet' },
    });
    const trail = await send({
      method: 'get' as 'post',
      path: `/api/v1/audit?entityType=organ&entityId=${organ}`,
      as: 'registrator',
    });
    expect(trail.status).toBe(200);
    expect(trail.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'organ.updated',
      'organ.created',
    ]);
    expect(trail.body.entries[0]).toMatchObject({
      before: { name: 'Nämnd' },
      after: { name: 'Andra namnet' },
    });

    const byUser = await send({
      method: 'get' as 'post',
      path: `/api/v1/audit?userId=${kalix.userIds.registrator}&kind=change&limit=1`,
      as: 'admin',
    });
    expect(byUser.body.entries).toHaveLength(1);
    expect(byUser.body.entries[0].actor).toMatchObject({
      type: 'user',
      id: String(kalix.userIds.registrator),
    });
    expect(byUser.body.nextBefore).toEqual(expect.any(Number));
  });
});
