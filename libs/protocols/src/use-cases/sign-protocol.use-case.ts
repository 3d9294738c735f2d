import { Injectable } from '@nestjs/common';
import { Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import { Clock, ConflictProblem, ForbiddenProblem, NotFoundProblem, Tenant } from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { RecordMeetingStatus } from '@nf/meetings';
import { Outbox } from '@nf/queue';
import { EntityManager } from 'typeorm';
import { lockProtocol, paragraphsOf, ROUTE_OUTCOMES } from '../protocol-edits';
import { Paragraph, Protocol, ProtocolSignature } from '../protocol.entities';
import { SignatureProviders, SignatureRequest } from '../signatures';

/**
 * The chair or a justerare signs what they read (its hash): the whole protocol, or one
 * paragraph put to immediate justering. The signature is checked by its provider (the login
 * by default). When the last signature is in, the protocol (or the paragraph) is adjusted and
 * each paragraph's outcome goes to its case's route, by jobs.
 */
@Injectable()
export class SignProtocol {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly signatureProviders: SignatureProviders,
    private readonly meetingStatus: RecordMeetingStatus,
  ) {}

  async execute(
    principal: Principal,
    protocolId: number,
    request: SignatureRequest,
    paragraphId = 0,
  ): Promise<Protocol> {
    const provider = this.signatureProviders.get(request.method ?? 'login');
    return this.transactions.run(async (tx) => {
      const protocol = await lockProtocol(tx, principal, protocolId);
      const role =
        protocol.chairUserId === principal.userId
          ? 'ordforande'
          : protocol.adjusterUserIds.includes(principal.userId)
            ? 'justerare'
            : null;
      if (!role) throw new ForbiddenProblem('The protocol is signed by its chair and justerare.');
      const paragraph = paragraphId
        ? await tx.findOne(Paragraph, {
            where: { id: paragraphId, protocolId, municipalityId: protocol.municipalityId },
          })
        : null;
      if (paragraphId && !paragraph) throw new NotFoundProblem('paragraph', paragraphId);
      const signedHash = paragraph ? paragraph.immediateHash : protocol.contentHash;
      if (protocol.status === 'adjusted' || paragraph?.adjustedAt) {
        throw new ConflictProblem('protocol-adjusted', 'The protocol is adjusted.');
      }
      if (signedHash === null || (!paragraph && protocol.status !== 'locked')) {
        throw new ConflictProblem(
          'protocol-not-locked',
          paragraph
            ? 'The paragraph is not put to immediate justering.'
            : 'The protocol is not locked for justering yet.',
        );
      }
      if (request.contentHash !== signedHash) {
        throw new ConflictProblem(
          'outdated-protocol',
          'What you signed is not the protocol as it stands: read it again.',
          { contentHash: signedHash },
        );
      }
      const method = await provider.verify(principal, request);
      const now = this.clock.now();
      const signed = (await tx.query(
        `INSERT IGNORE INTO protocol_signatures (municipality_id, protocol_id, paragraph_id, user_id, role, method, content_hash, signed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          principal.municipalityId,
          protocol.id,
          paragraphId,
          principal.userId,
          role,
          method,
          signedHash,
          now,
        ],
      )) as { affectedRows: number };
      if (signed.affectedRows !== 1)
        throw new ConflictProblem('already-signed', 'You have signed this protocol.');
      const signatures = await tx.count(ProtocolSignature, {
        where: { protocolId: protocol.id, paragraphId, municipalityId: protocol.municipalityId },
      });
      await this.audit.record(tx, {
        action: 'protocol.signed',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        after: { role, method, contentHash: signedHash, ...(paragraph ? { paragraphId } : {}) },
      });
      if (signatures < protocol.adjusterUserIds.length + 1) return protocol;
      if (paragraph) {
        await this.adjustParagraphs(tx, principal, protocol, [paragraph], now);
        await this.audit.record(tx, {
          action: 'protocol.paragraph-adjusted',
          entityType: 'protocol',
          entityId: protocol.id,
          municipalityId: principal.municipalityId,
          after: { paragraphId, number: paragraph.number, immediate: true },
        });
        return protocol;
      }
      protocol.status = 'adjusted';
      protocol.adjustedAt = now;
      protocol.updatedAt = now;
      await tx.save(protocol);
      await this.meetingStatus.execute(tx, principal, protocol.meetingId, 'adjusted', now);
      const paragraphs = await paragraphsOf(tx, protocol);
      await this.adjustParagraphs(
        tx,
        principal,
        protocol,
        paragraphs.filter((candidate) => candidate.adjustedAt === null),
        now,
      );
      await this.outbox.enqueue(tx, 'protocols.post-anslag', {
        municipalityId: principal.municipalityId,
        protocolId: protocol.id,
      });
      await this.outbox.enqueue(tx, 'protocols.report-to-board', {
        municipalityId: principal.municipalityId,
        protocolId: protocol.id,
      });
      await this.outbox.enqueue(tx, 'protocols.report-motions', {
        municipalityId: principal.municipalityId,
        protocolId: protocol.id,
      });
      await this.audit.record(tx, {
        action: 'protocol.adjusted',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        after: { paragraphs: paragraphs.map((candidate) => candidate.number) },
      });
      return protocol;
    });
  }

  /** Marks paragraphs adjusted and hands their outcomes and extracts to the jobs. */
  private async adjustParagraphs(
    tx: EntityManager,
    tenant: Tenant,
    protocol: Protocol,
    paragraphs: Paragraph[],
    now: Date,
  ): Promise<void> {
    for (const paragraph of paragraphs) {
      paragraph.adjustedAt = now;
      await tx.update(
        Paragraph,
        { id: paragraph.id, municipalityId: paragraph.municipalityId },
        { adjustedAt: now },
      );
      if (paragraph.caseId !== null && ROUTE_OUTCOMES.has(paragraph.outcome)) {
        await this.outbox.enqueue(tx, 'protocols.apply-paragraph', {
          municipalityId: tenant.municipalityId,
          paragraphId: paragraph.id,
        });
      }
      if (paragraph.outcome === 'election' && paragraph.proceedings?.val) {
        await this.outbox.enqueue(tx, 'protocols.apply-election', {
          municipalityId: tenant.municipalityId,
          paragraphId: paragraph.id,
        });
      }
      if (paragraph.caseId !== null) {
        await this.outbox.enqueue(tx, 'documents.render-extract', {
          municipalityId: tenant.municipalityId,
          paragraphId: paragraph.id,
        });
      }
    }
  }
}
