import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock, Tenant } from '@nf/common';
import { FigureQueries, PlanQueries } from '@nf/plans';
import { EntityManager } from 'typeorm';
import { Obligation, Occurrence, type ReportContent } from './followup.entities';
import { jsonOf } from './sql-values';

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
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly plans: PlanQueries,
    private readonly figures: FigureQueries,
  ) {}

  /**
   * The year and period a report is for: the årsuppföljning reports on the year before its due
   * date, the delårsrapport per 31 August of its own year (T2), a monthly report on the month
   * before its due date.
   */
  static periodOf(kind: string, dueOn: string): { year: number; period: string } {
    const [year, month] = dueOn.split('-').map(Number);
    if (kind === 'delar') return { year, period: 'T2' };
    if (kind === 'manadsrapport') {
      return month === 1
        ? { year: year - 1, period: 'M12' }
        : { year, period: `M${String(month - 1).padStart(2, '0')}` };
    }
    return { year: year - 1, period: 'Y' };
  }

  /** The draft of an opening annual follow-up, inside the transaction that opens it (once). */
  async draft(
    tx: EntityManager,
    occurrence: Occurrence,
    obligation: Obligation,
    board: string,
  ): Promise<void> {
    const { year, period } = FollowupReports.periodOf(obligation.kind, occurrence.dueOn);
    const tenant = { municipalityId: obligation.municipalityId };
    const plan = obligation.organId
      ? await this.plans.adoptedFor(tenant, obligation.organId, year, tx)
      : null;
    // Without a plan only the årsuppföljning has a report (drawn from last year's).
    if (!plan && obligation.kind !== 'arsuppfoljning') return;
    const last = plan ? null : await this.lastReport(tx, occurrence, obligation);
    const content: ReportContent = plan
      ? {
          // Drawn from the year's adopted plan: its goals to assess (their indicators and the
          // tables are read from the figures entered), the assignments it gives the board.
          year,
          board,
          kind: obligation.kind as ReportContent['kind'],
          period,
          planId: plan.id,
          sections: REPORT_SECTIONS.map((title) => ({ title, text: '' })),
          goals: plan.content.goals.map((goal) => ({
            key: goal.key,
            area: plan.content.areas.find((area) => area.key === goal.areaKey)?.title ?? null,
            title: goal.title,
            assessment: null,
            trend: null,
            comment: '',
          })),
          kfAssignments: plan.content.assignments.map((assignment) => ({
            key: assignment.key,
            givenBy: assignment.givenBy,
            title: assignment.title,
            status: 'ongoing' as const,
            comment: '',
          })),
        }
      : {
          year,
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
      after: {
        occurrenceId: occurrence.id,
        year: content.year,
        goals: content.goals.length,
        planId: content.planId ?? null,
      },
    });
  }

  /** The obligation's report before this occurrence's, which a board without a plan goes on from. */
  private async lastReport(
    tx: EntityManager,
    occurrence: Occurrence,
    obligation: Obligation,
  ): Promise<ReportContent | null> {
    const [previous] = (await tx.query(
      `SELECT r.content FROM followup_reports r
         JOIN obligation_occurrences c ON c.id = r.occurrence_id
        WHERE c.obligation_id = ? AND c.id <> ? AND c.municipality_id = ?
        ORDER BY c.due_on DESC LIMIT 1`,
      [obligation.id, occurrence.id, obligation.municipalityId],
    )) as Array<{ content: unknown }>;
    return previous ? jsonOf<ReportContent>(previous.content) : null;
  }

  /**
   * The report of a decided follow-up is final: it no longer changes, and a report drawn from a
   * plan keeps its figures as they stood, so that a later correction of an outcome does not
   * change what the board decided on.
   */
  async finalize(tx: EntityManager, occurrence: Occurrence): Promise<void> {
    const [report] = (await tx.query(
      `SELECT id, content FROM followup_reports
        WHERE occurrence_id = ? AND municipality_id = ? AND status = 'draft' FOR UPDATE`,
      [occurrence.id, occurrence.municipalityId],
    )) as Array<{ id: number | string; content: unknown }>;
    if (!report) return;
    const content = jsonOf<ReportContent>(report.content)!;
    if (content.planId) {
      content.figures =
        (await this.figuresOf({ municipalityId: occurrence.municipalityId }, content, tx)) ??
        undefined;
    }
    await tx.query(
      `UPDATE followup_reports SET status = 'final', content = ?, version = version + 1
        WHERE id = ? AND municipality_id = ?`,
      [JSON.stringify(content), report.id, occurrence.municipalityId],
    );
  }

  /** A plan-drawn report's figures: kept ones when final, else as they stand now. */
  async figuresOf(tenant: Tenant, content: ReportContent, tx?: EntityManager) {
    if (!content.planId) return null;
    if (content.figures) return content.figures;
    const plan = await this.plans.find(tenant, content.planId, tx);
    if (!plan) return null;
    return this.figures.reportFigures(tenant, plan, content.year, content.period ?? 'Y');
  }
}
