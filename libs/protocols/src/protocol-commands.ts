import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  ForbiddenProblem,
  localYear,
  NotFoundProblem,
  Tenant,
  ValidationProblem,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Users } from '@nf/identity';
import { AgendaItem, Meeting } from '@nf/meetings';
import { Outbox } from '@nf/queue';
import { Municipalities, Organs } from '@nf/tenancy';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Paragraph, ParagraphOutcome, Protocol, ProtocolSignature } from './protocol.entities';

/** The outcomes that move a case's route when the protocol is adjusted. */
export const ROUTE_OUTCOMES: ReadonlySet<ParagraphOutcome> = new Set([
  'decision',
  'proposal',
  'aterremiss',
  'bordlaggning',
  'information',
  'withdrawn',
]);

export interface ParagraphChange {
  outcome?: ParagraphOutcome;
  decisionText?: string | null;
  motionAnswer?: 'bifall' | 'avslag' | 'besvarad' | null;
}

/** What the signatures sign: the numbered paragraphs and who adjusts, as canonical JSON. */
export function contentHashOf(protocol: Protocol, paragraphs: Paragraph[]): string {
  const content = {
    meetingId: protocol.meetingId,
    chairUserId: protocol.chairUserId,
    adjusterUserIds: protocol.adjusterUserIds,
    paragraphs: paragraphs.map((paragraph) => [
      paragraph.number,
      paragraph.heading,
      paragraph.caseId,
      paragraph.outcome,
      paragraph.decisionText,
      paragraph.motionAnswer,
    ]),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

async function paragraphsOf(tx: EntityManager, protocolId: number): Promise<Paragraph[]> {
  return tx.find(Paragraph, { where: { protocolId }, order: { ordinal: 'ASC' } });
}

@Injectable()
export class ProtocolCommands {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly users: Users,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  private async lock(tx: EntityManager, tenant: Tenant, id: number): Promise<Protocol> {
    const protocol = await tx.findOne(Protocol, {
      where: { id, municipalityId: tenant.municipalityId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!protocol) throw new NotFoundProblem('protocol', id);
    return protocol;
  }

  private assertSecretary(principal: Principal, organId: number): void {
    if (!principal.can(Permission.MeetingsManage, { organId })) {
      throw new ForbiddenProblem('The protocol is kept by the secretary of the organ.');
    }
  }

  /**
   * Opens the protocol of a held meeting: a paragraph for each agenda item, a case's outcome
   * proposed from its route step (a proposing organ proposes, the deciding organ decides), and
   * the chair and justerare who will adjust it.
   */
  async create(
    principal: Principal,
    meetingId: number,
    signers: { chairUserId: number; adjusterUserIds: number[] },
  ): Promise<Protocol> {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    for (const userId of [signers.chairUserId, ...signers.adjusterUserIds]) {
      await this.users.get(principal, userId).catch(() => {
        throw new ValidationProblem([{ field: 'adjusterUserIds', message: `no user ${userId}` }]);
      });
    }
    if (
      new Set([signers.chairUserId, ...signers.adjusterUserIds]).size !==
      signers.adjusterUserIds.length + 1
    ) {
      throw new ValidationProblem([
        { field: 'adjusterUserIds', message: 'the chair and each justerare once' },
      ]);
    }
    return this.transactions.run(async (tx) => {
      const meeting = await tx.findOne(Meeting, {
        where: { id: meetingId, municipalityId: principal.municipalityId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!meeting) throw new NotFoundProblem('meeting', meetingId);
      this.assertSecretary(principal, meeting.organId);
      const organ = await this.organs.get(principal, meeting.organId);
      if (signers.adjusterUserIds.length !== organ.adjustersCount) {
        throw new ValidationProblem([
          {
            field: 'adjusterUserIds',
            message: `${organ.name} elects ${organ.adjustersCount} justerare`,
          },
        ]);
      }
      if (meeting.status !== 'summoned') {
        throw new ConflictProblem('meeting-not-summoned', `The meeting is ${meeting.status}.`);
      }
      const now = this.clock.now();
      const protocol = tx.create(Protocol, {
        municipalityId: principal.municipalityId,
        meetingId: meeting.id,
        organId: meeting.organId,
        status: 'draft',
        chairUserId: signers.chairUserId,
        adjusterUserIds: signers.adjusterUserIds,
        contentHash: null,
        lockedAt: null,
        adjustedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await tx
        .save(protocol)
        .catch((error: { errno?: number; driverError?: { errno?: number } }) => {
          if ((error.driverError?.errno ?? error.errno) === 1062) {
            throw new ConflictProblem('protocol-exists', 'The meeting has a protocol already.');
          }
          throw error;
        });
      const items = await tx.find(AgendaItem, {
        where: { meetingId: meeting.id },
        order: { ordinal: 'ASC' },
      });
      const stepIds = items
        .map((item) => item.routeStepId)
        .filter((id): id is number => id !== null);
      const roles = new Map<number, string>(
        stepIds.length
          ? (
              (await tx.query('SELECT id, role FROM route_steps WHERE id IN (?)', [
                stepIds,
              ])) as Array<{ id: number | string; role: string }>
            ).map((row) => [Number(row.id), row.role])
          : [],
      );
      const year = localYear(meeting.startsAt, municipality.timeZone);
      const paragraphs = items.map((item) =>
        tx.create(Paragraph, {
          municipalityId: principal.municipalityId,
          protocolId: protocol.id,
          organId: meeting.organId,
          year,
          ordinal: item.ordinal,
          number: null,
          heading: item.title,
          caseId: item.kind === 'case' ? item.caseId : null,
          routeStepId: item.routeStepId,
          routeRound: item.routeRound,
          outcome:
            item.kind !== 'case'
              ? 'standing'
              : roles.get(item.routeStepId ?? 0) === 'decide'
                ? 'decision'
                : 'proposal',
          decisionText: item.proposalText,
          motionAnswer: null,
        }),
      );
      if (paragraphs.length) await tx.save(paragraphs);
      meeting.status = 'held';
      meeting.updatedAt = now;
      await tx.save(meeting);
      await this.audit.record(tx, {
        action: 'protocol.created',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        after: { meetingId: meeting.id, paragraphs: paragraphs.length, ...signers },
      });
      return protocol;
    });
  }

  /** Edits a paragraph of a draft protocol (after locking, nothing changes). */
  async updateParagraph(
    principal: Principal,
    protocolId: number,
    paragraphId: number,
    change: ParagraphChange,
    expectedVersion: number,
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const protocol = await this.lock(tx, principal, protocolId);
      this.assertSecretary(principal, protocol.organId);
      if (protocol.status !== 'draft') {
        throw new ConflictProblem('protocol-locked', 'The protocol is locked for justering.');
      }
      assertCurrentVersion('protocol', protocol.version, expectedVersion);
      const paragraph = await tx.findOne(Paragraph, { where: { id: paragraphId, protocolId } });
      if (!paragraph) throw new NotFoundProblem('paragraph', paragraphId);
      if (change.outcome && change.outcome !== 'standing' && paragraph.caseId === null) {
        throw new ValidationProblem([
          { field: 'outcome', message: 'a paragraph without a case has no route outcome' },
        ]);
      }
      const before = { outcome: paragraph.outcome, decisionText: paragraph.decisionText };
      Object.assign(
        paragraph,
        Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)),
      );
      await tx.save(paragraph);
      protocol.updatedAt = this.clock.now();
      await tx.save(protocol);
      await this.audit.record(tx, {
        action: 'protocol.paragraph-updated',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        before: { paragraphId, ...before },
        after: { paragraphId, outcome: paragraph.outcome, decisionText: paragraph.decisionText },
      });
    });
  }

  /**
   * Locks the protocol for justering: its paragraphs take the next numbers of the organ's series
   * for the meeting's local year (one block from the counter row, in the agenda's order), and the
   * content is hashed. Done once: a second lock, even a concurrent one, is refused.
   */
  async lockForJustering(
    principal: Principal,
    protocolId: number,
    expectedVersion: number,
  ): Promise<Protocol> {
    return this.transactions.run(async (tx) => {
      const protocol = await this.lock(tx, principal, protocolId);
      this.assertSecretary(principal, protocol.organId);
      if (protocol.status !== 'draft') {
        throw new ConflictProblem(
          'protocol-locked',
          'The protocol is already locked and numbered.',
        );
      }
      assertCurrentVersion('protocol', protocol.version, expectedVersion);
      const paragraphs = await paragraphsOf(tx, protocol.id);
      if (paragraphs.length > 0) {
        const { year } = paragraphs[0];
        await tx.query(
          `INSERT INTO paragraph_counters (organ_id, year, next_number) VALUES (?, ?, LAST_INSERT_ID(? + 1))
             ON DUPLICATE KEY UPDATE next_number = LAST_INSERT_ID(next_number + ?)`,
          [protocol.organId, year, paragraphs.length, paragraphs.length],
        );
        const [{ next }] = (await tx.query('SELECT LAST_INSERT_ID() AS next')) as Array<{
          next: number | string;
        }>;
        const first = Number(next) - paragraphs.length;
        for (const [index, paragraph] of paragraphs.entries()) {
          paragraph.number = first + index;
          await tx.update(Paragraph, { id: paragraph.id }, { number: paragraph.number });
        }
      }
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

  /**
   * The chair or a justerare signs what they read (its hash). When the last signature is in, the
   * protocol is adjusted and each paragraph's outcome goes to its case's route, by jobs.
   */
  async sign(principal: Principal, protocolId: number, contentHash: string): Promise<Protocol> {
    return this.transactions.run(async (tx) => {
      const protocol = await this.lock(tx, principal, protocolId);
      const role =
        protocol.chairUserId === principal.userId
          ? 'ordforande'
          : protocol.adjusterUserIds.includes(principal.userId)
            ? 'justerare'
            : null;
      if (!role) throw new ForbiddenProblem('The protocol is signed by its chair and justerare.');
      if (protocol.status !== 'locked') {
        throw new ConflictProblem(
          protocol.status === 'draft' ? 'protocol-not-locked' : 'protocol-adjusted',
          protocol.status === 'draft'
            ? 'The protocol is not locked for justering yet.'
            : 'The protocol is adjusted.',
        );
      }
      if (contentHash !== protocol.contentHash) {
        throw new ConflictProblem(
          'outdated-protocol',
          'What you signed is not the protocol as it stands: read it again.',
          {
            contentHash: protocol.contentHash,
          },
        );
      }
      const now = this.clock.now();
      const signed = (await tx.query(
        `INSERT IGNORE INTO protocol_signatures (municipality_id, protocol_id, user_id, role, method, content_hash, signed_at)
         VALUES (?, ?, ?, ?, 'login', ?, ?)`,
        [principal.municipalityId, protocol.id, principal.userId, role, contentHash, now],
      )) as { affectedRows: number };
      if (signed.affectedRows !== 1)
        throw new ConflictProblem('already-signed', 'You have signed this protocol.');
      const signatures = await tx.count(ProtocolSignature, { where: { protocolId: protocol.id } });
      await this.audit.record(tx, {
        action: 'protocol.signed',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        after: { role, contentHash },
      });
      if (signatures === protocol.adjusterUserIds.length + 1) {
        protocol.status = 'adjusted';
        protocol.adjustedAt = now;
        protocol.updatedAt = now;
        await tx.save(protocol);
        await tx.update(
          Meeting,
          { id: protocol.meetingId },
          { status: 'adjusted', updatedAt: now },
        );
        const paragraphs = await paragraphsOf(tx, protocol.id);
        for (const paragraph of paragraphs) {
          if (paragraph.caseId !== null && ROUTE_OUTCOMES.has(paragraph.outcome)) {
            await this.outbox.enqueue(tx, 'protocols.apply-paragraph', {
              municipalityId: principal.municipalityId,
              paragraphId: paragraph.id,
            });
          }
          if (paragraph.caseId !== null) {
            await this.outbox.enqueue(tx, 'documents.render-extract', {
              municipalityId: principal.municipalityId,
              paragraphId: paragraph.id,
            });
          }
        }
        await this.outbox.enqueue(tx, 'protocols.post-anslag', {
          municipalityId: principal.municipalityId,
          protocolId: protocol.id,
        });
        await this.audit.record(tx, {
          action: 'protocol.adjusted',
          entityType: 'protocol',
          entityId: protocol.id,
          municipalityId: principal.municipalityId,
          after: { paragraphs: paragraphs.map((paragraph) => paragraph.number) },
        });
      }
      return protocol;
    });
  }

  /** Where an organ's series stands (for a municipality coming from another system mid-year). */
  async continueSeries(
    tx: EntityManager,
    organId: number,
    year: number,
    nextNumber: number,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO paragraph_counters (organ_id, year, next_number) VALUES (?, ?, ?)
         ON DUPLICATE KEY UPDATE next_number = GREATEST(next_number, VALUES(next_number))`,
      [organId, year, nextNumber],
    );
  }
}
