import { Injectable } from '@nestjs/common';
import { Clock, formatSwedishLongDate, formatSwedishTime, localDate } from '@nf/common';
import { DOCX, PDF, protocolDocument, renderDocx, renderPdf } from '@nf/documents';
import { Users } from '@nf/identity';
import { MeetingQueries } from '@nf/meetings';
import { JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { CaseQueries, FileStorage } from '@nf/registry';
import { Municipalities, Organs } from '@nf/tenancy';
import { DataSource, In } from 'typeorm';
import { paragraphContentFor, protocolFileBase } from '../paragraph-secrecy';
import { attendanceLines, proceedingsLines } from '../proceedings';
import { Paragraph, Protocol } from '../protocol.entities';

/**
 * Renders the protocol as locked for justering (PDF and DOCX), as it is published: a secret case's
 * paragraph is masked (the signers read it in full in the api). Idempotent: a file already stored (unique per protocol and name) is skipped.
 */
@Injectable()
export class RenderProtocol {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly users: Users,
    private readonly clock: Clock,
    private readonly cases: CaseQueries,
    private readonly meetings: MeetingQueries,
  ) {}

  @JobHandler('documents.render-protocol')
  async handle({
    municipalityId,
    protocolId,
  }: JobPayloads['documents.render-protocol']): Promise<JobOutcome> {
    const tenant = { municipalityId };
    const manager = this.dataSource.manager;
    const protocol = await manager.findOne(Protocol, { where: { id: protocolId, municipalityId } });
    if (!protocol || protocol.status === 'draft')
      return { status: 'skipped', reason: 'not locked' };
    const paragraphs = await manager.find(Paragraph, {
      where: { protocolId, municipalityId },
      order: { ordinal: 'ASC' },
    });
    const caseIds = paragraphs.flatMap((paragraph) => paragraph.caseId ?? []);
    const cases = new Map(
      (caseIds.length ? await this.cases.repository.find(tenant, { id: In(caseIds) }) : []).map(
        (record) => [record.id, record],
      ),
    );
    const base = protocolFileBase(protocol, paragraphs, cases);
    const existing = new Set(
      (
        (await manager.query(
          'SELECT filename FROM protocol_files WHERE protocol_id = ? AND municipality_id = ?',
          [protocolId, municipalityId],
        )) as Array<{
          filename: string;
        }>
      ).map((row) => row.filename),
    );
    const wanted = [
      { filename: `${base}.pdf`, contentType: PDF },
      { filename: `${base}.docx`, contentType: DOCX },
    ].filter((file) => !existing.has(file.filename));
    if (wanted.length === 0) return { status: 'skipped', reason: 'already rendered' };
    const municipality = await this.municipalities.getById(municipalityId);
    const meeting = await this.meetings.get(tenant, protocol.meetingId);
    const organ = await this.organs.get(tenant, protocol.organId);
    const name = async (userId: number) => (await this.users.get(tenant, userId)).user.displayName;
    const model = protocolDocument({
      municipality: municipality.name,
      organ: organ.name,
      dateText: formatSwedishLongDate(localDate(meeting.startsAt, municipality.timeZone)),
      timeText: formatSwedishTime(meeting.startsAt, municipality.timeZone),
      place: meeting.place,
      chair: await name(protocol.chairUserId),
      secretary: meeting.secretaryName,
      adjusters: await Promise.all(protocol.adjusterUserIds.map(name)),
      attendance: attendanceLines(protocol.attendance),
      justering: protocol.justeringAt
        ? `${protocol.justeringPlace ? `${protocol.justeringPlace}, ` : ''}${formatSwedishLongDate(
            localDate(protocol.justeringAt, municipality.timeZone),
          )} ${formatSwedishTime(protocol.justeringAt, municipality.timeZone)}`
        : protocol.justeringPlace,
      // The protocol is an allmän handling that is published: a secret case's paragraph is masked.
      paragraphs: paragraphs.map((paragraph) => {
        const record = paragraph.caseId === null ? undefined : cases.get(paragraph.caseId);
        const content = paragraphContentFor(paragraph, record, false);
        return {
          number: paragraph.number!,
          heading: content.heading,
          dnr: record?.dnr ?? null,
          decisionText: content.decisionText,
          proceedings: proceedingsLines(content.proceedings),
          immediate: paragraph.immediateHash !== null,
        };
      }),
    });
    for (const file of wanted) {
      const data =
        file.contentType === PDF
          ? await renderPdf(model, protocol.lockedAt ?? this.clock.now())
          : await renderDocx(model);
      const stored = await this.storage.store(data);
      await manager.query(
        `INSERT IGNORE INTO protocol_files (municipality_id, protocol_id, filename, content_type, size_bytes, sha256, storage_key, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          municipalityId,
          protocolId,
          file.filename,
          file.contentType,
          stored.sizeBytes,
          stored.sha256,
          stored.storageKey,
          this.clock.now(),
        ],
      );
    }
    return { status: 'done', detail: wanted.map((file) => file.filename).join(', ') };
  }
}
