import fc from 'fast-check';
import request from 'supertest';
import { AccessDeclarations } from '../../apps/api/src/http/access-declarations';
import { ApiHarness, startApi } from '../support/api-harness';
import {
  insertBudgetDeadline,
  insertDraftReport,
  insertProposedObligation,
} from '../support/followup-rows';
import { idsOf, seedTenant, Tenant } from '../support/identity';
import { resetServices } from '../support/services';
import { TEST_OPERATOR_TOKEN, testConfig } from '../support/test-config';

interface Target {
  method: 'post' | 'patch' | 'put';
  path: string;
  caller: 'admin' | 'operator' | 'anonymous';
  /** A body that passes validation, which the variants below spoil one way at a time. */
  valid: Record<string, unknown>;
  /** Fields whose format is constrained (codes, slugs, user names, dates, enums). */
  constrained: string[];
}

const SQL = "x'; DROP TABLE users; --";

describe('Hostile input', () => {
  const config = testConfig({
    APP_DEMO: 'true',
    APP_BODY_LIMIT_BYTES: '4096',
    FILES_MAX_BYTES: '16384',
  });
  let api: ApiHarness;
  let kalix: Tenant;
  let targets: Target[];

  const send = (target: Pick<Target, 'method' | 'path' | 'caller'>, rawBody: string) => {
    const server = request(api.app.getHttpServer());
    let call = server[target.method](target.path).set('Content-Type', 'application/json');
    if (target.caller !== 'anonymous') {
      call = call.set(
        'Authorization',
        `Bearer ${target.caller === 'operator' ? TEST_OPERATOR_TOKEN : kalix.tokens.admin}`,
      );
    }
    return call.send(rawBody);
  };

  /** Sends a body that must be refused: a 4xx, and nothing but a security audit entry written. */
  const expectRefusedWithoutWrites = async (target: Target, rawBody: string, label: string) => {
    const before = await api.snapshot();
    const response = await send(target, rawBody);
    const after = await api.snapshot();
    const wrote = Object.keys(before).filter(
      (key) => key !== 'audit_security' && before[key] !== after[key],
    );
    return response.status >= 400 && response.status < 500 && wrote.length === 0
      ? null
      : `${label} → ${response.status}${wrote.length ? `, wrote ${wrote.join(', ')}` : ''}`;
  };

  beforeAll(async () => {
    await resetServices(config);
    api = await startApi(config);
    kalix = await seedTenant(api, 'kalix');
    const [, ks] = await idsOf(api, 'organs', kalix.municipalityId);
    const [person] = await idsOf(api, 'people', kalix.municipalityId);
    const [membership] = await idsOf(api, 'memberships', kalix.municipalityId);
    const user = kalix.userIds.ledamot;
    const [caseId, otherCaseId] = await idsOf(api, 'cases', kalix.municipalityId);
    const [seriesId] = await idsOf(api, 'dnr_series', kalix.municipalityId);
    const [meeting] = await idsOf(api, 'meetings', kalix.municipalityId);
    const [item] = await idsOf(api, 'agenda_items', kalix.municipalityId);
    // A proposed obligation (as a decision's follow-up clause gives one) and a draft report.
    const proposed = await insertProposedObligation(api, kalix.municipalityId);
    const report = await insertDraftReport(api, kalix.municipalityId);
    const deadline = await insertBudgetDeadline(api, kalix.municipalityId, ks, 2031);
    // A draft plan of KS's and an indicator of its.
    const plan = (
      await request(api.app.getHttpServer())
        .post('/api/v1/plans')
        .set('Authorization', `Bearer ${kalix.tokens.admin}`)
        .send({ organId: ks, firstYear: 2031, lastYear: 2031 })
        .expect(201)
    ).body.id as number;
    const indicator = (
      await request(api.app.getHttpServer())
        .post(`/api/v1/organs/${ks}/indicators`)
        .set('Authorization', `Bearer ${kalix.tokens.admin}`)
        .send({ name: 'Mätetal', unit: '%', source: 'Kolada', direction: 'increase' })
        .expect(201)
    ).body.id as number;
    const webhook = (
      await request(api.app.getHttpServer())
        .post('/api/v1/webhooks')
        .set('Authorization', `Bearer ${kalix.tokens.admin}`)
        .send({
          url: 'https://webb.kalix.example/hook',
          events: ['case.changed'],
          contactEmail: 'webb@kalix.example',
        })
        .expect(201)
    ).body.id as number;
    targets = [
      {
        method: 'post',
        path: `/portal/kalix/arenden/${caseId}/folj`,
        caller: 'admin',
        valid: { epost: 'invanare@example.se' },
        constrained: ['epost'],
      },
      {
        method: 'post',
        path: '/api/v1/webhooks',
        caller: 'admin',
        valid: {
          url: 'https://webb.kalix.example/hook',
          events: ['meeting.changed'],
          contactEmail: 'webb@kalix.example',
        },
        constrained: ['url', 'contactEmail'],
      },
      {
        method: 'post',
        path: '/api/v1/retention-plan',
        caller: 'admin',
        valid: {
          basedOn: 0,
          decision: 'KS 2031-01-01 § 1',
          rules: [
            {
              classificationCode: '00',
              description: 'Allmänt',
              action: 'gallras',
              afterMonths: 24,
              countedFrom: 'closing',
              legalBasis: 'Gallringsbeslut',
            },
          ],
        },
        constrained: [],
      },
      {
        method: 'post',
        path: `/api/v1/cases/${caseId}/close`,
        caller: 'admin',
        valid: { version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: `/api/v1/cases/${caseId}/reopen`,
        caller: 'admin',
        valid: { reason: 'Ärendet tas upp igen.' },
        constrained: [],
      },
      {
        method: 'post',
        path: `/api/v1/cases/${caseId}/holds`,
        caller: 'admin',
        valid: { reason: 'litigation', note: 'Tvist' },
        constrained: ['reason'],
      },
      {
        method: 'post',
        path: '/api/v1/record-holds/1/lift',
        caller: 'admin',
        valid: { version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/document-requests',
        caller: 'admin',
        valid: { requester: 'Anna', description: 'Handlingar', documentIds: [1] },
        constrained: ['receivedAt'],
      },
      {
        method: 'post',
        path: '/api/v1/document-requests/1/items/1/decision',
        caller: 'admin',
        valid: { decision: 'refuse', oslProvision: 'OSL 26 kap. 1 §' },
        constrained: ['decision'],
      },
      {
        method: 'post',
        path: '/api/v1/document-requests/1/decide',
        caller: 'admin',
        valid: { version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/archive-deliveries',
        caller: 'admin',
        valid: { closedBefore: '2020-01-01', classificationCode: '99' },
        constrained: ['closedBefore'],
      },
      {
        method: 'post',
        path: '/api/v1/gallring-lists/1/approve',
        caller: 'admin',
        valid: { excludedItemIds: [1] },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/gallring-lists/1/reject',
        caller: 'admin',
        valid: { version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: `/api/v1/webhooks/${webhook}/resume`,
        caller: 'admin',
        valid: { version: 1 },
        constrained: [],
      },
      {
        method: 'put',
        path: `/api/v1/meetings/${meeting}/items/${item}/my-note`,
        caller: 'admin',
        valid: { text: 'Min anteckning' },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/budget-timetables',
        caller: 'admin',
        valid: {
          budgetYear: 2031,
          steps: [{ when: '2031-03', what: 'Nämnderna beslutar', actor: 'boards' }],
        },
        constrained: ['steps', 'budgetYear'],
      },
      {
        method: 'post',
        path: `/api/v1/deadlines/${deadline}/met`,
        caller: 'admin',
        valid: {},
        constrained: ['caseId'],
      },
      {
        method: 'post',
        path: '/api/v1/plans',
        caller: 'admin',
        valid: { organId: ks, firstYear: 2032, lastYear: 2032 },
        constrained: ['firstYear'],
      },
      {
        method: 'put',
        path: `/api/v1/plans/${plan}`,
        caller: 'admin',
        valid: { version: 1, areas: [{ key: 'a', title: 'Trygg i Luleå' }] },
        constrained: ['areas'],
      },
      {
        method: 'post',
        path: `/api/v1/organs/${ks}/indicators`,
        caller: 'admin',
        valid: { name: 'Mätetal 2', unit: '%', source: 'Kolada', direction: 'increase' },
        constrained: ['direction'],
      },
      {
        method: 'put',
        path: `/api/v1/indicators/${indicator}/values`,
        caller: 'admin',
        valid: { values: [{ year: 2024, value: 41.5 }] },
        constrained: ['values'],
      },
      {
        method: 'post',
        path: `/api/v1/organs/${ks}/indicator-values/import`,
        caller: 'admin',
        valid: { csv: 'kpi,municipality,period,gender,value\n' },
        constrained: ['csv'],
      },
      {
        method: 'put',
        path: `/api/v1/organs/${ks}/economy`,
        caller: 'admin',
        valid: { rows: [{ table: 'drift', code: '1110', name: 'KC Ekonomi' }] },
        constrained: ['rows'],
      },
      {
        method: 'post',
        path: `/api/v1/organs/${ks}/economy/import`,
        caller: 'admin',
        valid: { csv: 'table;code;name;parent;year;period;measure;value\n' },
        constrained: ['csv'],
      },
      {
        method: 'post',
        path: `/api/v1/obligations/${proposed}/confirm`,
        caller: 'admin',
        valid: {
          rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
          firstDue: '2031-02-28',
          leadDays: 30,
        },
        constrained: ['rrule', 'firstDue'],
      },
      {
        method: 'post',
        path: `/api/v1/obligations/${proposed}/dismiss`,
        caller: 'admin',
        valid: { reason: 'Redovisas i årsredovisningen' },
        constrained: [],
      },
      {
        method: 'put',
        path: '/api/v1/annual-followups/settings',
        caller: 'admin',
        valid: {
          rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
          leadDays: 55,
          reminderDays: [14],
          version: 0,
        },
        constrained: ['rrule'],
      },
      {
        method: 'put',
        path: `/api/v1/followup-reports/${report}`,
        caller: 'admin',
        valid: {
          version: 1,
          goals: [{ title: 'Mål', assessment: 'Helt uppfyllt', trend: 'up', comment: '' }],
          kfAssignments: [{ title: 'Uppdrag', status: 'done', comment: '' }],
        },
        constrained: ['goals', 'kfAssignments'],
      },
      {
        method: 'post',
        path: `/api/v1/meetings/${meeting}/protocol`,
        caller: 'admin',
        valid: {
          chairUserId: kalix.userIds.ordforande,
          adjusterUserIds: [kalix.userIds.justerare],
        },
        constrained: [],
      },
      {
        method: 'patch',
        path: '/api/v1/protocols/1/paragraphs/1',
        caller: 'admin',
        valid: { outcome: 'proposal', decisionText: 'Förslag', version: 1 },
        constrained: ['outcome'],
      },
      {
        method: 'post',
        path: '/api/v1/obligations',
        caller: 'admin',
        valid: {
          title: 'Årlig uppföljning',
          caseId,
          rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
          firstDue: '2031-02-28',
          reminderDays: [14, 3],
        },
        constrained: ['rrule', 'firstDue', 'reminderDays'],
      },
      {
        method: 'patch',
        path: '/api/v1/protocols/1',
        caller: 'admin',
        valid: {
          version: 1,
          attendance: { members: [{ name: 'Anna Larsson' }], substitutes: [], others: [] },
          justeringAt: '2023-12-13T13:00',
        },
        constrained: ['justeringAt'],
      },
      {
        method: 'post',
        path: '/api/v1/protocols/1/paragraphs/1/reservation-reasons',
        caller: 'admin',
        valid: { member: 'Anna Larsson', reasons: 'Skälen.' },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/protocols/1/paragraphs/1/immediate-justering',
        caller: 'admin',
        valid: { version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/protocols/1/paragraphs/1/signatures',
        caller: 'admin',
        valid: { contentHash: 'a'.repeat(64) },
        constrained: ['contentHash'],
      },
      {
        method: 'post',
        path: '/api/v1/protocols/1/lock',
        caller: 'admin',
        valid: { version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/protocols/1/signatures',
        caller: 'admin',
        valid: { contentHash: 'a'.repeat(64) },
        constrained: ['contentHash'],
      },
      {
        method: 'post',
        path: `/api/v1/organs/${ks}/meeting-plan`,
        caller: 'admin',
        valid: { year: 2031, meetings: [{ startsAt: '2031-02-10T09:00', place: 'Sessionssalen' }] },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/meetings',
        caller: 'admin',
        valid: { organId: ks, startsAt: '2024-01-15T09:00', place: 'Sessionssalen' },
        constrained: ['startsAt'],
      },
      {
        method: 'post',
        path: `/api/v1/meetings/${meeting}/items`,
        caller: 'admin',
        valid: { kind: 'information', title: 'Information', version: 1 },
        constrained: ['kind'],
      },
      {
        method: 'patch',
        path: `/api/v1/meetings/${meeting}/items/${item}`,
        caller: 'admin',
        valid: { title: 'Upprop', version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: `/api/v1/meetings/${meeting}/items/${item}/move`,
        caller: 'admin',
        valid: { toMeetingId: meeting, toVersion: 1, version: 1 },
        constrained: [],
      },
      {
        method: 'put',
        path: `/api/v1/meetings/${meeting}/order`,
        caller: 'admin',
        valid: { itemIds: [item], version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: `/api/v1/meetings/${meeting}/cancel`,
        caller: 'admin',
        valid: { reason: 'Inställt', version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: `/api/v1/meetings/${meeting}/kallelse`,
        caller: 'admin',
        valid: { version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/notices',
        caller: 'admin',
        valid: { organId: ks, sender: 'Länsstyrelsen', receivedOn: '2023-11-16', text: 'Beslut' },
        constrained: ['receivedOn'],
      },
      {
        method: 'post',
        path: '/api/v1/notices/1/remiss-outcome',
        caller: 'admin',
        valid: { outcome: 'declined', reason: 'Avstår' },
        constrained: ['outcome'],
      },
      {
        method: 'put',
        path: `/api/v1/organs/${ks}/delegation-order`,
        caller: 'admin',
        valid: { points: [{ code: '10.1', text: 'Upphandling' }] },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/delegation-decisions',
        caller: 'admin',
        valid: {
          organId: ks,
          delegate: 'Jeanette Larsson',
          summary: 'Placerat lån',
          pointCode: '7.1',
        },
        constrained: ['pointCode'],
      },
      {
        method: 'post',
        path: `/api/v1/cases/${caseId}/route`,
        caller: 'admin',
        valid: { template: 'ks-direkt' },
        constrained: ['template'],
      },
      {
        method: 'post',
        path: `/api/v1/cases/${caseId}/outcomes`,
        caller: 'admin',
        valid: { kind: 'bordlaggning', meetingDate: '2023-12-11', paragraph: 4 },
        constrained: ['kind', 'meetingDate'],
      },
      {
        method: 'post',
        path: `/api/v1/cases/${caseId}/tjansteskrivelser`,
        caller: 'admin',
        valid: { authorTitle: 'Ekonomichef', proposalClauses: ['godkänna redovisningen'] },
        constrained: ['documentDate'],
      },
      {
        method: 'patch',
        path: '/api/v1/tjansteskrivelser/1',
        caller: 'admin',
        valid: { summary: 'Sammanfattning', documentDate: '2023-11-14' },
        constrained: ['documentDate'],
      },
      {
        method: 'post',
        path: '/api/v1/tjansteskrivelser/1/submit',
        caller: 'admin',
        valid: { version: 1 },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/motions',
        caller: 'admin',
        valid: {
          title: 'Motion om skyddsrum',
          submittedOn: '2023-10-16',
          authors: [{ name: 'Carl Otto Gählman', party: 'FIK' }],
        },
        constrained: ['submittedOn'],
      },
      {
        method: 'post',
        path: `/api/v1/motions/${caseId}/remittance`,
        caller: 'admin',
        valid: { decidedOn: '2023-10-16', paragraph: 159 },
        constrained: ['decidedOn'],
      },
      {
        method: 'post',
        path: '/api/v1/dnr-series',
        caller: 'admin',
        valid: { code: 'TN', name: 'Tekniska nämndens diarium', format: 'TN {year}/{serial}' },
        constrained: ['code', 'format'],
      },
      {
        method: 'patch',
        path: `/api/v1/dnr-series/${seriesId}`,
        caller: 'admin',
        valid: { name: 'Kommunstyrelsens diarium' },
        constrained: ['format'],
      },
      {
        method: 'put',
        path: '/api/v1/classification-codes',
        caller: 'admin',
        valid: { codes: [{ code: '99', title: 'Övrigt' }] },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/cases',
        caller: 'admin',
        valid: { title: 'Nytt ärende om budget', classificationCode: '04' },
        constrained: ['classificationCode'],
      },
      {
        method: 'post',
        path: '/api/v1/cases/import',
        caller: 'admin',
        valid: { dnr: '2016-00001', title: 'Gammalt ärende', registeredAt: '2016-01-04T10:00:00Z' },
        constrained: ['dnr', 'registeredAt'],
      },
      {
        method: 'patch',
        path: `/api/v1/cases/${caseId}`,
        caller: 'admin',
        valid: { unit: 'Ekonomienheten' },
        constrained: [],
      },
      {
        method: 'put',
        path: `/api/v1/cases/${caseId}/secrecy`,
        caller: 'admin',
        valid: { osl: 'OSL 26 kap. 1 §', publicTitle: 'Ärende enligt socialtjänstlagen' },
        constrained: [],
      },
      {
        method: 'post',
        path: `/api/v1/cases/${caseId}/links`,
        caller: 'admin',
        valid: { relatedCaseId: otherCaseId },
        constrained: [],
      },
      {
        method: 'post',
        path: `/api/v1/cases/${caseId}/documents`,
        caller: 'admin',
        valid: {
          direction: 'inkommande',
          date: '2024-01-02',
          description: 'Brev från medborgare',
          type: 'skrivelse',
        },
        constrained: ['direction', 'date', 'type'],
      },
      {
        method: 'post',
        path: '/api/v1/municipalities',
        caller: 'operator',
        valid: { slug: 'ny-kommun', name: 'Ny kommun' },
        constrained: ['slug'],
      },
      {
        method: 'patch',
        path: '/api/v1/municipality',
        caller: 'admin',
        valid: { name: 'Kalix kommun', timeZone: 'Europe/Stockholm' },
        constrained: ['timeZone'],
      },
      {
        method: 'post',
        path: '/api/v1/organs',
        caller: 'admin',
        valid: { code: 'TN', name: 'Tekniska nämnden', kind: 'nämnd' },
        constrained: ['code', 'kind'],
      },
      {
        method: 'patch',
        path: `/api/v1/organs/${ks}`,
        caller: 'admin',
        valid: { name: 'Kommunstyrelsen', kind: 'styrelse' },
        constrained: ['kind'],
      },
      {
        method: 'post',
        path: '/api/v1/people',
        caller: 'admin',
        valid: { name: 'Ny Person', email: 'ny@kalix.se' },
        constrained: ['email'],
      },
      {
        method: 'patch',
        path: `/api/v1/people/${person}`,
        caller: 'admin',
        valid: { name: 'Ny Person', email: 'ny@kalix.se' },
        constrained: ['email'],
      },
      {
        method: 'post',
        path: '/api/v1/memberships',
        caller: 'admin',
        valid: { organId: ks, personId: person, role: 'ledamot', validFrom: '2024-01-01' },
        constrained: ['role', 'validFrom'],
      },
      {
        method: 'patch',
        path: `/api/v1/memberships/${membership}`,
        caller: 'admin',
        valid: { party: 'S', validTo: '2026-12-31' },
        constrained: ['validTo'],
      },
      {
        method: 'post',
        path: '/api/v1/auth/login',
        caller: 'anonymous',
        valid: { municipality: 'kalix', username: 'ledamot', password: 'demo' },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/auth/refresh',
        caller: 'anonymous',
        valid: { refreshToken: 'nfr_0123456789abcdef' },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/auth/password',
        caller: 'admin',
        valid: { currentPassword: 'demo', newPassword: 'ett långt lösenord 77' },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/users',
        caller: 'admin',
        valid: { username: 'ny.user', displayName: 'Ny' },
        constrained: ['username'],
      },
      {
        method: 'patch',
        path: `/api/v1/users/${user}`,
        caller: 'admin',
        valid: { displayName: 'Demoledamot Ett' },
        constrained: [],
      },
      {
        method: 'put',
        path: `/api/v1/users/${user}/roles`,
        caller: 'admin',
        valid: { roles: [] },
        constrained: [],
      },
      {
        method: 'post',
        path: `/api/v1/users/${user}/password`,
        caller: 'admin',
        valid: { password: 'ett långt lösenord 78' },
        constrained: [],
      },
      {
        method: 'post',
        path: '/api/v1/service-tokens',
        caller: 'admin',
        valid: { name: 'Webb', roles: [] },
        constrained: [],
      },
    ];
  });

  afterAll(async () => {
    await api?.close();
  });

  it('covers every mutating endpoint that takes a body', () => {
    const withBody = api.app
      .get(AccessDeclarations)
      .routes()
      // Logout, a new calendar feed, reading a message, revising a plan, a report's PDF as a
      // beslutsunderlag, opening a meeting, sending a webhook event again and a resident's
      // confirming or stopping a follow (a form of one button), and drawing a gallringslista take no body; file uploads take bytes and are
      // tested on their own below.
      .filter(
        (route) =>
          !['GET', 'DELETE'].includes(route.method) &&
          !route.path.endsWith('/logout') &&
          !route.path.endsWith('/calendar-feed') &&
          !route.path.endsWith('/inbox/:id/read') &&
          !route.path.endsWith('/revisions') &&
          !route.path.endsWith('/beslutsunderlag') &&
          !route.path.endsWith('/opened') &&
          !route.path.endsWith('/resend') &&
          !route.path.endsWith('/bekrafta') &&
          !route.path.endsWith('/avsluta') &&
          !route.path.endsWith('/gallring-lists') &&
          !route.path.endsWith('/files'),
      )
      .map((route) => `${route.method} ${route.path}`)
      .sort();
    const covered = targets
      .map(
        (t) =>
          `${t.method.toUpperCase()} ${t.path
            .replace('/portal/kalix/', '/portal/:municipality/')
            .replace(/\/\d+/, '/:id')
            .replace(/\/items\/\d+/, '/items/:itemId')
            .replace(/\/paragraphs\/\d+/, '/paragraphs/:paragraphId')}`,
      )
      .sort();
    expect(covered).toEqual(withBody);
  });

  it('refuses unknown fields, wrong types, SQL in constrained fields, malformed and oversized bodies, writing nothing', async () => {
    const failures: string[] = [];
    for (const target of targets) {
      const name = `${target.method.toUpperCase()} ${target.path}`;
      const variants: Array<[string, string]> = [
        ['unknown field', JSON.stringify({ ...target.valid, isAdmin: true })],
        [
          'prototype pollution',
          `{"__proto__": {"admin": true}, ${JSON.stringify(target.valid).slice(1)}`,
        ],
        ['malformed JSON', JSON.stringify(target.valid).slice(0, -1)],
        ['oversized body', JSON.stringify({ ...target.valid, padding: 'x'.repeat(8192) })],
        ['array instead of object', JSON.stringify([target.valid])],
      ];
      for (const field of Object.keys(target.valid)) {
        variants.push([
          `${field} as an object`,
          JSON.stringify({ ...target.valid, [field]: { $gt: '' } }),
        ]);
        variants.push([
          `${field} as a number`,
          JSON.stringify({
            ...target.valid,
            [field]: typeof target.valid[field] === 'number' ? 'ett' : 1e308,
          }),
        ]);
      }
      for (const field of target.constrained) {
        variants.push([`SQL in ${field}`, JSON.stringify({ ...target.valid, [field]: SQL })]);
      }
      for (const [label, body] of variants) {
        const failure = await expectRefusedWithoutWrites(target, body, `${name}: ${label}`);
        if (failure) failures.push(failure);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses files of a wrong type, with disguised contents, over the size limit or empty, writing nothing', async () => {
    const [caseId] = await idsOf(api, 'cases', kalix.municipalityId);
    const document = await request(api.app.getHttpServer())
      .post(`/api/v1/cases/${caseId}/documents`)
      .set('Authorization', `Bearer ${kalix.tokens.admin}`)
      .send({ direction: 'inkommande', date: '2024-01-02', description: 'Bilaga', type: 'ovrigt' })
      .expect(201);
    const upload = (type: string, data: Buffer, filename = 'bilaga.pdf') =>
      request(api.app.getHttpServer())
        .post(
          `/api/v1/documents/${document.body.id}/files?filename=${encodeURIComponent(filename)}`,
        )
        .set('Authorization', `Bearer ${kalix.tokens.admin}`)
        .set('Content-Type', type)
        .send(data);
    const cases: Array<[string, () => request.Test, number, string]> = [
      [
        'an executable',
        () => upload('application/x-msdownload', Buffer.from('MZ\x90\x00')),
        415,
        'unsupported-media-type',
      ],
      [
        'an exe claiming to be a PDF',
        () => upload('application/pdf', Buffer.from('MZ\x90\x00 not a pdf')),
        415,
        'content-mismatch',
      ],
      [
        'a file over the limit',
        () =>
          upload('application/pdf', Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(20_000)])),
        413,
        'payload-too-large',
      ],
      ['an empty file', () => upload('application/pdf', Buffer.alloc(0)), 422, 'empty-file'],
      [
        'a path in the file name',
        () => upload('application/pdf', Buffer.from('%PDF-1.7'), '../../etc/passwd'),
        422,
        'validation-failed',
      ],
    ];
    const failures: string[] = [];
    for (const [label, send, status, code] of cases) {
      const before = await api.snapshot();
      const [{ n: filesBefore }] = await api.dataSource.query(
        'SELECT COUNT(*) AS n FROM document_files',
      );
      const response = await send();
      const after = await api.snapshot();
      const [{ n: filesAfter }] = await api.dataSource.query(
        'SELECT COUNT(*) AS n FROM document_files',
      );
      const wrote = Object.keys(before).filter(
        (key) => key !== 'audit_security' && before[key] !== after[key],
      );
      if (
        response.status !== status ||
        response.body.code !== code ||
        wrote.length ||
        filesAfter !== filesBefore
      ) {
        failures.push(
          `${label}: ${response.status} ${response.body.code}${wrote.length ? ` wrote ${wrote}` : ''}`,
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('takes a file larger than a JSON body may be, up to the files’ limit, and reads other bodies only to the JSON limit', async () => {
    const [caseId] = await idsOf(api, 'cases', kalix.municipalityId);
    const http = () => request(api.app.getHttpServer());
    const auth = `Bearer ${kalix.tokens.admin}`;
    const document = await http()
      .post(`/api/v1/cases/${caseId}/documents`)
      .set('Authorization', auth)
      .send({ direction: 'inkommande', date: '2024-01-02', description: 'Bilaga', type: 'ovrigt' })
      .expect(201);
    // 10 kB: over APP_BODY_LIMIT_BYTES (4 kB), under FILES_MAX_BYTES (16 kB).
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10_000, 0x20)]);
    const stored = await http()
      .post(`/api/v1/documents/${document.body.id}/files?filename=stor.pdf`)
      .set('Authorization', auth)
      .set('Content-Type', 'application/pdf')
      .send(pdf)
      .expect(201);
    expect(stored.body.sizeBytes).toBe(pdf.length);
    // The same bytes to a route that takes JSON: over the JSON limit, refused before the route.
    const elsewhere = await http()
      .patch(`/api/v1/cases/${caseId}`)
      .set('Authorization', auth)
      .set('Content-Type', 'application/pdf')
      .send(pdf);
    expect(elsewhere.status).toBe(413);
    expect(elsewhere.body.code).toBe('payload-too-large');
  });

  it('refuses a recurrence rule that never yields a date with a 422, writing nothing', async () => {
    for (const rrule of [
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31',
    ]) {
      const target: Target = {
        method: 'post',
        path: '/api/v1/obligations',
        caller: 'admin',
        valid: {},
        constrained: [],
      };
      const body = JSON.stringify({ title: 'Aldrig', rrule, firstDue: '2026-02-01' });
      expect(await expectRefusedWithoutWrites(target, body, rrule)).toBeNull();
      const response = await send(target, body).expect(422);
      expect(response.body.errors).toEqual([
        { field: 'rrule', message: 'the rule has no due date in its first 10 years' },
      ]);
    }
  });

  it('stores SQL-looking text in free-text fields verbatim, as text', async () => {
    const response = await request(api.app.getHttpServer())
      .post('/api/v1/people')
      .set('Authorization', `Bearer ${kalix.tokens.admin}`)
      .send({ name: SQL, title: "Robert'); DROP TABLE people;--" })
      .expect(201);
    const [row] = await api.dataSource.query('SELECT name, title FROM people WHERE id = ?', [
      response.body.id,
    ]);
    expect(row).toEqual({ name: SQL, title: "Robert'); DROP TABLE people;--" });
    expect(
      Number((await api.dataSource.query('SELECT COUNT(*) AS n FROM users'))[0].n),
    ).toBeGreaterThan(0);
  });

  it('never answers random JSON with a server error, and a refusal writes nothing', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 6 }),
      fc.record(
        {
          name: fc.string(),
          code: fc.string(),
          slug: fc.string(),
          username: fc.string(),
          roles: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    const failures: string[] = [];
    for (const target of targets) {
      await fc.assert(
        fc.asyncProperty(
          body,
          fc.oneof(fc.constant(''), fc.integer(), fc.string({ maxLength: 8 })),
          async (value, id) => {
            const path =
              id === ''
                ? target.path
                : target.path.replace(/\/\d+(\/|$)/, `/${encodeURIComponent(String(id))}$1`);
            const probe = { ...target, path };
            const before = await api.snapshot();
            const response = await send(probe, JSON.stringify(value));
            if (response.status >= 500)
              failures.push(
                `${target.method} ${path} ${JSON.stringify(value)} → ${response.status}`,
              );
            if (response.status >= 400) {
              const after = await api.snapshot();
              const wrote = Object.keys(before).filter(
                (key) => key !== 'audit_security' && before[key] !== after[key],
              );
              if (wrote.length)
                failures.push(
                  `${target.method} ${path} ${JSON.stringify(value)} → ${response.status} wrote ${wrote}`,
                );
            }
            return true;
          },
        ),
        { numRuns: 25, seed: 20261122 },
      );
    }
    expect(failures).toEqual([]);
  });
});
