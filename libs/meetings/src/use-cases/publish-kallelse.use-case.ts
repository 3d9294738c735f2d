import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { AppConfig } from '@nf/config';
import { addDays, Clock, ConflictProblem, localDate } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { CaseQueries } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { type Motion, MotionQueries, RouteQueries } from '@nf/workflow';
import { In, IsNull } from 'typeorm';
import { itemsOf, lockForEdit, snapshot } from '../agenda-edits';
import { kallelseContent, kallelseWarnings } from '../kallelse-content';
import { DelegationDecision, Meeting, Notice, Kallelse } from '../meeting.entities';

/**
 * Publishes the kallelse: the agenda frozen as it is now (with the notices and delegation
 * decisions it collects), rendered to PDF and DOCX by a job. Publishing again after a change
 * makes a tilläggskallelse. For KF, a warning when less than a week remains (KL 5:12).
 */
@Injectable()
export class PublishKallelse {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly cases: CaseQueries,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly motions: MotionQueries,
    private readonly routes: RouteQueries,
    private readonly config: AppConfig,
  ) {}

  /**
   * The motions KF's report lists: those not decided whose year (KL 5 kap. 35 §) has ended or
   * ends within the configured horizon after the meeting, oldest first.
   */
  private async motionsToReport(principal: Principal, meetingDay: string): Promise<Motion[]> {
    const horizon = addDays(meetingDay, this.config.meetings.motionReportHorizonDays);
    return (await this.motions.open(principal)).filter((motion) => motion.deadlineOn <= horizon);
  }

  async execute(
    principal: Principal,
    meetingId: number,
    expectedVersion: number,
  ): Promise<{ meeting: Meeting; kallelse: Kallelse; warnings: string[] }> {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    return this.transactions.run(async (tx) => {
      const meeting = await lockForEdit(tx, principal, meetingId, expectedVersion);
      if (meeting.kallelseVersion > 0 && !meeting.agendaChangedAfterKallelse) {
        throw new ConflictProblem(
          'kallelse-unchanged',
          'The agenda has not changed since the kallelse was published.',
        );
      }
      const organ = await this.organs.get(principal, meeting.organId);
      const now = this.clock.now();
      const meetingDay = localDate(meeting.startsAt, municipality.timeZone);
      const open = {
        organId: organ.id,
        meetingId: IsNull(),
      };
      const waitingNotices = await tx.find(Notice, {
        where: { ...open, municipalityId: principal.municipalityId },
        order: { receivedOn: 'ASC', id: 'ASC' },
      });
      const waitingDecisions = await tx.find(DelegationDecision, {
        where: { ...open, municipalityId: principal.municipalityId },
        order: { id: 'ASC' },
      });
      if (waitingNotices.length) {
        await tx.update(
          Notice,
          { id: In(waitingNotices.map((row) => row.id)), municipalityId: meeting.municipalityId },
          { meetingId: meeting.id },
        );
      }
      if (waitingDecisions.length) {
        await tx.update(
          DelegationDecision,
          { id: In(waitingDecisions.map((row) => row.id)), municipalityId: meeting.municipalityId },
          { meetingId: meeting.id },
        );
      }
      const notices = await tx.find(Notice, {
        where: { meetingId: meeting.id, municipalityId: meeting.municipalityId },
        order: { receivedOn: 'ASC', id: 'ASC' },
      });
      const decisions = await tx.find(DelegationDecision, {
        where: { meetingId: meeting.id, municipalityId: meeting.municipalityId },
        order: { id: 'ASC' },
      });
      const items = await itemsOf(tx, meeting);
      const motions = items.some((item) => item.kind === 'motion-report')
        ? await this.motionsToReport(principal, meetingDay)
        : [];
      const caseIds = [
        ...items.map((item) => item.caseId).filter((id): id is number => id !== null),
        ...motions.map((motion) => motion.caseId),
      ];
      const cases = new Map(
        (caseIds.length
          ? await this.cases.repository.find(principal, { id: In(caseIds) })
          : []
        ).map((record) => [record.id, record]),
      );
      const where = await this.routes.currentOrgans(
        principal,
        motions.map((motion) => motion.caseId),
      );
      const organs = new Map(
        (where.size ? await this.organs.list(principal) : []).map((row) => [row.id, row]),
      );
      const content = kallelseContent({
        municipality,
        organ,
        meeting,
        items,
        cases,
        notices,
        decisions,
        motions: motions.map((motion) => ({
          motion,
          at: organs.get(where.get(motion.caseId) ?? 0)?.name ?? null,
        })),
      });
      const kallelse = tx.create(Kallelse, {
        municipalityId: principal.municipalityId,
        meetingId: meeting.id,
        versionNo: content.versionNo,
        content,
        publishedAt: now,
        publishedBy: principal.userId,
      });
      await tx.save(kallelse);
      const before = snapshot(meeting);
      meeting.status = 'summoned';
      meeting.kallelseVersion = content.versionNo;
      meeting.agendaChangedAfterKallelse = false;
      meeting.updatedAt = now;
      await tx.save(meeting);
      await this.outbox.enqueue(tx, 'documents.render-kallelse', {
        municipalityId: principal.municipalityId,
        kallelseId: kallelse.id,
      });
      await this.audit.record(tx, {
        action: 'meeting.summoned',
        entityType: 'meeting',
        entityId: meeting.id,
        municipalityId: principal.municipalityId,
        before,
        after: {
          ...snapshot(meeting),
          items: content.items.length,
          notices: notices.length,
          delegationDecisions: decisions.length,
        },
      });
      const warnings = kallelseWarnings(
        organ.kind,
        meetingDay,
        localDate(now, municipality.timeZone),
      );
      return { meeting, kallelse, warnings };
    });
  }
}
