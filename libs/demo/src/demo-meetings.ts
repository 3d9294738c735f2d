import { Injectable } from '@nestjs/common';
import { Principal, Role } from '@nf/access';
import { Tenant } from '@nf/common';
import {
  AddAgendaItem,
  CreateMeeting,
  MeetingQueries,
  ImportDelegationOrder,
  RegisterDelegationDecision,
  RegisterNotice,
  SettleRemiss,
  PublishKallelse,
  UpdateAgendaItem,
} from '@nf/meetings';
import { ReportToBoard } from '@nf/protocols';
import { KalixFixture } from './demo-fixture';

interface FixtureAgendaItem {
  no: number;
  kind: string;
  title: string;
  dnr?: string;
}

interface FixtureDecision {
  delegate: string;
  title?: string;
  date?: string;
  point?: string;
  pointText?: string;
  dnr?: string;
  text: string;
}

const URGENT_POINT_TEXT = 'Beslut i brådskande ärende';
const DECLINED_REMISS = /Kommunstyrelsen avstår att lämna yttrande\./u;

/**
 * The Kalix KS meeting of 11 December 2023 as the secretary built it: the delegation order (13.1
 * the point for urgent decisions), the four notices and eleven delegation decisions (item 3 is
 * KSAPU's protocol §§ 93–100, linked to it), the standing items, the cases 6–19 from the ready
 * list in the fixture's order, and the published kallelse (the worker renders its files).
 */
@Injectable()
export class DemoMeetings {
  constructor(
    private readonly createMeeting: CreateMeeting,
    private readonly updateItem: UpdateAgendaItem,
    private readonly addItem: AddAgendaItem,
    private readonly publishKallelse: PublishKallelse,
    private readonly queries: MeetingQueries,
    private readonly noticeRegistration: RegisterNotice,
    private readonly orderImport: ImportDelegationOrder,
    private readonly decisionRegistration: RegisterDelegationDecision,
    private readonly reportToBoard: ReportToBoard,
    private readonly remissSettlement: SettleRemiss,
  ) {}

  async seed(
    tenant: Tenant,
    fixture: KalixFixture,
    caseIds: Map<string, number>,
    organs: Map<string, number>,
    secretaryUserId: number,
    ksapuProtocolId: number,
  ): Promise<void> {
    const ks = organs.get('KS')!;
    const secretary = new Principal(
      secretaryUserId,
      tenant.municipalityId,
      'sekreterare',
      'person',
      [
        { role: Role.Sekreterare, organId: ks },
        { role: Role.Sekreterare, organId: organs.get('KSAPU')! },
      ],
    );
    // The fixture has each point's number and text; that 13.1 is the point for urgent decisions
    // (KL 6 kap. 39 §) is read from its text, and is the demo's reading.
    const order = fixture.delegationOrder as Array<{ point: string; text: string }>;
    await this.orderImport.execute(
      secretary,
      ks,
      order.map((point) => {
        const urgent = point.text === URGENT_POINT_TEXT;
        return {
          code: point.point,
          text: point.text,
          urgent,
          lagrum: urgent ? 'KL 6 kap. 39 §' : null,
        };
      }),
    );
    const utskott = new Set(
      (fixture.organs as Array<{ name: string; kind: string }>)
        .filter((organ) => organ.kind === 'utskott')
        .map((organ) => organ.name),
    );
    const notices = fixture.notices as {
      caseDnr: string;
      items: Array<{ dnr: string; from: string; date: string; text: string }>;
    };
    for (const notice of notices.items) {
      // The first notice is a remiss KS chose not to answer ("Kommunstyrelsen avstår att lämna
      // yttrande"): a remiss, declined. The seed gives no day it was to be answered by.
      const declined = DECLINED_REMISS.exec(notice.text);
      const registered = await this.noticeRegistration.execute(secretary, {
        organId: ks,
        dnr: notice.dnr,
        sender: notice.from,
        receivedOn: notice.date,
        text: notice.text,
        kind: declined ? 'remiss' : 'meddelande',
      });
      if (declined) {
        await this.remissSettlement.execute(secretary, registered.id, {
          outcome: 'declined',
          reason: declined[0],
        });
      }
    }
    const report = fixture.delegationReport as { items: FixtureDecision[] };
    for (const decision of report.items) {
      if (utskott.has(decision.delegate)) {
        // Item 3, KSAPU's §§ 93–100: what the job after KSAPU's justering records, linked to
        // that protocol (the worker runs the same job later and finds it done).
        await this.reportToBoard.handle({ ...tenant, protocolId: ksapuProtocolId });
        continue;
      }
      await this.decisionRegistration.execute(secretary, {
        organId: ks,
        delegate: decision.delegate,
        delegateTitle: decision.title ?? null,
        decidedOn: decision.date ?? null,
        pointCode: decision.point ?? null,
        pointText: decision.pointText ?? null,
        dnr: decision.dnr ?? null,
        summary: decision.text,
      });
    }

    const meeting = fixture.meeting as {
      startsAt: string;
      place: string;
      secretary: string;
      agenda: FixtureAgendaItem[];
    };
    const created = await this.createMeeting.execute(secretary, {
      organId: ks,
      startsAt: meeting.startsAt.slice(0, 16),
      place: meeting.place,
      secretaryName: meeting.secretary,
      chairName: 'Susanne Andersson',
    });
    let agenda = await this.queries.agenda(secretary, created.id);
    const noticesItem = agenda.items.find((item) => item.kind === 'notices')!;
    const noticesTitle = meeting.agenda.find((item) => item.kind === 'notices')!.title;
    await this.updateItem.execute(
      secretary,
      created.id,
      noticesItem.id,
      { title: noticesTitle, caseId: caseIds.get(notices.caseDnr) ?? null },
      agenda.meeting.version,
    );
    for (const item of meeting.agenda.filter((candidate) => candidate.kind === 'case')) {
      agenda = await this.queries.agenda(secretary, created.id);
      await this.addItem.execute(
        secretary,
        created.id,
        { kind: 'case', caseId: caseIds.get(item.dnr!)! },
        agenda.meeting.version,
      );
    }
    agenda = await this.queries.agenda(secretary, created.id);
    await this.publishKallelse.execute(secretary, created.id, agenda.meeting.version);
  }
}
