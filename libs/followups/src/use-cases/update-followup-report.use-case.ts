import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { assertCurrentVersion, Clock, ConflictProblem, NotFoundProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { FollowupReport, type ReportContent } from '../followup.entities';

/** Replaces the sections, goals or KF's assignments given; the version must be the one read. */
import { ReportChange } from '../followup-reports';
import { FollowupReportQueries } from '../followup-report.queries';

@Injectable()
export class UpdateFollowupReport {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly queries: FollowupReportQueries,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, id: number, change: ReportChange) {
    await this.transactions.run(async (tx) => {
      const report = await tx.findOne(FollowupReport, {
        where: { id, municipalityId: principal.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!report) throw new NotFoundProblem('followup report', id);
      assertCurrentVersion('followup report', report.version, change.version);
      if (report.status === 'final') {
        throw new ConflictProblem(
          'report-final',
          'The follow-up is decided: its report no longer changes.',
        );
      }
      const content: ReportContent = {
        ...report.content,
        sections: change.sections ?? report.content.sections,
        goals: change.goals ?? report.content.goals,
        kfAssignments: change.kfAssignments ?? report.content.kfAssignments,
      };
      await tx.update(
        FollowupReport,
        { id },
        {
          content,
          updatedAt: this.clock.now(),
          updatedBy: principal.userId,
          version: report.version + 1,
        },
      );
      await this.audit.record(tx, {
        action: 'followup-report.updated',
        entityType: 'followup-report',
        entityId: id,
        municipalityId: principal.municipalityId,
        before: pick(report.content, change),
        after: pick(content, change),
      });
    });
    return this.queries.get(principal, id);
  }
}

/** The parts of the content a change touched. */
function pick(content: ReportContent, change: ReportChange) {
  return Object.fromEntries(
    (['sections', 'goals', 'kfAssignments'] as const)
      .filter((key) => change[key] !== undefined)
      .map((key) => [key, content[key]]),
  );
}
