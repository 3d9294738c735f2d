import { Injectable } from '@nestjs/common';
import { localDate, ProblemError } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { MeetingQueries } from '@nf/meetings';
import { JobContext, JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { Municipalities } from '@nf/tenancy';
import { RecordMotionReport, WriteOffMotions } from '@nf/workflow';
import { Paragraph, Protocol } from '../protocol.entities';

/**
 * After KF's protocol is adjusted: the motions its motion report listed (in the kallelse as
 * published) are reported (anmälda) to KF on the meeting's day (KL 5 kap. 35 §), so that KF may
 * write them off; and those KF wrote off on the report's paragraph are written off (their answer
 * avskriven, their routes ended). Nothing for a meeting without a motion report. Once in effect.
 */
@Injectable()
export class ReportMotions {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly meetings: MeetingQueries,
    private readonly motionReport: RecordMotionReport,
    private readonly writeOff: WriteOffMotions,
  ) {}

  @JobHandler('protocols.report-motions')
  async handle(
    { municipalityId, protocolId }: JobPayloads['protocols.report-motions'],
    context?: JobContext,
  ): Promise<JobOutcome> {
    const tenant = { municipalityId };
    const municipality = await this.municipalities.getById(municipalityId);
    return this.transactions.run(async (tx) => {
      const protocol = await tx.findOne(Protocol, { where: { id: protocolId, municipalityId } });
      let outcome: JobOutcome = { status: 'skipped', reason: 'no motion report' };
      if (protocol?.status === 'adjusted') {
        const kallelse = await this.meetings
          .newestKallelse(tenant, protocol.meetingId)
          .then((found) => found.kallelse)
          .catch((error: unknown) => {
            if (error instanceof ProblemError && error.status === 404) return null;
            throw error;
          });
        const reports = (kallelse?.content.items ?? []).filter(
          (item) => item.kind === 'motion-report',
        );
        const caseIds = reports.flatMap((item) => item.motionCaseIds ?? []);
        if (caseIds.length) {
          const meeting = await this.meetings.get(tenant, protocol.meetingId, { tx });
          const meetingDate = localDate(meeting.startsAt, municipality.timeZone);
          const marked = await this.motionReport.execute(tx, tenant, caseIds, {
            meetingId: meeting.id,
            reportedOn: meetingDate,
          });
          // What KF wrote off on the report's paragraph, once reported.
          const paragraphs = await tx.find(Paragraph, { where: { protocolId, municipalityId } });
          let written = 0;
          for (const report of reports) {
            const paragraph = paragraphs.find((candidate) => candidate.ordinal === report.no);
            const writtenOff = (paragraph?.proceedings?.avskrivna ?? []).map((row) => row.caseId);
            written += await this.writeOff.execute(tx, tenant, writtenOff, {
              meetingId: meeting.id,
              meetingDate,
              paragraph: paragraph?.number ?? null,
              source: `protocol:${protocolId}/paragraph:${paragraph?.number ?? 0}`,
            });
          }
          outcome =
            marked + written
              ? { status: 'done', detail: `${marked} motions reported, ${written} written off` }
              : { status: 'skipped', reason: 'the motions were reported already' };
        }
      }
      await context?.confirmOutboxIn(tx);
      return outcome;
    });
  }
}
