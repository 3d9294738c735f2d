import { Injectable } from '@nestjs/common';
import { formatSwedishLongDate, localDate } from '@nf/common';
import { extractDocument, PDF, renderPdf } from '@nf/documents';
import { Meeting } from '@nf/meetings';
import { JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { AttachFile, CaseQueries, DocumentQueries, RegisterDocument } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { DataSource } from 'typeorm';
import { Paragraph, Protocol } from '../protocol.entities';

/**
 * Renders the extract of an adjusted paragraph and stores it on its case as a protokollsutdrag
 * document with its PDF. Idempotent: the document is found again by its description.
 */
@Injectable()
export class RenderExtract {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseQueries,
    private readonly documents: DocumentQueries,
    private readonly registerDocument: RegisterDocument,
    private readonly attachFile: AttachFile,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
  ) {}

  @JobHandler('documents.render-extract')
  async handle({
    municipalityId,
    paragraphId,
  }: JobPayloads['documents.render-extract']): Promise<JobOutcome> {
    const tenant = { municipalityId };
    const paragraph = await this.dataSource.manager.findOne(Paragraph, {
      where: { id: paragraphId, municipalityId },
    });
    if (!paragraph || paragraph.caseId === null || paragraph.number === null) {
      return { status: 'skipped', reason: `paragraph ${paragraphId} has no case` };
    }
    const protocol = await this.dataSource.manager.findOneOrFail(Protocol, {
      where: { id: paragraph.protocolId },
    });
    if (protocol.status !== 'adjusted' || !protocol.adjustedAt) {
      return { status: 'skipped', reason: 'the protocol is not adjusted' };
    }
    const meeting = await this.dataSource.manager.findOneOrFail(Meeting, {
      where: { id: protocol.meetingId },
    });
    const municipality = await this.municipalities.getById(municipalityId);
    const organ = await this.organs.get(tenant, protocol.organId);
    const record = await this.cases.get(tenant, paragraph.caseId);
    const description = `Protokollsutdrag ${organ.code} § ${paragraph.number}/${paragraph.year}`;
    const filename = `protokollsutdrag-${organ.code.toLowerCase()}-${paragraph.year}-${paragraph.number}.pdf`;
    let document = (await this.documents.forCase(tenant, record.id)).find(
      (candidate) => candidate.type === 'protokollsutdrag' && candidate.description === description,
    );
    if (
      document &&
      (await this.documents.files.findOne(tenant, { documentId: document.id, filename }))
    ) {
      return { status: 'skipped', reason: `${description} exists` };
    }
    const adjustedOn = localDate(protocol.adjustedAt, municipality.timeZone);
    document ??= await this.registerDocument.execute(tenant, null, {
      caseId: record.id,
      direction: 'upprattad',
      date: adjustedOn,
      senderRecipient: organ.name,
      description,
      type: 'protokollsutdrag',
    });
    const pdf = await renderPdf(
      extractDocument({
        municipality: municipality.name,
        organ: organ.name,
        meetingDateText: formatSwedishLongDate(localDate(meeting.startsAt, municipality.timeZone)),
        number: paragraph.number,
        heading: paragraph.heading,
        dnr: record.dnr,
        decisionText: paragraph.decisionText,
        adjustedOn,
      }),
      protocol.adjustedAt,
    );
    await this.attachFile.execute(tenant, null, document.id, {
      filename,
      contentType: PDF,
      data: pdf,
    });
    return { status: 'done', detail: description };
  }
}
