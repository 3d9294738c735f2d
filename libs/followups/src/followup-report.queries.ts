import { Injectable } from '@nestjs/common';
import { NotFoundProblem, Tenant } from '@nf/common';
import { CaseQueries } from '@nf/registry';
import { DataSource } from 'typeorm';
import { type ReportContent } from './followup.entities';
import { FollowupReports } from './followup-reports';
import { dateOf, idOrNull, jsonOf } from './sql-values';

/** A board's follow-up report as it stands. */
@Injectable()
export class FollowupReportQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseQueries,
    private readonly reports: FollowupReports,
  ) {}

  /** The report of an occurrence (once its case opened), with that follow-up case. */
  async ofOccurrence(
    tenant: Tenant,
    occurrenceId: number,
  ): Promise<{ id: number; followUpCaseId: number | null } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT r.id, c.follow_up_case_id AS followUpCaseId
         FROM followup_reports r JOIN obligation_occurrences c ON c.id = r.occurrence_id
        WHERE r.occurrence_id = ? AND r.municipality_id = ?`,
      [occurrenceId, tenant.municipalityId],
    )) as Array<Record<string, unknown>>;
    return row ? { id: Number(row.id), followUpCaseId: idOrNull(row.followUpCaseId) } : null;
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
    const content = jsonOf<ReportContent>(row.content)!;
    const { figures, ...shown } = content;
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
      content: shown,
      /** A report drawn from a plan: its indicators and tables (kept as decided once final). */
      figures: figures ?? (await this.reports.figuresOf(tenant, content)),
    };
  }
}
