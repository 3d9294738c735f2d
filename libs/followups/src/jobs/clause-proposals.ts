import { Injectable, Logger } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, type LocalDate, localDate } from '@nf/common';
import { isDuplicateKeyError, TransactionRunner } from '@nf/database';
import { DataSource } from 'typeorm';
import { Obligation } from '../followup.entities';
import { DEFAULT_LEAD_DAYS, DEFAULT_REMINDER_DAYS } from '../obligations';
import { Notifier } from '../notifier';
import { readSchedulePhrase } from '../schedule-phrases';
import { followUpTitle, publicTitleOf, secrecyOfRow } from '../secret-titles';
import { dateOf, idOrNull } from '../sql-values';

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
  ) {}

  /** Proposes an obligation for every decided clause without one; returns how many. */
  async propose(limit = 1_000): Promise<number> {
    const rows = (await this.dataSource.query(
      `SELECT e.id AS eventId, e.municipality_id AS municipalityId, e.case_id AS caseId,
              e.follow_up_clause AS clause, e.meeting_date AS meetingDate, e.applied_at AS appliedAt,
              k.title AS caseTitle, k.secrecy_osl AS secrecyOsl, k.public_title AS publicTitle,
              k.dnr, k.responsible_user_id AS responsibleUserId,
              COALESCE(m.organ_id, k.organ_id) AS organId, u.time_zone AS timeZone
         FROM route_events e
         JOIN cases k ON k.id = e.case_id
         JOIN municipalities u ON u.id = e.municipality_id
         LEFT JOIN meetings m ON m.id = e.meeting_id
        WHERE e.kind = 'decision' AND e.status = 'applied'
          AND e.follow_up_clause IS NOT NULL AND TRIM(e.follow_up_clause) <> ''
          AND NOT EXISTS (SELECT 1 FROM obligations o WHERE o.source_event_id = e.id)
        ORDER BY e.id LIMIT ?`,
      [limit],
    )) as Array<Record<string, unknown>>;
    let proposed = 0;
    for (const row of rows) {
      const appliedAt = row.appliedAt as Date;
      const decided: DecidedClause = {
        eventId: Number(row.eventId),
        municipalityId: Number(row.municipalityId),
        caseId: Number(row.caseId),
        clause: String(row.clause).trim(),
        decidedOn: dateOf(row.meetingDate) ?? localDate(appliedAt, String(row.timeZone)),
        caseTitle: String(row.caseTitle),
        shownTitle: publicTitleOf(secrecyOfRow(row)),
        secret: row.secrecyOsl !== null,
        dnr: String(row.dnr),
        responsibleUserId: idOrNull(row.responsibleUserId),
        organId: idOrNull(row.organId),
      };
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
