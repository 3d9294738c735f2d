import { Injectable } from '@nestjs/common';
import { AuditLog } from '@nf/audit';
import { Clock } from '@nf/common';
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
}
