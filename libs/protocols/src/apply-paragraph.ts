import { Injectable, Logger } from '@nestjs/common';
import { localDate, ProblemError } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Meeting } from '@nf/meetings';
import { JobContext, JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { Municipalities } from '@nf/tenancy';
import { OutcomeKind, RecordOutcome } from '@nf/workflow';
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
      const protocol = await tx.findOneOrFail(Protocol, { where: { id: paragraph.protocolId } });
      const meeting = await tx.findOneOrFail(Meeting, { where: { id: protocol.meetingId } });
      const [step] = (await tx.query('SELECT ordinal FROM route_steps WHERE id = ?', [
        paragraph.routeStepId,
      ])) as Array<{ ordinal: number }>;
      const source = `protocol:${protocol.id}/paragraph:${paragraph.number}`;
      let outcome: JobOutcome;
      try {
        await this.recordOutcome.execute(
          null,
          tenant,
          paragraph.caseId,
          {
            kind: paragraph.outcome as OutcomeKind,
            text: paragraph.decisionText,
            step: Number(step.ordinal),
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
        const [existing] = (await tx.query(
          `SELECT e.source FROM route_events e JOIN route_instances r ON r.id = e.route_id
            WHERE r.case_id = ? AND e.step = ? AND e.round = ?`,
          [paragraph.caseId, Number(step.ordinal), paragraph.routeRound ?? 0],
        )) as Array<{ source: string | null }>;
        if (existing?.source === source) {
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
