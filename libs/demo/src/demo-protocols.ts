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

/** The KSAPU meeting of the fixture; the seed does not state its date, so the demo says 27 November. */
export const DEMO_KSAPU_MEETING = {
  startsAt: '2023-11-27T13:00',
  place: 'Kommunhuset, Sammanträdesrum 1',
};

/**
 * KSAPU's protocol §§ 101–109 of 2023 as the secretary records it: a meeting with the nine cases
 * on its agenda, summoned, its protocol opened with the fixture's proposals, numbered after
 * §§ 93–100 of 20 November, locked, and signed by the chair and the justerare.
 *
 * Justering hands the outcomes to jobs. The demo builds the KS meeting next, from KS's ready list,
 * so it runs the two route jobs here as well (ApplyParagraph, then ApplyRouteEvent); the worker
 * runs the same jobs later from the outbox and finds them done. The extracts and the anslag are
 * the worker's.
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
  ): Promise<void> {
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
    const recorded = (await this.protocolQueries.view(secretary, protocol.id)).paragraphs.filter(
      (row) => row.caseId !== null,
    );
    let version = protocol.version;
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
    // KSAPU's protocol of 20 November 2023 ended at § 100 (in the system before this one).
    await this.transactions.run((tx) => this.continueSeries.execute(tx, ksapu, 2023, 101));
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
  }
}
