import { Injectable } from '@nestjs/common';
import { Clock, localDate } from '@nf/common';
import { DOCX, kallelseDocument, PDF, renderDocx, renderPdf } from '@nf/documents';
import { JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { FileStorage } from '@nf/registry';
import { DataSource } from 'typeorm';
import { kallelseFileBase } from '../kallelse-secrecy';
import { Meeting, Kallelse, KallelseFile } from '../meeting.entities';
import { addressOf, calendarInvitation, MailQueue } from '@nf/notifications';
import { AppConfig } from '@nf/config';
import { Memberships, Municipalities } from '@nf/tenancy';

/**
 * Renders a published kallelse: PDF and DOCX for the members, and a public PDF without the items
 * closed to the public. Idempotent: a file already stored (unique per kallelse and name) is skipped.
 */
@Injectable()
export class RenderKallelse {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly municipalities: Municipalities,
    private readonly memberships: Memberships,
    private readonly mail: MailQueue,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @JobHandler('documents.render-kallelse')
  async handle(payload: JobPayloads['documents.render-kallelse']): Promise<JobOutcome> {
    const { municipalityId } = payload;
    const kallelseId = payload.kallelseId ?? payload.summonsId;
    const kallelse = await this.dataSource.manager.findOne(Kallelse, {
      where: { id: kallelseId, municipalityId },
    });
    if (!kallelse) return { status: 'skipped', reason: `no kallelse ${kallelseId}` };
    const existing = new Set(
      (
        await this.dataSource.manager.find(KallelseFile, { where: { kallelseId, municipalityId } })
      ).map((file) => file.filename),
    );
    const base = kallelseFileBase(kallelse);
    const wanted = [
      { filename: `${base}.pdf`, contentType: PDF, public: false },
      { filename: `${base}.docx`, contentType: DOCX, public: false },
      { filename: `${base}-offentlig.pdf`, contentType: PDF, public: true },
    ].filter((file) => !existing.has(file.filename));
    for (const file of wanted) {
      const model = kallelseDocument(kallelse.content, file.public ? 'public' : 'members');
      const data =
        file.contentType === PDF
          ? await renderPdf(model, kallelse.publishedAt)
          : await renderDocx(model);
      const stored = await this.storage.store(data);
      await this.dataSource.query(
        `INSERT IGNORE INTO kallelse_files (municipality_id, kallelse_id, filename, content_type,
            size_bytes, sha256, storage_key, public, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          municipalityId,
          kallelseId,
          file.filename,
          file.contentType,
          stored.sizeBytes,
          stored.sha256,
          stored.storageKey,
          file.public,
          this.clock.now(),
        ],
      );
    }
    const queued = await this.mailMembers(kallelse);
    return wanted.length || queued
      ? {
          status: 'done',
          detail: `${wanted.map((file) => file.filename).join(', ') || 'files there'}; ${queued} e-mail(s) queued`,
        }
      : { status: 'skipped', reason: 'already rendered and sent' };
  }

  /**
   * Queues the kallelse to the organ's members and substitutes (seats on the meeting day, with an
   * e-mail address), with the PDF and a calendar invitation. Once per person and version.
   */
  private async mailMembers(kallelse: Kallelse): Promise<number> {
    const { municipalityId } = kallelse;
    const meeting = await this.dataSource.manager.findOneOrFail(Meeting, {
      where: { id: kallelse.meetingId, municipalityId },
    });
    const pdf = await this.dataSource.manager.findOne(KallelseFile, {
      where: {
        kallelseId: kallelse.id,
        filename: `${kallelseFileBase(kallelse)}.pdf`,
        municipalityId,
      },
    });
    if (!pdf) return 0;
    const municipality = await this.municipalities.getById(kallelse.municipalityId);
    const day = localDate(meeting.startsAt, municipality.timeZone);
    const recipients = await this.memberships.holdersWithEmail(kallelse, meeting.organId, day);
    const { content } = kallelse;
    const kind = kallelse.versionNo > 1 ? 'Tilläggskallelse' : 'Kallelse';
    const subject = `${kind}: ${content.organ.name} ${content.dateText} ${content.timeText}`;
    const invitation = calendarInvitation({
      uid: `meeting-${meeting.id}-${kallelse.municipalityId}@namndflode`,
      sequence: kallelse.versionNo - 1,
      start: meeting.startsAt,
      end: meeting.endsAt ?? new Date(meeting.startsAt.getTime() + 3 * 3_600_000),
      summary: `${content.organ.name}, sammanträde`,
      location: content.place,
      description: `${kind} till ${content.organ.name}s sammanträde ${content.dateText} ${content.timeText}.`,
      organizer: {
        name: content.secretaryName ?? content.organ.name,
        email: addressOf(this.config.smtp.from),
      },
      stamp: kallelse.publishedAt,
    });
    let queued = 0;
    await this.dataSource.transaction(async (tx) => {
      for (const person of recipients) {
        const sent = await this.mail.enqueue(tx, {
          municipalityId: kallelse.municipalityId,
          idempotencyKey: `kallelse:${kallelse.id}:person:${person.personId}`,
          recipient: person.email,
          recipientName: person.name,
          subject,
          body: [
            `Hej ${person.name}!`,
            '',
            `${content.organ.name} kallas härmed till sammanträde ${content.dateText} i ${content.place} ${content.timeText}.`,
            '',
            `${kind === 'Kallelse' ? 'Kallelsen' : 'Tilläggskallelsen'} med ärendelistan finns som bilaga, och mötet som kalenderinbjudan.`,
            '',
            'Med vänlig hälsning',
            content.secretaryName ?? content.organ.name,
          ].join('\n'),
          attachments: [
            { filename: pdf.filename, contentType: PDF, storageKey: pdf.storageKey },
            {
              filename: 'sammantrade.ics',
              contentType: 'text/calendar; method=REQUEST; charset=utf-8',
              content: invitation,
            },
          ],
        });
        if (sent) queued++;
      }
    });
    return queued;
  }
}
