import { Injectable } from '@nestjs/common';
import { Permission, Principal } from '@nf/access';
import { AuditLog } from '@nf/audit';
import {
  assertCurrentVersion,
  Clock,
  ConflictProblem,
  ForbiddenProblem,
  localDate,
  localYear,
  NotFoundProblem,
  Tenant,
  ValidationProblem,
  zonedDateTimeToInstant,
} from '@nf/common';
import { TransactionRunner } from '@nf/database';
import { Users } from '@nf/identity';
import { Meeting, MeetingQueries, RecordMeetingStatus } from '@nf/meetings';
import { RouteQueries } from '@nf/workflow';
import { Outbox } from '@nf/queue';
import { isActiveOn, Memberships, Municipalities, Organs, People } from '@nf/tenancy';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  Attendance,
  countVotes,
  NO_PROCEEDINGS,
  Proceedings,
  Recipient,
  validateAttendance,
  votersOf,
  Votering,
  Yrkande,
} from './proceedings';
import { Paragraph, ParagraphOutcome, Protocol, ProtocolSignature } from './protocol.entities';
import { Signer, signerProblems } from './signers';
import { SignatureProviders, SignatureRequest } from './signatures';

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
  yrkanden?: Yrkande[];
  propositionsordning?: string | null;
  /** The vote as put; the counts and the result are computed. `null` removes it. */
  votering?: Pick<Votering, 'question' | 'ballots'> | null;
  /** Who reserved themselves; written reasons may follow until justering. */
  reservations?: Array<{ member: string; reasons?: string | null }>;
  jav?: string[];
  notes?: Array<{ by: string; text: string }>;
  expediering?: Recipient[];
}

export interface ProtocolSigners {
  chairUserId: number;
  adjusterUserIds: number[];
}

export interface ProtocolHeading extends Partial<ProtocolSigners> {
  attendance?: Attendance;
  /** Local date and time, "2023-12-13T13:00". */
  justeringAt?: string | null;
  justeringPlace?: string | null;
}

const PROCEEDINGS_FIELDS = [
  'yrkanden',
  'propositionsordning',
  'votering',
  'reservations',
  'jav',
  'notes',
  'expediering',
] as const;

/** What the signatures sign: the numbered paragraphs and who adjusts, as canonical JSON. */
export function contentHashOf(protocol: Protocol, paragraphs: Paragraph[]): string {
  const content = {
    meetingId: protocol.meetingId,
    chairUserId: protocol.chairUserId,
    adjusterUserIds: protocol.adjusterUserIds,
    attendance: protocol.attendance,
    justering: [protocol.justeringAt?.toISOString() ?? null, protocol.justeringPlace],
    paragraphs: paragraphs.map((paragraph) => [
      paragraph.number,
      paragraph.heading,
      paragraph.caseId,
      paragraph.outcome,
      paragraph.decisionText,
      paragraph.motionAnswer,
      paragraph.proceedings ?? NO_PROCEEDINGS,
    ]),
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/**
 * Records an edit of a protocol: the version goes up by one however fast the edits come (a save
 * of an unchanged row would not bump it, and a second edit in the same millisecond would pass
 * the version check).
 */
async function touch(
  tx: EntityManager,
  protocol: Protocol,
  now: Date,
  changes: Partial<
    Pick<
      Protocol,
      | 'attendance'
      | 'chairUserId'
      | 'adjusterUserIds'
      | 'justeringAt'
      | 'justeringPlace'
      | 'contentHash'
    >
  > = {},
): Promise<void> {
  await tx.update(
    Protocol,
    { id: protocol.id, municipalityId: protocol.municipalityId },
    { ...changes, updatedAt: now },
  );
  protocol.updatedAt = now;
  protocol.version += 1;
}

async function paragraphsOf(tx: EntityManager, protocol: Protocol): Promise<Paragraph[]> {
  return tx.find(Paragraph, {
    where: { protocolId: protocol.id, municipalityId: protocol.municipalityId },
    order: { ordinal: 'ASC' },
  });
}

/**
 * Gives the paragraphs the next numbers of the organ's series for their local year (one block
 * from the counter row, in the agenda's order). A protocol is numbered once: at its first
 * immediate justering or when it is locked, whichever comes first.
 */
async function numberParagraphs(tx: EntityManager, organId: number, paragraphs: Paragraph[]) {
  if (paragraphs.length === 0 || paragraphs[0].number !== null) return;
  const { year } = paragraphs[0];
  await tx.query(
    `INSERT INTO paragraph_counters (organ_id, year, next_number) VALUES (?, ?, LAST_INSERT_ID(? + 1))
       ON DUPLICATE KEY UPDATE next_number = LAST_INSERT_ID(next_number + ?)`,
    [organId, year, paragraphs.length, paragraphs.length],
  );
  const [{ next }] = (await tx.query('SELECT LAST_INSERT_ID() AS next')) as Array<{
    next: number | string;
  }>;
  const first = Number(next) - paragraphs.length;
  for (const [index, paragraph] of paragraphs.entries()) {
    paragraph.number = first + index;
    await tx.update(
      Paragraph,
      { id: paragraph.id, municipalityId: paragraph.municipalityId },
      { number: paragraph.number },
    );
  }
}

@Injectable()
export class ProtocolCommands {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly municipalities: Municipalities,
    private readonly organs: Organs,
    private readonly users: Users,
    private readonly people: People,
    private readonly memberships: Memberships,
    private readonly outbox: Outbox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly signatureProviders: SignatureProviders,
    private readonly meetings: MeetingQueries,
    private readonly meetingStatus: RecordMeetingStatus,
    private readonly routeSteps: RouteQueries,
  ) {}

  private async displayName(tenant: Tenant, userId: number): Promise<string> {
    return (await this.users.get(tenant, userId)).user.displayName;
  }

  /** The chair and each justerare once, and as many justerare as the organ elects. */
  private async checkSignerCount(
    tenant: Tenant,
    organId: number,
    signers: ProtocolSigners,
  ): Promise<void> {
    if (
      new Set([signers.chairUserId, ...signers.adjusterUserIds]).size !==
      signers.adjusterUserIds.length + 1
    ) {
      throw new ValidationProblem([
        { field: 'adjusterUserIds', message: 'the chair and each justerare once' },
      ]);
    }
    const organ = await this.organs.get(tenant, organId);
    if (signers.adjusterUserIds.length !== organ.adjustersCount) {
      throw new ValidationProblem([
        {
          field: 'adjusterUserIds',
          message: `${organ.name} elects ${organ.adjustersCount} justerare`,
        },
      ]);
    }
  }

  /**
   * Checks who is named to sign against the organ's seats on the meeting's day and the attendance
   * (see signerProblems): a 422 naming each problem.
   */
  private async checkSigners(
    tenant: Tenant,
    meeting: Pick<Meeting, 'organId' | 'startsAt'>,
    signers: ProtocolSigners,
    attendance: Attendance | null,
  ): Promise<void> {
    const { timeZone } = await this.municipalities.getById(tenant.municipalityId);
    const day = localDate(meeting.startsAt, timeZone);
    const seats = (await this.memberships.listForOrgan(tenant, meeting.organId)).filter((seat) =>
      isActiveOn(seat, day),
    );
    const signer = async (userId: number, field: string): Promise<Signer> => {
      const { user } = await this.users.get(tenant, userId).catch(() => {
        throw new ValidationProblem([{ field, message: `no user ${userId}` }]);
      });
      if (user.personId === null) return { userId, name: null, seats: [] };
      const person = await this.people.get(tenant, user.personId);
      return {
        userId,
        name: person.name,
        seats: seats.filter((seat) => seat.personId === person.id).map((seat) => seat.role),
      };
    };
    const problems = signerProblems(
      await signer(signers.chairUserId, 'chairUserId'),
      await Promise.all(signers.adjusterUserIds.map((id) => signer(id, 'adjusterUserIds'))),
      attendance,
    );
    if (problems.length) throw new ValidationProblem(problems);
  }

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
    signers: ProtocolSigners & { attendance?: Attendance },
  ): Promise<Protocol> {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    if (signers.attendance) validateAttendance(signers.attendance);
    return this.transactions.run(async (tx) => {
      const meeting = await this.meetings.get(principal, meetingId, { tx, lock: true });
      this.assertSecretary(principal, meeting.organId);
      await this.checkSignerCount(principal, meeting.organId, signers);
      if (meeting.status !== 'summoned') {
        throw new ConflictProblem('meeting-not-summoned', `The meeting is ${meeting.status}.`);
      }
      await this.checkSigners(principal, meeting, signers, signers.attendance ?? null);
      const now = this.clock.now();
      const protocol = tx.create(Protocol, {
        municipalityId: principal.municipalityId,
        meetingId: meeting.id,
        organId: meeting.organId,
        status: 'draft',
        chairUserId: signers.chairUserId,
        adjusterUserIds: signers.adjusterUserIds,
        attendance: signers.attendance ?? null,
        justeringAt: null,
        justeringPlace: null,
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
      const items = await this.meetings.items(principal, meeting.id, tx);
      const roles = await this.routeSteps.roles(
        tx,
        principal,
        items.map((item) => item.routeStepId).filter((id): id is number => id !== null),
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
          proceedings: null,
          immediateHash: null,
          adjustedAt: null,
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
        after: {
          meetingId: meeting.id,
          paragraphs: paragraphs.length,
          chairUserId: signers.chairUserId,
          adjusterUserIds: signers.adjusterUserIds,
          attendance: signers.attendance ?? null,
        },
      });
      return protocol;
    });
  }

  /**
   * Sets who attended, who signs (the chair and the justerare, checked against the seats and the
   * attendance), and when and where the protocol is adjusted (a draft only).
   */
  async setHeading(
    principal: Principal,
    protocolId: number,
    heading: ProtocolHeading,
    expectedVersion: number,
  ): Promise<void> {
    const municipality = await this.municipalities.getById(principal.municipalityId);
    if (heading.attendance) validateAttendance(heading.attendance);
    await this.transactions.run(async (tx) => {
      const protocol = await this.editable(tx, principal, protocolId, expectedVersion);
      const before = {
        attendance: protocol.attendance,
        chairUserId: protocol.chairUserId,
        adjusterUserIds: protocol.adjusterUserIds,
        justeringAt: protocol.justeringAt?.toISOString() ?? null,
        justeringPlace: protocol.justeringPlace,
      };
      if (heading.attendance) protocol.attendance = heading.attendance;
      const signers: ProtocolSigners = {
        chairUserId: heading.chairUserId ?? protocol.chairUserId,
        adjusterUserIds: heading.adjusterUserIds ?? protocol.adjusterUserIds,
      };
      if (heading.chairUserId !== undefined || heading.adjusterUserIds !== undefined) {
        await this.checkSignerCount(principal, protocol.organId, signers);
      }
      if (
        heading.attendance ||
        heading.chairUserId !== undefined ||
        heading.adjusterUserIds !== undefined
      ) {
        const meeting = await this.meetings.get(principal, protocol.meetingId, { tx });
        await this.checkSigners(principal, meeting, signers, protocol.attendance);
      }
      protocol.chairUserId = signers.chairUserId;
      protocol.adjusterUserIds = signers.adjusterUserIds;
      if (heading.justeringAt !== undefined) {
        protocol.justeringAt = heading.justeringAt
          ? zonedDateTimeToInstant(
              heading.justeringAt.slice(0, 10),
              heading.justeringAt.slice(11, 16),
              municipality.timeZone,
            )
          : null;
      }
      if (heading.justeringPlace !== undefined) protocol.justeringPlace = heading.justeringPlace;
      await touch(tx, protocol, this.clock.now(), {
        attendance: protocol.attendance,
        chairUserId: protocol.chairUserId,
        adjusterUserIds: protocol.adjusterUserIds,
        justeringAt: protocol.justeringAt,
        justeringPlace: protocol.justeringPlace,
      });
      await this.audit.record(tx, {
        action: 'protocol.heading-updated',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        before,
        after: {
          attendance: protocol.attendance,
          chairUserId: protocol.chairUserId,
          adjusterUserIds: protocol.adjusterUserIds,
          justeringAt: protocol.justeringAt?.toISOString() ?? null,
          justeringPlace: protocol.justeringPlace,
        },
      });
    });
  }

  /** The protocol locked for an edit by its secretary: a draft, at the version read. */
  private async editable(
    tx: EntityManager,
    principal: Principal,
    protocolId: number,
    expectedVersion: number,
  ): Promise<Protocol> {
    const protocol = await this.lock(tx, principal, protocolId);
    this.assertSecretary(principal, protocol.organId);
    if (protocol.status !== 'draft') {
      throw new ConflictProblem('protocol-locked', 'The protocol is locked for justering.');
    }
    assertCurrentVersion('protocol', protocol.version, expectedVersion);
    return protocol;
  }

  /**
   * Edits a paragraph of a draft protocol: its outcome and decision, and what happened under it
   * (yrkanden, propositionsordning, the vote, reservations, jäv, notes, expediering). A vote is
   * counted here, among the members present and the substitutes serving, less those with jäv.
   */
  async updateParagraph(
    principal: Principal,
    protocolId: number,
    paragraphId: number,
    change: ParagraphChange,
    expectedVersion: number,
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const protocol = await this.editable(tx, principal, protocolId, expectedVersion);
      const paragraph = await tx.findOne(Paragraph, {
        where: { id: paragraphId, protocolId, municipalityId: protocol.municipalityId },
      });
      if (!paragraph) throw new NotFoundProblem('paragraph', paragraphId);
      if (paragraph.immediateHash !== null) {
        throw new ConflictProblem(
          'paragraph-frozen',
          'The paragraph is put to immediate justering and no longer changes.',
        );
      }
      if (change.outcome && change.outcome !== 'standing' && paragraph.caseId === null) {
        throw new ValidationProblem([
          { field: 'outcome', message: 'a paragraph without a case has no route outcome' },
        ]);
      }
      const before = {
        outcome: paragraph.outcome,
        decisionText: paragraph.decisionText,
        proceedings: paragraph.proceedings,
      };
      const proceedings: Proceedings = { ...NO_PROCEEDINGS, ...paragraph.proceedings };
      if (change.yrkanden) proceedings.yrkanden = change.yrkanden;
      if (change.propositionsordning !== undefined) {
        proceedings.propositionsordning = change.propositionsordning;
      }
      if (change.reservations) {
        proceedings.reservations = change.reservations.map((reservation) => ({
          member: reservation.member,
          reasons: reservation.reasons ?? null,
        }));
      }
      if (change.jav) proceedings.jav = change.jav;
      if (change.notes) proceedings.notes = change.notes;
      if (change.expediering) proceedings.expediering = change.expediering;
      const vote =
        change.votering !== undefined
          ? change.votering
          : proceedings.votering && {
              question: proceedings.votering.question,
              ballots: proceedings.votering.ballots,
            };
      proceedings.votering = vote
        ? countVotes(vote.question, vote.ballots, {
            voters: votersOf(protocol.attendance),
            jav: proceedings.jav,
            chair: await this.displayName(principal, protocol.chairUserId),
          })
        : null;
      const voters = votersOf(protocol.attendance);
      const strangers = [...proceedings.reservations.map((reservation) => reservation.member)]
        .concat(proceedings.jav)
        .filter((name) => voters && !voters.has(name));
      if (strangers.length) {
        throw new ValidationProblem(
          strangers.map((name) => ({
            field: 'reservations',
            message: `${name} is not a member present or a substitute serving`,
          })),
        );
      }
      if (change.outcome !== undefined) paragraph.outcome = change.outcome;
      if (change.decisionText !== undefined) paragraph.decisionText = change.decisionText;
      if (change.motionAnswer !== undefined) paragraph.motionAnswer = change.motionAnswer;
      if (PROCEEDINGS_FIELDS.some((field) => change[field] !== undefined)) {
        paragraph.proceedings = proceedings;
      }
      await tx.save(paragraph);
      await touch(tx, protocol, this.clock.now());
      await this.audit.record(tx, {
        action: 'protocol.paragraph-updated',
        entityType: 'protocol',
        entityId: protocol.id,
        municipalityId: principal.municipalityId,
        before: { paragraphId, ...before },
        after: {
          paragraphId,
          outcome: paragraph.outcome,
          decisionText: paragraph.decisionText,
          proceedings: paragraph.proceedings,
        },
      });
    });
  }

  /**
   * Records the written reasons of a reservation, handed in before justering. They are part of
   * the protocol: on a protocol already locked, the content changes, so its hash is taken again,
   * the signatures given so far no longer count (they signed something else), and the protocol is
   * rendered again. After justering, reasons come too late and are refused.
   */
  async addReservationReasons(
    principal: Principal,
    protocolId: number,
    paragraphId: number,
    reservation: { member: string; reasons: string },
  ): Promise<void> {
    await this.transactions.run(async (tx) => {
      const protocol = await this.lock(tx, principal, protocolId);
      this.assertSecretary(principal, protocol.organId);
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

  /**
   * Puts one paragraph to immediate justering (omedelbar justering) at the meeting: the protocol
   * is numbered if it was not yet, the paragraph is frozen and hashed, and its chair and
   * justerare sign it on its own. When they have, its outcome and extract go ahead without
   * waiting for the rest of the protocol.
   */
  async requestImmediateJustering(
    principal: Principal,
    protocolId: number,
    paragraphId: number,
    expectedVersion: number,
  ): Promise<Paragraph> {
    return this.transactions.run(async (tx) => {
      const protocol = await this.editable(tx, principal, protocolId, expectedVersion);
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

  /**
   * Locks the protocol for justering: its paragraphs are numbered (unless an immediate justering
   * numbered them already), and the content is hashed. Done once: a second lock, even a concurrent
   * one, is refused.
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
      // Seats and attendance may have changed since the signers were named: checked again.
      const meeting = await this.meetings.get(principal, protocol.meetingId, { tx });
      await this.checkSigners(principal, meeting, protocol, protocol.attendance);
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

  /**
   * The chair or a justerare signs what they read (its hash): the whole protocol, or one
   * paragraph put to immediate justering. The signature is checked by its provider (the login
   * by default). When the last signature is in, the protocol (or the paragraph) is adjusted and
   * each paragraph's outcome goes to its case's route, by jobs.
   */
  async sign(
    principal: Principal,
    protocolId: number,
    request: SignatureRequest,
    paragraphId = 0,
  ): Promise<Protocol> {
    const provider = this.signatureProviders.get(request.method ?? 'login');
    return this.transactions.run(async (tx) => {
      const protocol = await this.lock(tx, principal, protocolId);
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
      if (paragraph.caseId !== null) {
        await this.outbox.enqueue(tx, 'documents.render-extract', {
          municipalityId: tenant.municipalityId,
          paragraphId: paragraph.id,
        });
      }
    }
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
