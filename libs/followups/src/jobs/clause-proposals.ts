import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, type LocalDate, localDate } from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { MeetingQueries } from '@nf/meetings';
import { CaseQueries } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { RouteQueries } from '@nf/workflow';
import { DataSource } from 'typeorm';
import { casesById } from '../case-facts';
import { Obligation } from '../followup.entities';
import { DEFAULT_LEAD_DAYS, DEFAULT_REMINDER_DAYS } from '../obligation-rules';
import { Notifier } from '../notifier';
import { readSchedulePhrase } from '../schedule-phrases';
import { followUpTitle, publicTitleOf } from '../secret-titles';
import { dateOf } from '../sql-values';

interface DecidedClause {
  eventId: number;
  municipalityId: number;
  caseId: number;
  clause: string;
  decidedOn: LocalDate;
  caseTitle: string;
  /** The title e-mails and the inbox may carry: the public title of a secret case. */
  shownTitle: string;
  secret: boolean;
  dnr: string;
  responsibleUserId: number | null;
  organId: number | null;
}

/**
 * Turns the follow-up clause of each applied decision into a proposed obligation: the phrase
 * reader proposes a rule and first due date (or says why it cannot), and the responsible official
 * (or, without one, the deciding organ's secretary) is asked to confirm it. Nothing runs before a
 * person has confirmed; one proposal per decision (the unique source event).
 */
@Injectable()
export class ClauseProposals {
  private readonly logger = new Logger(ClauseProposals.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly notifier: Notifier,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly municipalities: Municipalities,
    private readonly routes: RouteQueries,
    private readonly cases: CaseQueries,
    private readonly meetings: MeetingQueries,
  ) {}

  /** Proposes an obligation for every decided clause without one; returns how many. */
  async propose(limit = 1_000): Promise<number> {
    let proposed = 0;
    for (const decided of await this.unproposed(limit)) {
      // One decision that cannot be proposed (logged) does not hold up the others.
      const done = await this.proposeOne(decided).catch((error: Error) => {
        this.logger.error(`Decision ${decided.eventId}: no proposal (${error.message})`);
        return false;
      });
      if (done) proposed++;
    }
    if (proposed > 0) this.logger.log(`Proposed ${proposed} obligation(s) from decisions`);
    return proposed;
  }

  /**
   * The decisions with a clause and no obligation yet, tenant by tenant, read through workflow
   * (the events), the registry (their cases) and meetings (the deciding organ).
   */
  private async unproposed(limit: number): Promise<DecidedClause[]> {
    const result: DecidedClause[] = [];
    for (const municipality of await this.municipalities.list()) {
      if (result.length >= limit) break;
      const tenant = { municipalityId: municipality.id };
      const proposedFor = (
        (await this.dataSource.query(
          `SELECT source_event_id AS id FROM obligations
            WHERE municipality_id = ? AND source_event_id IS NOT NULL`,
          [tenant.municipalityId],
        )) as Array<{ id: number | string }>
      ).map((row) => Number(row.id));
      const events = (await this.routes.decisionsWithClause(tenant, proposedFor)).slice(
        0,
        limit - result.length,
      );
      if (events.length === 0) continue;
      const cases = await casesById(
        this.cases,
        tenant,
        events.map((event) => event.caseId),
      );
      const meetings = await this.meetings.byIds(
        tenant,
        events.flatMap((event) => event.meetingId ?? []),
      );
      for (const event of events) {
        const record = cases.get(event.caseId);
        if (!record) continue;
        const meeting = event.meetingId === null ? undefined : meetings.get(event.meetingId);
        result.push({
          eventId: event.eventId,
          municipalityId: tenant.municipalityId,
          caseId: event.caseId,
          clause: event.clause.trim(),
          decidedOn: dateOf(event.meetingDate) ?? localDate(event.appliedAt, municipality.timeZone),
          caseTitle: record.title,
          shownTitle: publicTitleOf(record),
          secret: record.secrecyOsl !== null,
          dnr: record.dnr,
          responsibleUserId: record.responsibleUserId,
          organId: meeting?.organId ?? record.organId,
        });
      }
    }
    return result;
  }

  private async proposeOne(decided: DecidedClause): Promise<boolean> {
    const reading = readSchedulePhrase(decided.clause, decided.decidedOn);
    try {
      return await this.transactions.run(async (tx) => {
        const now = this.clock.now();
        const obligation = await tx.save(
          tx.create(Obligation, {
            municipalityId: decided.municipalityId,
            caseId: decided.caseId,
            sourceEventId: decided.eventId,
            kind: 'follow-up',
            title: followUpTitle(decided.caseTitle),
            clause: decided.clause,
            proposal: reading.ok
              ? {
                  description: reading.proposal.description,
                  assumptions: reading.proposal.assumptions,
                }
              : { refused: reading.reason },
            responsibleUserId: decided.responsibleUserId,
            reportOrganId: decided.organId,
            rrule: reading.ok ? reading.proposal.rrule : null,
            firstDue: reading.ok ? reading.proposal.firstDue : null,
            leadDays: DEFAULT_LEAD_DAYS,
            reminderDays: DEFAULT_REMINDER_DAYS,
            status: 'proposed',
            createdAt: now,
            updatedAt: now,
          }),
        );
        await this.audit.record(tx, {
          action: 'obligation.proposed',
          entityType: 'obligation',
          entityId: obligation.id,
          municipalityId: decided.municipalityId,
          after: {
            caseId: decided.caseId,
            sourceEventId: decided.eventId,
            clause: decided.clause,
            rrule: obligation.rrule,
            firstDue: obligation.firstDue,
            refused: reading.ok ? null : reading.reason,
          },
        });
        const recipients = decided.responsibleUserId
          ? [decided.responsibleUserId]
          : await this.notifier.secretariesOf(tx, decided.municipalityId, decided.organId);
        const reads = reading.ok
          ? `Systemet läser den som: ${reading.proposal.description}.` +
            (reading.proposal.assumptions.length
              ? ` Antaganden: ${reading.proposal.assumptions.join('; ')}.`
              : '')
          : `Systemet kunde inte läsa ut något schema (${reading.reason}); ange första datum och regel själv.`;
        await this.notifier.tell(tx, recipients, {
          municipalityId: decided.municipalityId,
          key: `obligation-proposed:${obligation.id}`,
          caseId: decided.caseId,
          subject: `Bekräfta uppföljning: ${decided.shownTitle} (dnr ${decided.dnr})`,
          // The decision's clause may name what a secret case protects: e-mail does not carry it.
          body: !decided.secret
            ? `Beslutet i ärende ${decided.dnr} den ${decided.decidedOn} säger: "${decided.clause}". ` +
              `${reads} Bevakningen startar först när den bekräftats.`
            : `Beslutet i ärende ${decided.dnr} den ${decided.decidedOn} begär uppföljning. Ärendet omfattas av sekretess: läs beslutet och förslaget i Nämndflöde. Bevakningen startar först när den bekräftats.`,
        });
        return true;
      });
    } catch (error) {
      // Another sweep proposed it first.
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
