import { Injectable } from '@nestjs/common';
import { AppConfig } from '@nf/config';
import { Clock, localDate } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { MeetingQueries, RecordDelegationAppeal, RecordMeetingStatus } from '@nf/meetings';
import { JobContext, JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { Municipalities } from '@nf/tenancy';
import { AuditLog } from '@nf/audit';
import { paragraphRange } from '@nf/documents';
import { Paragraph, Protocol } from '../protocol.entities';
import { anslagDates } from './working-days';

/**
 * Posts the notice of an adjusted protocol on the digital notice board, on the day of justering,
 * with the last day of appeal. Once per protocol (the unique key), with its audit entry. The
 * delegated decisions the meeting reported get the same appeal period (KL 13 kap. 5 §: it runs
 * from the announcement of the protocol they were reported in), and the notice says how many.
 */
@Injectable()
export class PostAnslag {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly meetings: MeetingQueries,
    private readonly meetingStatus: RecordMeetingStatus,
    private readonly delegationAppeal: RecordDelegationAppeal,
  ) {}

  @JobHandler('protocols.post-anslag')
  async handle(
    { municipalityId, protocolId }: JobPayloads['protocols.post-anslag'],
    context?: JobContext,
  ): Promise<JobOutcome> {
    const municipality = await this.municipalities.getById(municipalityId);
    return this.transactions.run(async (tx) => {
      const protocol = await tx.findOne(Protocol, { where: { id: protocolId, municipalityId } });
      if (!protocol || protocol.status !== 'adjusted' || !protocol.adjustedAt) {
        return { status: 'skipped', reason: `protocol ${protocolId} is not adjusted` };
      }
      const meeting = await this.meetings.get({ municipalityId }, protocol.meetingId, { tx });
      const numbers = (await tx.find(Paragraph, { where: { protocolId, municipalityId } }))
        .map((paragraph) => paragraph.number)
        .filter((number): number is number => number !== null);
      const dates = anslagDates(
        localDate(protocol.adjustedAt, municipality.timeZone),
        this.config.anslag,
      );
      const delegated = await this.delegationAppeal.execute(
        tx,
        { municipalityId },
        meeting.id,
        dates,
      );
      const result = (await tx.query(
        `INSERT IGNORE INTO anslag (municipality_id, protocol_id, organ_id, meeting_date, paragraphs,
            delegation_decisions, adjusted_on, posted_on, appeal_ends_on, removed_on, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          municipalityId,
          protocol.id,
          protocol.organId,
          localDate(meeting.startsAt, municipality.timeZone),
          paragraphRange(numbers),
          delegated,
          localDate(protocol.adjustedAt, municipality.timeZone),
          dates.postedOn,
          dates.appealEndsOn,
          dates.removedOn,
          this.clock.now(),
        ],
      )) as { affectedRows: number; insertId: number | string };
      if (result.affectedRows === 1) {
        await this.meetingStatus.execute(
          tx,
          { municipalityId },
          meeting.id,
          'posted',
          this.clock.now(),
        );
        await this.audit.record(tx, {
          action: 'anslag.posted',
          entityType: 'protocol',
          entityId: protocol.id,
          municipalityId,
          after: { ...dates, paragraphs: paragraphRange(numbers), delegationDecisions: delegated },
        });
      }
      await context?.confirmOutboxIn(tx);
      return result.affectedRows === 1
        ? { status: 'done', detail: `posted until ${dates.appealEndsOn}` }
        : { status: 'skipped', reason: 'already posted' };
    });
  }
}
