import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, NotFoundProblem, ValidationProblem } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Outbox } from '@nf/queue';
import { NO_PROCEEDINGS, Proceedings } from '../proceedings';
import {
  assertSecretary,
  contentHashOf,
  lockProtocol,
  paragraphsOf,
  touch,
} from '../protocol-edits';
import { Paragraph, ProtocolSignature } from '../protocol.entities';

/**
 * Records the written reasons of a reservation, handed in before justering. They are part of
 * the protocol: on a protocol already locked, the content changes, so its hash is taken again,
 * the signatures given so far no longer count (they signed something else), and the protocol is
 * rendered again. After justering, reasons come too late and are refused.
 */
@Injectable()
export class AddReservationReasons {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(
    principal: Principal,
    protocolId: number,
    paragraphId: number,
    reservation: { member: string; reasons: string },
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const protocol = await lockProtocol(tx, principal, protocolId);
      assertSecretary(principal, protocol.organId);
      const paragraph = await tx.findOne(Paragraph, {
        where: { id: paragraphId, protocolId, municipalityId: protocol.municipalityId },
      });
      if (!paragraph) throw new NotFoundProblem('paragraph', paragraphId);
      if (protocol.status === 'adjusted' || paragraph.adjustedAt !== null) {
        throw new ConflictProblem(
          'protocol-adjusted',
          'The protocol is adjusted: the reasons for a reservation are handed in before justering.',
        );
      }
      if (paragraph.immediateHash !== null) {
        throw new ConflictProblem(
          'paragraph-frozen',
          'The paragraph is put to immediate justering and no longer changes.',
        );
      }
      const proceedings: Proceedings = { ...NO_PROCEEDINGS, ...paragraph.proceedings };
      const reserved = proceedings.reservations.find(
        (candidate) => candidate.member === reservation.member,
      );
      if (!reserved) {
        throw new ValidationProblem([
          {
            field: 'member',
            message: `${reservation.member} has not reserved themselves against § ${paragraph.number ?? paragraph.ordinal}`,
          },
        ]);
      }
      reserved.reasons = reservation.reasons;
      paragraph.proceedings = proceedings;
      await tx.save(paragraph);
      let invalidated: number[] = [];
      if (protocol.status === 'locked') {
        const signatures = await tx.find(ProtocolSignature, {
          where: {
            protocolId: protocol.id,
            paragraphId: 0,
            municipalityId: protocol.municipalityId,
          },
        });
        invalidated = signatures.map((signature) => signature.userId);
        await tx.delete(ProtocolSignature, {
          protocolId: protocol.id,
          paragraphId: 0,
          municipalityId: protocol.municipalityId,
        });
        protocol.contentHash = contentHashOf(protocol, await paragraphsOf(tx, protocol));
        await this.outbox.enqueue(tx, 'documents.render-protocol', {
          municipalityId: principal.municipalityId,
          protocolId: protocol.id,
        });
      }
      await touch(tx, protocol, this.clock.now(), { contentHash: protocol.contentHash });
      await this.audit.record(tx, {
        action: 'protocol.reservation-reasons-added',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        after: {
          paragraphId,
          member: reservation.member,
          contentHash: protocol.contentHash,
          invalidatedSignatures: invalidated,
        },
      });
    });
  }
}
