import request from 'supertest';
import { AccessDeclarations } from '../../apps/api/src/http/access-declarations';
import { ApiHarness, startApi } from '../support/api-harness';
import { DEMO_ROLES, seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { TEST_OPERATOR_TOKEN, testConfig } from '../support/test-config';

/**
 * Every endpoint and who may call it, written out by hand. A new endpoint makes this test fail until
 * it is added here, so that someone decides on purpose who may call it.
 */
const EXPECTED_RULES: Record<string, string> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'public',
  'GET /api/v1/municipalities': 'public',
  'GET /api/v1/municipalities/:slug': 'public',
  'POST /api/v1/municipalities': 'operator',
  'GET /api/v1/municipality': 'authenticated',
  'PATCH /api/v1/municipality': 'permission:settings.manage',
  'GET /api/v1/organs': 'authenticated',
  'GET /api/v1/organs/:id': 'authenticated',
  'GET /api/v1/organs/:id/memberships': 'authenticated',
  'POST /api/v1/organs': 'permission:organs.manage',
  'PATCH /api/v1/organs/:id': 'permission:organs.manage',
  'GET /api/v1/people': 'authenticated',
  'GET /api/v1/people/:id': 'authenticated',
  'POST /api/v1/people': 'permission:people.manage',
  'PATCH /api/v1/people/:id': 'permission:people.manage',
  'POST /api/v1/memberships': 'permission:memberships.manage',
  'PATCH /api/v1/memberships/:id': 'permission:memberships.manage',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'authenticated',
  'GET /api/v1/auth/me': 'authenticated',
  'POST /api/v1/auth/password': 'authenticated',
  'GET /api/v1/users': 'permission:users.manage',
  'GET /api/v1/users/:id': 'permission:users.manage',
  'GET /api/v1/users/directory': 'authenticated',
  'POST /api/v1/users': 'permission:users.manage',
  'PATCH /api/v1/users/:id': 'permission:users.manage',
  'PUT /api/v1/users/:id/roles': 'permission:users.manage',
  'POST /api/v1/users/:id/password': 'permission:users.manage',
  'GET /api/v1/service-tokens': 'permission:service-tokens.manage',
  'POST /api/v1/service-tokens': 'permission:service-tokens.manage',
  'DELETE /api/v1/service-tokens/:id': 'permission:service-tokens.manage',
  'GET /api/v1/audit': 'permission:audit.read',
  'GET /api/v1/dnr-series': 'permission:cases.read',
  'POST /api/v1/dnr-series': 'permission:dnr-series.manage',
  'PATCH /api/v1/dnr-series/:id': 'permission:dnr-series.manage',
  'GET /api/v1/classification-codes': 'permission:cases.read',
  'PUT /api/v1/classification-codes': 'permission:classification.manage',
  'POST /api/v1/cases': 'permission:cases.register',
  'POST /api/v1/cases/import': 'permission:cases.register',
  'GET /api/v1/cases': 'permission:cases.read',
  'GET /api/v1/cases/lookup': 'permission:cases.read',
  'GET /api/v1/cases/:id': 'permission:cases.read',
  'PATCH /api/v1/cases/:id': 'permission:cases.register',
  'PUT /api/v1/cases/:id/secrecy': 'permission:secrecy.mark',
  'POST /api/v1/cases/:id/close': 'permission:cases.register',
  'POST /api/v1/cases/:id/reopen': 'permission:cases.register',
  'POST /api/v1/cases/:id/links': 'permission:cases.register',
  'GET /api/v1/cases/:id/documents': 'permission:cases.read',
  'POST /api/v1/cases/:id/documents': 'permission:documents.register',
  'POST /api/v1/documents/:id/files': 'permission:documents.register',
  'GET /api/v1/documents/:id/files/:fileId': 'permission:cases.read',
  'GET /api/v1/public/:municipality/cases': 'public',
  'GET /api/v1/public/:municipality/cases/:id': 'public',
  'GET /api/v1/route-templates': 'permission:cases.read',
  'POST /api/v1/cases/:id/route': 'permission:routes.manage',
  'POST /api/v1/cases/:id/outcomes': 'permission:outcomes.record',
  'GET /api/v1/cases/:id/timeline': 'permission:cases.read',
  'GET /api/v1/organs/:id/ready-cases': 'permission:cases.read',
  'POST /api/v1/cases/:id/tjansteskrivelser': 'permission:tjansteskrivelser.write',
  'GET /api/v1/cases/:id/tjansteskrivelser': 'permission:cases.read',
  'GET /api/v1/tjansteskrivelser/:id': 'permission:cases.read',
  'PATCH /api/v1/tjansteskrivelser/:id': 'permission:tjansteskrivelser.write',
  'POST /api/v1/tjansteskrivelser/:id/submit': 'permission:tjansteskrivelser.write',
  'POST /api/v1/motions': 'permission:cases.register',
  'GET /api/v1/motions': 'permission:cases.read',
  'POST /api/v1/motions/:id/remittance': 'permission:outcomes.record',
  'GET /api/v1/public/:municipality/cases/:id/timeline': 'public',
  'POST /api/v1/meetings': 'permission:meetings.manage',
  'POST /api/v1/organs/:id/meeting-plan': 'permission:meetings.manage',
  'GET /api/v1/obligations': 'permission:followups.manage',
  'GET /api/v1/obligations/schedule-proposal': 'permission:followups.manage',
  'POST /api/v1/obligations': 'permission:followups.manage',
  'GET /api/v1/deadlines': 'permission:followups.manage',
  'POST /api/v1/obligations/:id/confirm': 'permission:followups.manage',
  'POST /api/v1/obligations/:id/dismiss': 'permission:followups.manage',
  'GET /api/v1/annual-followups': 'permission:followups.manage',
  'PUT /api/v1/annual-followups/settings': 'permission:settings.manage',
  'GET /api/v1/followup-reports/:id': 'permission:followups.manage',
  'PUT /api/v1/followup-reports/:id': 'permission:followups.manage',
  'GET /api/v1/followup-reports/:id/document': 'permission:followups.manage',
  'POST /api/v1/plans': 'permission:followups.manage',
  'GET /api/v1/plans': 'permission:followups.manage',
  'GET /api/v1/plans/:id': 'permission:followups.manage',
  'GET /api/v1/plans/:id/document': 'permission:followups.manage',
  'POST /api/v1/budget-timetables': 'permission:followups.manage',
  'POST /api/v1/deadlines/:id/met': 'permission:followups.manage',
  'POST /api/v1/followup-reports/:id/beslutsunderlag': 'permission:followups.manage',
  'PUT /api/v1/plans/:id': 'permission:followups.manage',
  'POST /api/v1/plans/:id/revisions': 'permission:followups.manage',
  'GET /api/v1/organs/:id/indicators': 'permission:followups.manage',
  'POST /api/v1/organs/:id/indicators': 'permission:followups.manage',
  'PUT /api/v1/indicators/:id/values': 'permission:followups.manage',
  'POST /api/v1/organs/:id/indicator-values/import': 'permission:followups.manage',
  'GET /api/v1/organs/:id/economy/:table': 'permission:followups.manage',
  'PUT /api/v1/organs/:id/economy': 'permission:followups.manage',
  'POST /api/v1/organs/:id/economy/import': 'permission:followups.manage',
  'POST /api/v1/me/calendar-feed': 'authenticated',
  'DELETE /api/v1/me/calendar-feed': 'authenticated',
  'GET /api/v1/calendar/:token.ics': 'public',
  'GET /api/v1/me/inbox': 'authenticated',
  'GET /api/v1/me/protocols-to-sign': 'authenticated',
  'POST /api/v1/me/inbox/:id/read': 'authenticated',
  'GET /api/v1/meetings': 'authenticated',
  'GET /api/v1/meetings/:id': 'authenticated',
  'GET /api/v1/meetings/:id/my-notes': 'authenticated',
  'POST /api/v1/meetings/:id/opened': 'authenticated',
  'GET /api/v1/meetings/:id/protocol': 'authenticated',
  'GET /api/v1/meetings/:id/documents/:documentId/files/:fileId': 'authenticated',
  'PUT /api/v1/meetings/:id/items/:itemId/my-note': 'authenticated',
  'DELETE /api/v1/meetings/:id/items/:itemId/my-note': 'authenticated',
  'POST /api/v1/meetings/:id/items': 'permission:meetings.manage',
  'PATCH /api/v1/meetings/:id/items/:itemId': 'permission:meetings.manage',
  'DELETE /api/v1/meetings/:id/items/:itemId': 'permission:meetings.manage',
  'PUT /api/v1/meetings/:id/order': 'permission:meetings.manage',
  'POST /api/v1/meetings/:id/items/:itemId/move': 'permission:meetings.manage',
  'POST /api/v1/meetings/:id/cancel': 'permission:meetings.manage',
  'POST /api/v1/meetings/:id/kallelse': 'permission:meetings.manage',
  'GET /api/v1/meetings/:id/kallelse': 'authenticated',
  'GET /api/v1/meetings/:id/kallelse/files/:fileId': 'authenticated',
  'POST /api/v1/notices': 'permission:notices.register',
  'POST /api/v1/notices/:id/remiss-outcome': 'permission:notices.register',
  'GET /api/v1/organs/:id/delegation-decisions': 'permission:delegation.register',
  'GET /api/v1/organs/:id/delegation-order': 'authenticated',
  'PUT /api/v1/organs/:id/delegation-order': 'permission:meetings.manage',
  'POST /api/v1/delegation-decisions': 'permission:delegation.register',
  'GET /api/v1/public/:municipality/meetings/:id/kallelse': 'public',
  'GET /api/v1/public/:municipality/meetings/:id/kallelse/files/:fileId': 'public',
  'POST /api/v1/meetings/:id/protocol': 'permission:meetings.manage',
  'GET /api/v1/protocols/:id': 'authenticated',
  'GET /api/v1/protocols/:id/files/:fileId': 'authenticated',
  'PATCH /api/v1/protocols/:id': 'permission:meetings.manage',
  'PATCH /api/v1/protocols/:id/paragraphs/:paragraphId': 'permission:meetings.manage',
  'POST /api/v1/protocols/:id/lock': 'permission:meetings.manage',
  'POST /api/v1/protocols/:id/paragraphs/:paragraphId/immediate-justering':
    'permission:meetings.manage',
  'POST /api/v1/protocols/:id/paragraphs/:paragraphId/reservation-reasons':
    'permission:meetings.manage',
  'POST /api/v1/protocols/:id/paragraphs/:paragraphId/signatures': 'authenticated',
  'POST /api/v1/protocols/:id/signatures': 'authenticated',
  'GET /api/v1/public/:municipality/anslag': 'public',
  'GET /anslagstavla/:municipality': 'public',
  // Records kept right: the dokumenthanteringsplan, holds and gallringslistor.
  'GET /api/v1/retention-plan': 'permission:cases.read',
  'GET /api/v1/retention-plan/versions': 'permission:cases.read',
  'GET /api/v1/retention-plan/versions/:version': 'permission:cases.read',
  'POST /api/v1/retention-plan': 'permission:records.manage',
  'GET /api/v1/cases/:id/holds': 'permission:cases.read',
  'POST /api/v1/cases/:id/holds': 'permission:records.manage',
  'POST /api/v1/record-holds/:id/lift': 'permission:records.manage',
  'GET /api/v1/gallring-lists': 'permission:records.manage',
  'POST /api/v1/gallring-lists': 'permission:records.manage',
  'GET /api/v1/gallring-lists/:id': 'permission:records.manage',
  'POST /api/v1/gallring-lists/:id/approve': 'permission:records.manage',
  'POST /api/v1/gallring-lists/:id/reject': 'permission:records.manage',
  'GET /api/v1/archive-deliveries': 'permission:records.manage',
  'POST /api/v1/archive-deliveries': 'permission:records.manage',
  'GET /api/v1/archive-deliveries/:id': 'permission:records.manage',
  'GET /api/v1/archive-deliveries/:id/receipt': 'permission:records.manage',
  'GET /api/v1/archive-deliveries/:id/package': 'permission:records.manage',
  'GET /api/v1/closing-suggestions': 'permission:records.manage',
  'GET /api/v1/document-requests': 'permission:records.manage',
  'POST /api/v1/document-requests': 'permission:records.manage',
  'GET /api/v1/document-requests/:id': 'permission:records.manage',
  'POST /api/v1/document-requests/:id/items/:itemId/decision': 'permission:records.manage',
  'POST /api/v1/document-requests/:id/decide': 'permission:records.manage',
  // The change feed's subscriptions.
  'GET /api/v1/webhooks': 'permission:service-tokens.manage',
  'POST /api/v1/webhooks': 'permission:service-tokens.manage',
  'POST /api/v1/webhooks/:id/resume': 'permission:service-tokens.manage',
  'DELETE /api/v1/webhooks/:id': 'permission:service-tokens.manage',
  'GET /api/v1/webhooks/:id/deliveries': 'permission:service-tokens.manage',
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/resend': 'permission:service-tokens.manage',
  // The portal for residents.
  'GET /portal/:municipality': 'public',
  'GET /portal/:municipality/organ/:id': 'public',
  'GET /portal/:municipality/moten/:id': 'public',
  'GET /portal/:municipality/diarium': 'public',
  'GET /portal/:municipality/arenden/:id': 'public',
  'POST /portal/:municipality/arenden/:id/folj': 'public',
  'GET /portal/:municipality/folj/:token': 'public',
  'POST /portal/:municipality/folj/:token/bekrafta': 'public',
  'GET /portal/:municipality/folj/:token/avsluta': 'public',
  'POST /portal/:municipality/folj/:token/avsluta': 'public',
  // OParl 1.1: the public record as open data.
  'GET /oparl/v1': 'public',
  'GET /oparl/v1/bodies': 'public',
  'GET /oparl/v1/bodies/:slug': 'public',
  'GET /oparl/v1/bodies/:slug/agenda-items': 'public',
  'GET /oparl/v1/bodies/:slug/agenda-items/:id': 'public',
  'GET /oparl/v1/bodies/:slug/consultations': 'public',
  'GET /oparl/v1/bodies/:slug/consultations/:id': 'public',
  'GET /oparl/v1/bodies/:slug/files/:key': 'public',
  'GET /oparl/v1/bodies/:slug/files/:key/content': 'public',
  'GET /oparl/v1/bodies/:slug/legislative-terms': 'public',
  'GET /oparl/v1/bodies/:slug/legislative-terms/:start': 'public',
  'GET /oparl/v1/bodies/:slug/locations': 'public',
  'GET /oparl/v1/bodies/:slug/locations/:key': 'public',
  'GET /oparl/v1/bodies/:slug/meetings': 'public',
  'GET /oparl/v1/bodies/:slug/meetings/:id': 'public',
  'GET /oparl/v1/bodies/:slug/memberships': 'public',
  'GET /oparl/v1/bodies/:slug/memberships/:id': 'public',
  'GET /oparl/v1/bodies/:slug/organizations': 'public',
  'GET /oparl/v1/bodies/:slug/organizations/:key': 'public',
  'GET /oparl/v1/bodies/:slug/papers': 'public',
  'GET /oparl/v1/bodies/:slug/papers/:id': 'public',
  'GET /oparl/v1/bodies/:slug/people': 'public',
  'GET /oparl/v1/bodies/:slug/people/:id': 'public',
};

const EVERY_USER = [...DEMO_ROLES];

/** Who gets past the guard under each rule (demo users by name, plus anonymous and operator). */
const ALLOWED: Record<string, string[]> = {
  public: ['anonymous', 'operator', ...EVERY_USER],
  operator: ['operator'],
  authenticated: EVERY_USER,
  'permission:settings.manage': ['admin'],
  'permission:organs.manage': ['admin'],
  'permission:people.manage': ['admin', 'registrator'],
  'permission:memberships.manage': ['admin', 'sekreterare'],
  'permission:users.manage': ['admin'],
  'permission:service-tokens.manage': ['admin'],
  'permission:audit.read': ['admin', 'registrator'],
  'permission:cases.read': [
    'admin',
    'registrator',
    'handlaggare',
    'naringslivschef',
    'sekreterare',
  ],
  'permission:cases.register': ['admin', 'registrator'],
  'permission:documents.register': ['admin', 'registrator', 'handlaggare', 'naringslivschef'],
  'permission:secrecy.mark': ['admin', 'registrator'],
  'permission:classification.manage': ['admin', 'registrator'],
  'permission:dnr-series.manage': ['admin'],
  'permission:routes.manage': ['admin', 'registrator'],
  'permission:outcomes.record': ['admin', 'sekreterare'],
  'permission:tjansteskrivelser.write': ['admin', 'handlaggare', 'naringslivschef'],
  'permission:meetings.manage': ['admin', 'sekreterare'],
  'permission:notices.register': ['admin', 'registrator', 'sekreterare'],
  'permission:delegation.register': [
    'admin',
    'registrator',
    'handlaggare',
    'naringslivschef',
    'sekreterare',
  ],
  'permission:followups.manage': [
    'admin',
    'registrator',
    'handlaggare',
    'naringslivschef',
    'sekreterare',
  ],
  'permission:records.manage': ['admin', 'registrator'],
};

describe('Authorisation matrix', () => {
  const config = testConfig({ APP_DEMO: 'true' });
  let api: ApiHarness;
  let kalix: Tenant;

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config);
    kalix = await seedTenant(api, 'kalix');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('declares exactly the endpoints and rules this test expects', () => {
    const declared = Object.fromEntries(
      api.app
        .get(AccessDeclarations)
        .routes()
        .map((route) => [`${route.method} ${route.path}`, route.access]),
    );
    expect(declared).toEqual(EXPECTED_RULES);
  });

  it('gives every caller the status its role allows on every endpoint', async () => {
    const callers = ['anonymous', 'operator', ...EVERY_USER];
    const authorization = (caller: string): string | undefined =>
      caller === 'anonymous'
        ? undefined
        : `Bearer ${caller === 'operator' ? TEST_OPERATOR_TOKEN : kalix.tokens[caller]}`;
    // Logging out spends the caller's token: walk it last.
    const endpoints = Object.keys(EXPECTED_RULES).sort(
      (a, b) => Number(a.endsWith('/logout')) - Number(b.endsWith('/logout')),
    );
    const mismatches: string[] = [];
    for (const endpoint of endpoints) {
      const [method, template] = endpoint.split(' ');
      const path = template
        .replace(':slug', 'kalix')
        .replace(':municipality', 'kalix')
        .replace(':id', '999999')
        .replace(':fileId', '999999')
        .replace(':itemId', '999999')
        .replace(':paragraphId', '999999')
        .replace(':token', 'okand-lank');
      const allowed = ALLOWED[EXPECTED_RULES[endpoint]];
      for (const caller of callers) {
        let call = request(api.app.getHttpServer())[method.toLowerCase() as 'get'](path);
        const header = authorization(caller);
        if (header) call = call.set('Authorization', header);
        const response = method === 'GET' || method === 'DELETE' ? await call : await call.send({});
        const refused = response.status === 401 || response.status === 403;
        const expected = allowed.includes(caller)
          ? 'allowed'
          : caller === 'anonymous' ||
              EXPECTED_RULES[endpoint] === 'operator' ||
              caller === 'operator'
            ? 401
            : 403;
        const ok =
          expected === 'allowed' ? !refused && response.status < 500 : response.status === expected;
        if (!ok)
          mismatches.push(`${endpoint} as ${caller}: got ${response.status}, expected ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
