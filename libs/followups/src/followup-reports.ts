import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { assertCurrentVersion, Clock, ConflictProblem, NotFoundProblem, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { CaseQueries } from '@nf/registry';
import { DataSource, EntityManager } from 'typeorm';
import { FollowupReport, Obligation, Occurrence, type ReportContent } from './followup.entities';
import { dateOf, idOrNull, jsonOf } from './sql-values';

/** The narrative sections of the Luleå report; goals and KF's assignments are kept as lists. */
export const REPORT_SECTIONS = [
  'Inledning',
  'Verksamhetsberättelse',
  'Personalredovisning',
  'Ekonomisk redovisning',
  'Driftsredovisning',
  'Investeringsredovisning',
] as const;

export type ReportChange = Partial<Pick<ReportContent, 'sections' | 'goals' | 'kfAssignments'>> & {
  version: number;
};

/**
 * The content of annual follow-ups (årsuppföljning). When a board's follow-up case opens, its
 * report is drawn up from last year's: the same goals, to be assessed anew, and KF's assignments
 * still ongoing; what was done is not carried over. The board edits it (optimistic version) until
 * the follow-up is decided, when it becomes final.
 */
@Injectable()
export class FollowupReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly cases: CaseQueries,
  ) {}

  /** The draft of an opening annual follow-up, inside the transaction that opens it (once). */
  async draft(
    tx: EntityManager,
    occurrence: Occurrence,
    obligation: Obligation,
    board: string,
  ): Promise<void> {
    const [previous] = (await tx.query(
      `SELECT r.content FROM followup_reports r
         JOIN obligation_occurrences c ON c.id = r.occurrence_id
        WHERE c.obligation_id = ? AND c.id <> ? AND c.municipality_id = ?
        ORDER BY c.due_on DESC LIMIT 1`,
      [obligation.id, occurrence.id, obligation.municipalityId],
    )) as Array<{ content: unknown }>;
    const last = previous ? jsonOf<ReportContent>(previous.content) : null;
    const content: ReportContent = {
      year: Number(occurrence.dueOn.slice(0, 4)) - 1,
      board,
      sections: REPORT_SECTIONS.map((title) => ({ title, text: '' })),
      goals: (last?.goals ?? []).map((goal) => ({
        title: goal.title,
        assessment: null,
        trend: null,
        comment: '',
      })),
      kfAssignments: (last?.kfAssignments ?? [])
        .filter((assignment) => assignment.status !== 'done')
        .map((assignment) => ({ ...assignment })),
    };
    const result = (await tx.query(
      `INSERT IGNORE INTO followup_reports (municipality_id, occurrence_id, organ_id, content, status, updated_at, version)
       VALUES (?, ?, ?, ?, 'draft', ?, 1)`,
      [
        obligation.municipalityId,
        occurrence.id,
        obligation.organId,
        JSON.stringify(content),
        this.clock.now(),
      ],
    )) as { insertId: number; affectedRows: number };
    if (result.affectedRows !== 1) return;
    await this.audit.record(tx, {
      action: 'followup-report.drafted',
      entityType: 'followup-report',
      entityId: Number(result.insertId),
      municipalityId: obligation.municipalityId,
      after: { occurrenceId: occurrence.id, year: content.year, goals: content.goals.length },
    });
  }

  /** The report of a decided follow-up is final: it no longer changes. */
  async finalize(tx: EntityManager, occurrence: Occurrence): Promise<void> {
    await tx.query(
      `UPDATE followup_reports SET status = 'final', version = version + 1
        WHERE occurrence_id = ? AND municipality_id = ? AND status = 'draft'`,
      [occurrence.id, occurrence.municipalityId],
    );
  }

  async get(tenant: Tenant, id: number) {
    const [row] = (await this.dataSource.query(
      `SELECT r.status, r.version, r.updated_at AS updatedAt, r.organ_id AS organId, r.content,
              c.id AS occurrenceId, c.due_on AS dueOn, o.id AS obligationId, o.title,
              c.follow_up_case_id AS followUpCaseId
         FROM followup_reports r
         JOIN obligation_occurrences c ON c.id = r.occurrence_id
         JOIN obligations o ON o.id = c.obligation_id
        WHERE r.id = ? AND r.municipality_id = ?`,
      [id, tenant.municipalityId],
    )) as Array<Record<string, unknown>>;
    if (!row) throw new NotFoundProblem('followup report', id);
    return {
      id,
      obligationId: Number(row.obligationId),
      title: String(row.title),
      organId: idOrNull(row.organId),
      occurrenceId: Number(row.occurrenceId),
      dueOn: dateOf(row.dueOn),
      followUpDnr:
        row.followUpCaseId === null
          ? null
          : ((await this.cases.repository.findById(tenant, Number(row.followUpCaseId)))?.dnr ??
            null),
      status: String(row.status),
      version: Number(row.version),
      updatedAt: (row.updatedAt as Date).toISOString(),
      content: jsonOf<ReportContent>(row.content)!,
    };
  }

  /** Replaces the sections, goals or KF's assignments given; the version must be the one read. */
  async update(principal: Principal, id: number, change: ReportChange) {
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
    return this.get(principal, id);
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
