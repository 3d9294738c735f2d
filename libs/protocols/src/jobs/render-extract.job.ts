import { Injectable } from '@nestjs/common';
import { formatSwedishLongDate, localDate } from '@nf/common';
import { extractDocument, PDF, renderPdf } from '@nf/documents';
import { MeetingQueries } from '@nf/meetings';
import { MailQueue } from '@nf/notifications';
import { JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import {
  AttachFile,
  Case,
  CaseQueries,
  DocumentQueries,
  publicTitleOf,
  RegisterDocument,
} from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { DataSource, EntityManager } from 'typeorm';
import { NO_PROCEEDINGS, proceedingsLines, Recipient } from '../proceedings';
import { Paragraph, Protocol } from '../protocol.entities';

/**
 * Renders the extract of an adjusted paragraph and stores it on its case as a protokollsutdrag
 * document with its PDF. Idempotent: the document is found again by its description, and two runs
 * at once register one document with one file.
 */
@Injectable()
export class RenderExtract {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseQueries,
    private readonly meetings: MeetingQueries,
    private readonly documents: DocumentQueries,
    private readonly registerDocument: RegisterDocument,
    private readonly attachFile: AttachFile,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly mailQueue: MailQueue,
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
      where: { id: paragraph.protocolId, municipalityId },
    });
    if (!paragraph.adjustedAt) {
      return { status: 'skipped', reason: 'the paragraph is not adjusted' };
    }
    const meeting = await this.meetings.get(tenant, protocol.meetingId);
    const municipality = await this.municipalities.getById(municipalityId);
    const organ = await this.organs.get(tenant, protocol.organId);
    const record = await this.cases.get(tenant, paragraph.caseId);
    const description = `Protokollsutdrag ${organ.code} § ${paragraph.number}/${paragraph.year}`;
    const filename = `protokollsutdrag-${organ.code.toLowerCase()}-${paragraph.year}-${paragraph.number}.pdf`;
    const extractOf = (tx?: EntityManager) =>
      this.documents.findByDescription(
        tenant,
        { caseId: record.id, type: 'protokollsutdrag', description },
        tx,
      );
    const existing = await extractOf();
    const stored =
      existing &&
      (await this.documents.files.findOne(tenant, { documentId: existing.id, filename }));
    if (stored) {
      await this.expedite(paragraph, record, description, stored);
      return { status: 'skipped', reason: `${description} exists` };
    }
    const adjustedOn = localDate(paragraph.adjustedAt, municipality.timeZone);
    const pdf = await renderPdf(
      extractDocument({
        municipality: municipality.name,
        organ: organ.name,
        meetingDateText: formatSwedishLongDate(localDate(meeting.startsAt, municipality.timeZone)),
        number: paragraph.number,
        heading: paragraph.heading,
        dnr: record.dnr,
        decisionText: paragraph.decisionText,
        proceedings: proceedingsLines(paragraph.proceedings ?? NO_PROCEEDINGS),
        immediate: paragraph.immediateHash !== null,
        adjustedOn,
      }),
      paragraph.adjustedAt,
    );
    // Found or registered under the paragraph's lock, so that two runs at once register one
    // document; the file is attached once to it.
    const document = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT id FROM paragraphs WHERE id = ? AND municipality_id = ? FOR UPDATE', [
        paragraph.id,
        municipalityId,
      ]);
      return (
        (await extractOf(tx)) ??
        (await this.registerDocument.execute(
          tenant,
          null,
          {
            caseId: record.id,
            direction: 'upprattad',
            date: adjustedOn,
            senderRecipient: organ.name,
            description,
            type: 'protokollsutdrag',
            // The extract of a secret case's paragraph holds what the case protects.
            secrecyOsl: record.secrecyOsl,
          },
          tx,
        ))
      );
    });
    const file = await this.attachFile.execute(
      tenant,
      null,
      document.id,
      { filename, contentType: PDF, data: pdf },
      { once: true },
    );
    const sent = await this.expedite(paragraph, record, description, file);
    return { status: 'done', detail: `${description}${sent ? `, expedierat till ${sent}` : ''}` };
  }

  /**
   * Expediering: the extract goes by e-mail to those listed with an address (the others get it
   * by the secretary's hand). Queued once per paragraph and recipient, whichever run gets here.
   * E-mail is no channel for what secrecy protects: the extract of a secret case is announced by
   * its public title, without the extract, which the secretary expedites by hand.
   */
  private async expedite(
    paragraph: Paragraph,
    record: Case,
    description: string,
    file: { filename: string; contentType: string; storageKey: string },
  ): Promise<number> {
    const recipients = (paragraph.proceedings?.expediering ?? []).filter(
      (recipient): recipient is Recipient & { email: string } => Boolean(recipient.email),
    );
    if (recipients.length === 0) return 0;
    const secret = record.secrecyOsl !== null;
    await this.dataSource.transaction(async (tx) => {
      for (const recipient of recipients) {
        await this.mailQueue.enqueue(tx, {
          municipalityId: paragraph.municipalityId,
          idempotencyKey: `expediering:${paragraph.id}:${recipient.email.toLowerCase()}`,
          recipient: recipient.email,
          recipientName: recipient.name,
          subject: description,
          body: secret
            ? [
                `Hej!`,
                '',
                `${description}, ${publicTitleOf(record)}, är justerat.`,
                '',
                `Utdraget omfattas av sekretess enligt ${record.secrecyOsl} och skickas därför inte med e-post. Nämndsekreteraren expedierar det till dig på annat sätt.`,
              ].join('\n')
            : [
                `Hej!`,
                '',
                `Här kommer ${description.charAt(0).toLowerCase()}${description.slice(1)}, ${paragraph.heading}, för kännedom och åtgärd.`,
                '',
                'Utdraget är justerat och bestyrkt.',
              ].join('\n'),
          attachments: secret
            ? []
            : [
                {
                  filename: file.filename,
                  contentType: file.contentType,
                  storageKey: file.storageKey,
                },
              ],
        });
      }
    });
    return recipients.length;
  }
}
