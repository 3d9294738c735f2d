import type { Case } from '@nf/registry';
import { kallelseContent, kallelseWarnings } from './kallelse-content';
import type { AgendaItem, DelegationDecision, Notice } from './meeting.entities';

const item = (ordinal: number, fields: Partial<AgendaItem>): AgendaItem =>
  ({
    id: ordinal,
    municipalityId: 1,
    meetingId: 1,
    ordinal,
    kind: 'information',
    title: '',
    caseId: null,
    routeStepId: null,
    routeRound: null,
    proposalText: null,
    closedOsl: null,
    createdAt: new Date(),
    ...fields,
  }) as AgendaItem;

const record = (id: number, fields: Partial<Case>): Case =>
  ({
    id,
    dnr: `2023-0046${id}`,
    title: 'Titel',
    publicTitle: null,
    secrecyOsl: null,
    classificationCode: '1.2.3',
    ...fields,
  }) as Case;

const sources = (overrides: Partial<Parameters<typeof kallelseContent>[0]> = {}) => ({
  municipality: {
    name: 'Kalix kommun',
    timeZone: 'Europe/Stockholm',
    classificationCodeAppended: true,
  },
  organ: { code: 'KS', name: 'Kommunstyrelsen', kind: 'styrelse' as const },
  meeting: {
    startsAt: new Date('2023-12-11T08:00:00Z'),
    place: 'Sessionssalen, Kalix',
    secretaryName: 'Sekreteraren',
    kallelseVersion: 0,
    openToPublic: false,
  },
  items: [],
  cases: new Map<number, Case>(),
  notices: [],
  decisions: [],
  ...overrides,
});

describe('the kallelse content', () => {
  it('is dated and placed in Swedish, in Stockholm time, as version 1 of the meeting', () => {
    expect(kallelseContent(sources())).toMatchObject({
      municipality: 'Kalix kommun',
      organ: { code: 'KS', name: 'Kommunstyrelsen', kind: 'styrelse' },
      versionNo: 1,
      dateText: 'måndagen den 11 december 2023',
      timeText: 'kl 09:00',
      place: 'Sessionssalen, Kalix',
      items: [],
    });
  });

  it('names a secret case by its public title and leaves its proposal out; an open one in full with its dnr', () => {
    const content = kallelseContent(
      sources({
        items: [
          item(1, {
            kind: 'case',
            caseId: 1,
            title: 'Avtal om skyddat boende',
            proposalText: 'Att godkänna avtalet.',
          }),
          item(2, {
            kind: 'case',
            caseId: 2,
            title: 'Budget 2024',
            proposalText: 'Att fastställa budgeten.',
          }),
        ],
        cases: new Map([
          [1, record(1, { secrecyOsl: '26 kap. 1 § OSL', publicTitle: 'Avtal (sekretess)' })],
          [2, record(2, {})],
        ]),
      }),
    );
    expect(content.items.map((entry) => [entry.title, entry.dnr, entry.proposalText])).toEqual([
      ['Avtal (sekretess)', '2023-00461 1.2.3', null],
      ['Budget 2024', '2023-00462 1.2.3', 'Att fastställa budgeten.'],
    ]);
  });

  it('lists the notices and the delegation decisions with the decision the organ is asked to take', () => {
    const content = kallelseContent(
      sources({
        items: [
          item(1, { kind: 'notices', title: 'Meddelanden' }),
          item(2, { kind: 'delegation-report', title: 'Delegationsbeslut' }),
        ],
        notices: [
          {
            dnr: '2023-00400',
            sender: 'Länsstyrelsen',
            receivedOn: '2023-11-20',
            text: 'Beslut om tillsyn',
          } as Notice,
        ],
        decisions: [
          {
            delegate: 'Anna Andersson',
            delegateTitle: 'kommunchef',
            dnr: null,
            decidedOn: '2023-11-15',
            pointCode: '3.2',
            pointText: null,
            urgent: false,
            summary: 'Anställning',
          } as DelegationDecision,
          {
            delegate: 'Ordföranden',
            delegateTitle: null,
            dnr: '2023-00450',
            decidedOn: '2023-11-30',
            pointCode: null,
            pointText: null,
            urgent: true,
            summary: 'Yttrande',
          } as DelegationDecision,
          {
            delegate: 'Jeanette Larsson',
            delegateTitle: 'Ekonomichef',
            dnr: null,
            decidedOn: '2023-12-04',
            pointCode: null,
            pointText: 'Nedskrivning/uppskrivning',
            urgent: false,
            outsideOrder: 'Beslutet anges ha fattats med stöd av ”Nedskrivning/uppskrivning”.',
            summary: 'Nedskrivning',
          } as DelegationDecision,
        ],
      }),
    );
    expect(content.items[0]).toMatchObject({
      entries: ['1. Dnr 2023-00400, Länsstyrelsen, 2023-11-20: Beslut om tillsyn'],
      decisionText:
        'Kommunstyrelsen har tagit del av meddelandena och beslutar lägga dem till handlingarna.',
    });
    expect(content.items[1]).toMatchObject({
      entries: [
        '1. Anna Andersson, kommunchef (2023-11-15, punkt 3.2): Anställning',
        '2. Ordföranden (Dnr 2023-00450, 2023-11-30) [brådskande]: Yttrande',
        '3. Jeanette Larsson, Ekonomichef (2023-12-04, Nedskrivning/uppskrivning) [utanför delegationsordningen]: Nedskrivning',
      ],
      decisionText:
        'Kommunstyrelsen beslutar godkänna redovisningen av delegationsbeslut punkterna 1–3.',
    });
    const none = kallelseContent(
      sources({ items: [item(1, { kind: 'delegation-report', title: 'Delegationsbeslut' })] }),
    );
    expect(none.items[0].decisionText).toBe(
      'Kommunstyrelsen beslutar notera att inga delegationsbeslut har redovisats.',
    );
  });

  it('warns when KF is summoned less than a week ahead, and only KF', () => {
    expect(kallelseWarnings('fullmäktige', '2024-01-29', '2024-01-24')).toEqual([
      'Kungörelsen publiceras 5 dagar före sammanträdet; kommunallagen (5 kap. 12 §) kräver minst en vecka.',
    ]);
    expect(kallelseWarnings('fullmäktige', '2024-01-29', '2024-01-22')).toEqual([]);
    expect(kallelseWarnings('styrelse', '2024-01-29', '2024-01-28')).toEqual([]);
  });
});
