import { Injectable } from '@nestjs/common';
import { Clock } from '@nf/common';
import { DOCX, kallelseDocument, PDF, renderDocx, renderPdf } from '@nf/documents';
import { JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { FileStorage } from '@nf/registry';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Summons, SummonsFile } from '../meeting.entities';

/**
 * Renders a published kallelse: PDF and DOCX for the members, and a public PDF without the items
 * closed to the public. Idempotent: a file already stored (unique per summons and name) is skipped.
 */
@Injectable()
export class RenderKallelse {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
  ) {}

  @JobHandler('documents.render-kallelse')
  async handle({
    municipalityId,
    summonsId,
  }: JobPayloads['documents.render-kallelse']): Promise<JobOutcome> {
    const summons = await this.dataSource.manager.findOne(Summons, {
      where: { id: summonsId, municipalityId },
    });
    if (!summons) return { status: 'skipped', reason: `no kallelse ${summonsId}` };
    const existing = new Set(
      (await this.dataSource.manager.find(SummonsFile, { where: { summonsId } })).map(
        (file) => file.filename,
      ),
    );
    const base = `kallelse-${summons.content.organ.code.toLowerCase()}-v${summons.versionNo}`;
    const wanted = [
      { filename: `${base}.pdf`, contentType: PDF, public: false },
      { filename: `${base}.docx`, contentType: DOCX, public: false },
      { filename: `${base}-offentlig.pdf`, contentType: PDF, public: true },
    ].filter((file) => !existing.has(file.filename));
    for (const file of wanted) {
      const model = kallelseDocument(summons.content, file.public ? 'public' : 'members');
      const data =
        file.contentType === PDF
          ? await renderPdf(model, summons.publishedAt)
          : await renderDocx(model);
      const sha256 = createHash('sha256').update(data).digest('hex');
      await this.storage.put(sha256, data);
      await this.dataSource.query(
        `INSERT IGNORE INTO summons_files (municipality_id, summons_id, filename, content_type,
            size_bytes, sha256, storage_key, public, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          municipalityId,
          summonsId,
          file.filename,
          file.contentType,
          data.length,
          sha256,
          sha256,
          file.public,
          this.clock.now(),
        ],
      );
    }
    return wanted.length
      ? { status: 'done', detail: wanted.map((file) => file.filename).join(', ') }
      : { status: 'skipped', reason: 'already rendered' };
  }
}
