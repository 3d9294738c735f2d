import { Injectable } from '@nestjs/common';
import { Tenant } from '@nf/common';
import { followupReportDocument, renderDocument, type RenderedFile } from '@nf/documents';
import { Municipalities } from '@nf/tenancy';
import { FollowupReportQueries } from './followup-report.queries';

/**
 * The årsuppföljning (or delårsrapport) as a document people read: PDF (with its tables and
 * charts) or DOCX, in the structure of Luleå's report, from the report's content and figures.
 */
@Injectable()
export class FollowupReportDocuments {
  constructor(
    private readonly reports: FollowupReportQueries,
    private readonly municipalities: Municipalities,
  ) {}

  async render(tenant: Tenant, id: number, format: 'pdf' | 'docx'): Promise<RenderedFile> {
    const report = await this.reports.get(tenant, id);
    const { name } = await this.municipalities.getById(tenant.municipalityId);
    const { content, figures } = report;
    const model = followupReportDocument({
      municipality: name,
      board: content.board,
      dnr: report.followUpDnr,
      kind: content.kind ?? 'arsuppfoljning',
      year: content.year,
      period: content.period ?? 'Y',
      sections: content.sections,
      goals: content.goals,
      assignments: content.kfAssignments,
      indicators: new Map((figures?.goals ?? []).map((goal) => [goal.key, goal.indicators])),
      tables: figures?.tables ?? [],
    });
    const stem = `${content.kind === 'delar' ? 'delarsrapport' : 'arsuppfoljning'}-${content.year}-${id}`;
    return renderDocument(model, format, stem, new Date(report.updatedAt));
  }
}
