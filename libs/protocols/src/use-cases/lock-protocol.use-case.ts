import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { assertCurrentVersion, Clock, ConflictProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { MeetingQueries } from '@nf/meetings';
import { Outbox } from '@nf/queue';
import {
  assertSecretary,
  contentHashOf,
  lockProtocol,
  numberParagraphs,
  paragraphsOf,
} from '../protocol-edits';
import { Protocol } from '../protocol.entities';
import { SignerChecks } from '../signer-checks';

/**
 * Locks the protocol for justering: its paragraphs are numbered (unless an immediate justering
 * numbered them already), and the content is hashed. Done once: a second lock, even a concurrent
 * one, is refused.
 */
@Injectable()
export class LockProtocol {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly meetings: MeetingQueries,
    private readonly signers: SignerChecks,
  ) {}

  async execute(
    principal: Principal,
    protocolId: number,
    expectedVersion: number,
  ): Promise<Protocol> {
    return this.transactions.run(async (tx) => {
      const protocol = await lockProtocol(tx, principal, protocolId);
      assertSecretary(principal, protocol.organId);
      if (protocol.status !== 'draft') {
        throw new ConflictProblem(
          'protocol-locked',
          'The protocol is already locked and numbered.',
        );
      }
      assertCurrentVersion('protocol', protocol.version, expectedVersion);
      // Seats and attendance may have changed since the signers were named: checked again.
      const meeting = await this.meetings.get(principal, protocol.meetingId, { tx });
      await this.signers.checkSeats(principal, meeting, protocol, protocol.attendance);
      const paragraphs = await paragraphsOf(tx, protocol);
      await numberParagraphs(tx, protocol.organId, paragraphs);
      protocol.status = 'locked';
      protocol.lockedAt = this.clock.now();
      protocol.contentHash = contentHashOf(protocol, paragraphs);
      protocol.updatedAt = protocol.lockedAt;
      await tx.save(protocol);
      await this.outbox.enqueue(tx, 'documents.render-protocol', {
        municipalityId: principal.municipalityId,
        protocolId: protocol.id,
      });
      await this.audit.record(tx, {
        action: 'protocol.locked',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        after: {
          paragraphs: paragraphs.map((paragraph) => paragraph.number),
          contentHash: protocol.contentHash,
        },
      });
      return protocol;
    });
  }
}
