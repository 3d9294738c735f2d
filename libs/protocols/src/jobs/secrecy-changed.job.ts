import { Injectable } from '@nestjs/common';
import { KallelseSecrecy } from '@nf/meetings';
import { JobHandler, JobOutcome, JobPayloads } from '@nf/queue';
import { DataSource } from 'typeorm';
import { RenderProtocol } from './render-protocol.job';

/**
 * A case's secrecy marking (or public title) changed: the protocols that have a paragraph of it are
 * rendered again (their file names follow what is masked, so a rendering that exists is kept), and
 * each published kallelse that names it by a title now secret is published again. Safe to run twice.
 */
@Injectable()
export class SecrecyChanged {
  constructor(
    private readonly dataSource: DataSource,
    private readonly renderProtocol: RenderProtocol,
    private readonly kallelser: KallelseSecrecy,
  ) {}

  @JobHandler('documents.secrecy-changed')
  async handle({
    municipalityId,
    caseId,
  }: JobPayloads['documents.secrecy-changed']): Promise<JobOutcome> {
    const protocols = (await this.dataSource.query(
      `SELECT DISTINCT p.id FROM paragraphs g JOIN protocols p ON p.id = g.protocol_id
        WHERE g.municipality_id = ? AND g.case_id = ? AND p.status <> 'draft' ORDER BY p.id`,
      [municipalityId, caseId],
    )) as Array<{ id: number | string }>;
    const rendered: number[] = [];
    for (const { id } of protocols) {
      const outcome = await this.renderProtocol.handle({ municipalityId, protocolId: Number(id) });
      if (outcome.status === 'done') rendered.push(Number(id));
    }
    const republished = await this.kallelser.republishFor({ municipalityId }, caseId);
    if (rendered.length === 0 && republished.length === 0) {
      return { status: 'skipped', reason: 'nothing rendered from the case shows its title' };
    }
    return {
      status: 'done',
      detail: `protocols rendered: ${rendered.join(', ') || 'none'}; kallelser republished: ${republished.join(', ') || 'none'}`,
    };
  }
}
