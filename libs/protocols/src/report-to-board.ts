import { Injectable } from '@nestjs/common';
import { localDate } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { paragraphRange } from '@nf/documents';
import { MeetingQueries, RecordUtskottReport } from '@nf/meetings';
import { JobContext, JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { Municipalities, Organs } from '@nf/tenancy';
import { Paragraph, Protocol } from './protocol.entities';

/**
 * After an utskott's protocol is adjusted: its own decisions (the paragraphs it decided on the
 * board's delegation, not its proposals) wait to be reported to the board, as one item of the
 * board's next delegation report that links to this protocol and those paragraphs. Nothing for a
 * board's own protocol, or an utskott protocol of proposals only. Once per protocol.
 */
@Injectable()
export class ReportToBoard {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly meetings: MeetingQueries,
    private readonly utskottReport: RecordUtskottReport,
  ) {}

  @JobHandler('protocols.report-to-board')
  async handle(
    { municipalityId, protocolId }: JobPayloads['protocols.report-to-board'],
    context?: JobContext,
  ): Promise<JobOutcome> {
    const tenant = { municipalityId };
    const municipality = await this.municipalities.getById(municipalityId);
    return this.transactions.run(async (tx) => {
      const protocol = await tx.findOne(Protocol, { where: { id: protocolId, municipalityId } });
      let outcome: JobOutcome = { status: 'skipped', reason: 'not an utskott’s adjusted protocol' };
      const organ = protocol && (await this.organs.get(tenant, protocol.organId));
      if (protocol?.status === 'adjusted' && organ?.kind === 'utskott' && organ.parentId) {
        const own = (await tx.find(Paragraph, { where: { protocolId, municipalityId } }))
          .filter((paragraph) => paragraph.outcome === 'decision' && paragraph.number !== null)
          .map((paragraph) => paragraph.number as number);
        const meeting = await this.meetings.get(tenant, protocol.meetingId, { tx });
        if (own.length === 0) {
          outcome = { status: 'skipped', reason: 'the protocol holds no decision of its own' };
        } else if (
          await this.utskottReport.execute(tx, tenant, {
            organId: organ.parentId,
            utskottName: organ.name,
            meetingDate: localDate(meeting.startsAt, municipality.timeZone),
            protocolId,
            paragraphs: paragraphRange(own),
          })
        ) {
          outcome = { status: 'done', detail: `${paragraphRange(own)} to be reported` };
        } else {
          outcome = { status: 'skipped', reason: 'already waiting to be reported' };
        }
      }
      await context?.confirmOutboxIn(tx);
      return outcome;
    });
  }
}
