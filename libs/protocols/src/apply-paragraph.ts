import { Injectable, Logger } from '@nestjs/common';
import { localDate, ProblemError } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { MeetingQueries } from '@nf/meetings';
import { JobContext, JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { Municipalities } from '@nf/tenancy';
import { OutcomeKind, RecordOutcome, RouteQueries } from '@nf/workflow';
import { Paragraph, Protocol } from './protocol.entities';

/**
 * Hands an adjusted paragraph's outcome to its case's route, as the route event for the visit the
 * case was on the agenda for (the workflow's job then moves the case). Idempotent: the event for a
 * visit is unique, and one already recorded from this paragraph counts as done.
 */
@Injectable()
export class ApplyParagraph {
  private readonly logger = new Logger(ApplyParagraph.name);

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly recordOutcome: RecordOutcome,
    private readonly municipalities: Municipalities,
    private readonly meetings: MeetingQueries,
    private readonly routeSteps: RouteQueries,
  ) {}

  @JobHandler('protocols.apply-paragraph')
  async handle(
    { municipalityId, paragraphId }: JobPayloads['protocols.apply-paragraph'],
    context?: JobContext,
  ): Promise<JobOutcome> {
    const tenant = { municipalityId };
    const municipality = await this.municipalities.getById(municipalityId);
    return this.transactions.run(async (tx) => {
      const paragraph = await tx.findOne(Paragraph, { where: { id: paragraphId, municipalityId } });
      if (!paragraph || paragraph.caseId === null || paragraph.routeStepId === null) {
        return { status: 'skipped', reason: `paragraph ${paragraphId} moves no case` };
      }
      const protocol = await tx.findOneOrFail(Protocol, {
        where: { id: paragraph.protocolId, municipalityId },
      });
      const meeting = await this.meetings.get(tenant, protocol.meetingId, { tx });
      const step = await this.routeSteps.ordinal(tx, tenant, paragraph.routeStepId);
      if (step === null) throw new Error(`route step ${paragraph.routeStepId} is gone`);
      const source = `protocol:${protocol.id}/paragraph:${paragraph.number}`;
      let outcome: JobOutcome;
      try {
        await this.recordOutcome.execute(
          null,
          tenant,
          paragraph.caseId,
          {
            // An election moves its case as the organ's decision does.
            kind: (paragraph.outcome === 'election'
              ? 'decision'
              : paragraph.outcome) as OutcomeKind,
            text: paragraph.decisionText,
            step,
            round: paragraph.routeRound ?? 0,
            meetingId: meeting.id,
            meetingDate: localDate(meeting.startsAt, municipality.timeZone),
            paragraph: paragraph.number,
            motionAnswer: paragraph.motionAnswer,
            source,
          },
          tx,
        );
        outcome = { status: 'done', detail: `§ ${paragraph.number}: ${paragraph.outcome}` };
      } catch (error) {
        if (!(error instanceof ProblemError) || error.status >= 500) throw error;
        const recorded = await this.routeSteps.recordedSource(tx, tenant, {
          caseId: paragraph.caseId,
          step,
          round: paragraph.routeRound ?? 0,
        });
        if (recorded === source) {
          outcome = { status: 'skipped', reason: `§ ${paragraph.number} already recorded` };
        } else {
          this.logger.warn(
            `§ ${paragraph.number} of protocol ${protocol.id} did not move its case: ${error.message}`,
          );
          outcome = { status: 'skipped', reason: error.message };
        }
      }
      await context?.confirmOutboxIn(tx);
      return outcome;
    });
  }
}
