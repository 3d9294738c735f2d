import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, NotFoundProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import {
  contentHashOf,
  editableProtocol,
  numberParagraphs,
  paragraphsOf,
  touch,
} from '../protocol-edits';
import { Paragraph } from '../protocol.entities';

/**
 * Puts one paragraph to immediate justering (omedelbar justering) at the meeting: the protocol
 * is numbered if it was not yet, the paragraph is frozen and hashed, and its chair and
 * justerare sign it on its own. When they have, its outcome and extract go ahead without
 * waiting for the rest of the protocol.
 */
@Injectable()
export class RequestImmediateJustering {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    protocolId: number,
    paragraphId: number,
    expectedVersion: number,
  ): Promise<Paragraph> {
    return this.transactions.run(async (tx) => {
      const protocol = await editableProtocol(tx, principal, protocolId, expectedVersion);
      const paragraphs = await paragraphsOf(tx, protocol);
      const paragraph = paragraphs.find((candidate) => candidate.id === paragraphId);
      if (!paragraph) throw new NotFoundProblem('paragraph', paragraphId);
      if (paragraph.immediateHash !== null) {
        throw new ConflictProblem(
          'paragraph-frozen',
          'The paragraph is already put to immediate justering.',
        );
      }
      await numberParagraphs(tx, protocol.organId, paragraphs);
      paragraph.immediateHash = contentHashOf(protocol, [paragraph]);
      await tx.update(
        Paragraph,
        { id: paragraph.id, municipalityId: paragraph.municipalityId },
        { immediateHash: paragraph.immediateHash },
      );
      await touch(tx, protocol, this.clock.now());
      await this.audit.record(tx, {
        action: 'protocol.immediate-justering-requested',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        after: {
          paragraphId,
          number: paragraph.number,
          contentHash: paragraph.immediateHash,
        },
      });
      return paragraph;
    });
  }
}
