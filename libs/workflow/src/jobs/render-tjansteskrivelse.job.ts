import { Injectable } from '@nestjs/common';
import { Clock } from '@nf/common';
import { DOCX, PDF, renderDocx, renderPdf, tjansteskrivelseDocument } from '@nf/documents';
import { JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { AttachFile, CaseQueries, DocumentQueries } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { In } from 'typeorm';
import { Tjansteskrivelser } from '../tjansteskrivelser/tjansteskrivelser';

/**
 * Renders a submitted tjänsteskrivelse as PDF and DOCX and attaches both to the document it was
 * registered as. Idempotent: a format already attached is not rendered again, and two runs at once
 * attach each format once.
 */
@Injectable()
export class RenderTjansteskrivelse {
  constructor(
    private readonly tjansteskrivelser: Tjansteskrivelser,
    private readonly cases: CaseQueries,
    private readonly documents: DocumentQueries,
    private readonly attachFile: AttachFile,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly clock: Clock,
  ) {}

  @JobHandler('documents.render-tjansteskrivelse')
  async handle({
    municipalityId,
    tjansteskrivelseId,
  }: JobPayloads['documents.render-tjansteskrivelse']): Promise<JobOutcome> {
    const tenant = { municipalityId };
    const record = await this.tjansteskrivelser.repository.getById(tenant, tjansteskrivelseId);
    if (record.status !== 'submitted' || record.documentId === null) {
      return { status: 'skipped', reason: `tjänsteskrivelse ${record.id} is not submitted` };
    }
    const documentId = record.documentId;
    const registered = await this.cases.get(tenant, record.caseId);
    const base = `tjansteskrivelse-${registered.dnr.replace(/[^\p{L}\p{N}-]+/gu, '-')}-v${record.versionNo}`;
    const attached = new Set(
      (await this.documents.files.find(tenant, { documentId })).map((file) => file.filename),
    );
    const wanted = [
      { filename: `${base}.pdf`, contentType: PDF },
      { filename: `${base}.docx`, contentType: DOCX },
    ].filter((file) => !attached.has(file.filename));
    if (wanted.length === 0) return { status: 'skipped', reason: 'already rendered' };

    const municipality = await this.municipalities.getById(municipalityId);
    const organ = await this.organs.get(tenant, record.addressedOrganId);
    const basis =
      record.basisDocumentIds.length === 0
        ? []
        : await this.documents.repository.find(tenant, {
            caseId: record.caseId,
            id: In(record.basisDocumentIds),
          });
    const model = tjansteskrivelseDocument({
      municipality: municipality.name,
      unit: registered.unit,
      dnr: registered.dnr,
      documentDate: record.documentDate,
      versionNo: record.versionNo,
      title: record.title,
      addressedTo: organ.name,
      authorName: record.authorName,
      authorTitle: record.authorTitle,
      summary: record.summary,
      description: record.description,
      proposal: (await this.tjansteskrivelser.proposalOf(tenant, record)) ?? '',
      basis: basis.map((document) => document.description),
      genderAnalysis: record.genderAnalysis,
      followUpClause: record.followUpClause,
    });
    for (const file of wanted) {
      const data =
        file.contentType === PDF
          ? await renderPdf(model, record.submittedAt ?? this.clock.now())
          : await renderDocx(model);
      await this.attachFile.execute(tenant, null, documentId, { ...file, data }, { once: true });
    }
    return { status: 'done', detail: wanted.map((file) => file.filename).join(', ') };
  }
}
