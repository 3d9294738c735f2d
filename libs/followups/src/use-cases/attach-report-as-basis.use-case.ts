import { Injectable } from '@nestjs/common';
import { Clock, ConflictProblem, localDate, NotFoundProblem, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { AttachFile, CaseQueries, DocumentQueries, RegisterDocument } from '@nf/registry';
import { Municipalities } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { FollowupReportDocuments } from '../followup-report-documents';

export interface AttachedBasis {
  caseId: number;
  documentId: number;
  filename: string;
}

/**
 * The report's PDF as a beslutsunderlag of its follow-up case, for the tjänsteskrivelse to KS to
 * list among its basis documents: registered as a document drawn up (upprättad) named by the
 * report and its version, the PDF attached. Asked again for the same version, the same document
 * (once, under the case's lock); a later version is a document of its own, as a new edition is.
 */
@Injectable()
export class AttachReportAsBasis {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly documents: FollowupReportDocuments,
    private readonly caseDocuments: DocumentQueries,
    private readonly cases: CaseQueries,
    private readonly registerDocument: RegisterDocument,
    private readonly attachFile: AttachFile,
    private readonly municipalities: Municipalities,
    private readonly clock: Clock,
  ) {}

  async execute(tenant: Tenant, reportId: number): Promise<AttachedBasis> {
    const [row] = (await this.dataSource.query(
      `SELECT r.version, r.content, c.follow_up_case_id AS caseId
         FROM followup_reports r JOIN obligation_occurrences c
           ON c.id = r.occurrence_id AND c.municipality_id = r.municipality_id
        WHERE r.id = ? AND r.municipality_id = ?`,
      [reportId, tenant.municipalityId],
    )) as Array<{ version: number; content: unknown; caseId: number | string | null }>;
    if (!row) throw new NotFoundProblem('followup-report', reportId);
    if (row.caseId === null) {
      throw new ConflictProblem('report-without-case', 'The report has no follow-up case yet.');
    }
    const caseId = Number(row.caseId);
    const file = await this.documents.render(tenant, reportId, 'pdf');
    const content = (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as {
      kind?: string;
      year: number;
      board: string;
    };
    const name = content.kind === 'delar' ? 'Delårsrapport' : 'Årsuppföljning';
    const description = `${name} ${content.year} – ${content.board} (version ${row.version})`;
    const { timeZone } = await this.municipalities.getById(tenant.municipalityId);
    const document = await this.transactions.run(async (tx) => {
      await this.cases.repository.getForUpdate(tx, tenant, caseId);
      const found = await this.caseDocuments.findByDescription(
        tenant,
        { caseId, type: 'beslutsunderlag', description },
        tx,
      );
      return (
        found ??
        this.registerDocument.execute(
          tenant,
          null,
          {
            caseId,
            direction: 'upprattad',
            date: localDate(this.clock.now(), timeZone),
            description,
            type: 'beslutsunderlag',
          },
          tx,
        )
      );
    });
    await this.attachFile.execute(tenant, null, document.id, file, { once: true });
    return { caseId, documentId: document.id, filename: file.filename };
  }
}
