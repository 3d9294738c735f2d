import { Injectable } from '@nestjs/common';
import { Principal, Role } from '@nf/access';
import { Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { AddAgendaItem, CreateMeeting, MeetingQueries, PublishKallelse } from '@nf/meetings';
import {
  ApplyParagraph,
  ContinueParagraphSeries,
  CreateProtocol,
  LockProtocol,
  ProtocolQueries,
  SignProtocol,
  UpdateParagraph,
} from '@nf/protocols';
import { ApplyRouteEvent, RouteQueries } from '@nf/workflow';
import { KalixFixture } from './demo-fixture';
import { KsapuParagraph } from './demo-workflow';

/**
 * KSAPU's meeting of 20 November 2023: the seed's process timeline ("2023-11-20 Beslut i KSAPU")
 * puts §§ 101–109 at the same meeting as §§ 93–100 (delegation report item 3). The seed states
 * neither the hour nor the room: the demo says 13:00 in Förvaltningsbyggnaden (invented).
 */
export const DEMO_KSAPU_MEETING = {
  startsAt: '2023-11-20T13:00',
  place: 'Förvaltningsbyggnaden',
};

/** The first of the meeting's paragraphs: KSAPU's series of 2023 had reached § 92 before it. */
const FIRST_PARAGRAPH = 93;

/**
 * KSAPU's eight own decisions, §§ 93–100, taken on KS's delegation and reported to KS as one
 * item. The seed names only their range: the demo gives each a heading and a decision saying so.
 */
export const DEMO_KSAPU_OWN_DECISIONS = Array.from({ length: 8 }, (_, index) => ({
  heading: `Utskottets eget beslut § ${FIRST_PARAGRAPH + index} (innehållet återges inte i underlaget)`,
  decision:
    'Beslutet fattades av utskottet på kommunstyrelsens delegation; dess innehåll återges inte i Kalix-underlaget som demon bygger på.',
}));

/**
 * KSAPU's protocol §§ 93–109 of 2023 as the secretary records it: a meeting on 20 November with
 * its eight own decisions (§§ 93–100) and the nine cases it prepared for KS (§§ 101–109) on a
 * summoned agenda, its protocol opened with the fixture's proposals, numbered from § 93, locked,
 * and signed by the chair and the justerare.
 *
 * Justering hands the outcomes to jobs. The demo builds the KS meeting next, from KS's ready list
 * and with §§ 93–100 in its delegation report, so it runs those jobs here as well (ApplyParagraph,
 * ApplyRouteEvent and ReportToBoard); the worker runs the same jobs later from the outbox and finds
 * them done. The extracts and the anslag are the worker's. Returns the protocol's id.
 */
@Injectable()
export class DemoProtocols {
  constructor(
    private readonly createMeeting: CreateMeeting,
    private readonly addItem: AddAgendaItem,
    private readonly publishKallelse: PublishKallelse,
    private readonly queries: MeetingQueries,
    private readonly createProtocol: CreateProtocol,
    private readonly updateParagraph: UpdateParagraph,
    private readonly lockProtocol: LockProtocol,
    private readonly signProtocol: SignProtocol,
    private readonly continueSeries: ContinueParagraphSeries,
    private readonly applyParagraph: ApplyParagraph,
    private readonly applyRouteEvent: ApplyRouteEvent,
    private readonly transactions: TransactionRunner,
    private readonly protocolQueries: ProtocolQueries,
    private readonly routes: RouteQueries,
  ) {}

  async seed(
    tenant: Tenant,
    fixture: KalixFixture,
    caseIds: Map<string, number>,
    organs: Map<string, number>,
    userIds: Map<string, number>,
  ): Promise<number> {
    const ksapu = organs.get('KSAPU')!;
    const secretary = new Principal(
      userIds.get('sekreterare')!,
      tenant.municipalityId,
      'sekreterare',
      'person',
      [{ role: Role.Sekreterare, organId: ksapu }],
    );
    const signer = (username: string) =>
      new Principal(userIds.get(username)!, tenant.municipalityId, username, 'person', []);
    const paragraphs = (fixture.ksapuParagraphs as { items: KsapuParagraph[] }).items;

    const meeting = await this.createMeeting.execute(secretary, {
      organId: ksapu,
      ...DEMO_KSAPU_MEETING,
      secretaryName: 'Helena Landström',
      chairName: 'Susanne Andersson',
    });
    for (const own of DEMO_KSAPU_OWN_DECISIONS) {
      const agenda = await this.queries.agenda(secretary, meeting.id);
      await this.addItem.execute(
        secretary,
        meeting.id,
        { kind: 'information', title: own.heading },
        agenda.meeting.version,
      );
    }
    for (const paragraph of paragraphs) {
      const agenda = await this.queries.agenda(secretary, meeting.id);
      await this.addItem.execute(
        secretary,
        meeting.id,
        { kind: 'case', caseId: caseIds.get(paragraph.dnr)! },
        agenda.meeting.version,
      );
    }
    const agenda = await this.queries.agenda(secretary, meeting.id);
    await this.publishKallelse.execute(secretary, meeting.id, agenda.meeting.version);

    const protocol = await this.createProtocol.execute(secretary, meeting.id, {
      chairUserId: userIds.get('ordforande')!,
      adjusterUserIds: [userIds.get('justerare')!],
    });
    const rows = (await this.protocolQueries.view(secretary, protocol.id)).paragraphs;
    const recorded = rows.filter((row) => row.caseId !== null);
    let version = protocol.version;
    // (Under an agenda configuration with standing items for every organ, those come first.)
    for (const row of rows.filter((candidate) => candidate.caseId === null)) {
      const own = DEMO_KSAPU_OWN_DECISIONS.find((candidate) => candidate.heading === row.heading);
      if (!own) continue;
      await this.updateParagraph.execute(
        secretary,
        protocol.id,
        Number(row.id),
        { outcome: 'decision', decisionText: own.decision },
        version,
      );
      version++;
    }
    for (const row of recorded) {
      const paragraph = paragraphs.find(
        (candidate) => caseIds.get(candidate.dnr) === Number(row.caseId),
      )!;
      await this.updateParagraph.execute(
        secretary,
        protocol.id,
        Number(row.id),
        { outcome: 'proposal', decisionText: paragraph.decision },
        version,
      );
      version++;
    }
    // KSAPU's series of 2023 continues at § 93 (its earlier protocols are not in the demo).
    await this.transactions.run((tx) =>
      this.continueSeries.execute(tx, ksapu, 2023, FIRST_PARAGRAPH),
    );
    const locked = await this.lockProtocol.execute(secretary, protocol.id, version);
    for (const username of ['ordforande', 'justerare']) {
      await this.signProtocol.execute(signer(username), protocol.id, {
        contentHash: locked.contentHash!,
      });
    }

    for (const row of recorded) {
      await this.applyParagraph.handle({ ...tenant, paragraphId: Number(row.id) });
    }
    for (const eventId of await this.routes.pendingEventIds(tenant)) {
      await this.applyRouteEvent.handle({ ...tenant, eventId });
    }
    return protocol.id;
  }
}
